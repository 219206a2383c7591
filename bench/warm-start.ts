/**
 * Warm-start benchmark for the Holt-Winters fit at the catalog's configuration (trend mul, seasonal add, m = 550,
 * 10 steps, windows of 1,441 points at 60 s). For every series: a cold fit on window 0, then for each next window
 * (shifted by 5 points, one 5-minute cycle) the warm path from the previous cycle's stored result (α, β, γ, SSE,
 * n, whichever fit produced it, as the pipeline would) and, for comparison, the cold fit on the same window.
 *
 * Series: the 7 demo metrics (`demoHistory`) for several seeds, plus noisier synthetic shapes from a fixed seed.
 * Prints time per fit, the share of warm fits kept, SSE_warm / SSE_cold and the forecast difference in units of
 * the cold fit's residual sd (over kept warm fits; a rejected warm start reports the cold fit itself).
 *
 * Run: `npm run bench:warm-start [-- --seeds 4 --synthetic 16 --cycles 4]`.
 */
import { parseArgs } from 'node:util';
import { movedStates } from '../analytics/holt-winters/fitted-states.ts';
import {
  type HoltWintersOptions,
  type HoltWintersReport,
  holtWinters,
} from '../analytics/holt-winters/index.ts';
import { STATES_BUDGET, WARM_BUDGET, WARM_SSE_TOLERANCE } from '../analytics/holt-winters/warm-start.ts';
import { demoHistory } from '../demo/node-history.ts';
import { mulberry32 } from '../demo/prng.ts';

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '4' },
    synthetic: { type: 'string', default: '16' },
    cycles: { type: 'string', default: '4' },
  },
});
const SEEDS = Number(args.seeds);
const SYNTHETIC = Number(args.synthetic);
const CYCLES = Number(args.cycles);
const W = 1441;
const SHIFT = 5;
const LENGTH = W + SHIFT * CYCLES;
const OPTIONS: HoltWintersOptions = { trend: 'mul', seasonal: 'add', seasonalPeriods: 550, steps: 10 };

interface Series {
  name: string;
  shape: string;
  values: number[];
}

function demoSeries(): Series[] {
  const out: Series[] = [];
  const hours = Math.ceil(((LENGTH - 1) * 60) / 3600);
  for (let seed = 1; seed <= SEEDS; seed++) {
    const history = demoHistory({
      end: 1_764_000_000,
      hours,
      stepSeconds: 60,
      job: 'demo',
      instance: `host-${seed}`,
      seed,
    });
    for (const s of history) {
      const shape = `${s.metric}${s.labels['mountpoint'] ? `{${s.labels['mountpoint']}}` : ''}`;
      out.push({ name: `${shape}#${seed}`, shape, values: s.samples.slice(0, LENGTH).map(([, v]) => v) });
    }
  }
  return out;
}

/**
 * Noisier shapes than the demo's, all strictly positive (the trend is multiplicative): bytes with a random walk,
 * small counts (like fd or process counts), level steps, and load with spikes.
 */
function syntheticSeries(): Series[] {
  const shapes = ['walk-bytes', 'counts', 'steps', 'spiky'] as const;
  const out: Series[] = [];
  for (let i = 0; i < SYNTHETIC; i++) {
    const rand = mulberry32(20_261_130 + i);
    const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const shape = shapes[i % shapes.length]!;
    const phase = rand() * 2 * Math.PI;
    const daily = (k: number) => Math.sin((2 * Math.PI * k) / 1440 + phase);
    const hourly = (k: number) => Math.sin((2 * Math.PI * k) / 60 + phase);
    let walk = 0;
    let level = 0;
    const values = Array.from({ length: LENGTH }, (_, k) => {
      if (shape === 'walk-bytes') {
        walk += 3e6 * normal();
        return Math.round(8e9 + 5e8 * daily(k) + walk + 2e7 * normal());
      }
      if (shape === 'counts') return Math.max(1, Math.round(40 + 15 * daily(k) + 6 * normal()));
      if (shape === 'steps') {
        if (rand() < 0.01) level += 3e8 * (rand() < 0.5 ? -1 : 1);
        return Math.round(5e9 + level + 5e7 * hourly(k) + 3e7 * normal());
      }
      const spike = rand() < 0.02 ? 3 : 1;
      return Math.max(1, Math.round(spike * (1e6 + 2e5 * daily(k)) + 5e4 * normal()));
    });
    out.push({ name: `${shape}#${i}`, shape, values });
  }
  return out;
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

interface Timed {
  report: HoltWintersReport;
  /** Wall time, and the process's CPU time (what other processes on a busy machine do not inflate). */
  ms: number;
  cpuMs: number;
}

function timed(run: () => HoltWintersReport): Timed {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const report = run();
  const c = process.cpuUsage(c0);
  return { report, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

const series = [...demoSeries(), ...syntheticSeries()];
// Steady state, as in a worker that analyses series all day: let V8 optimise the hot loops before timing.
for (let i = 0; i < 3; i++) holtWinters(series[0]!.values.slice(0, W), OPTIONS);

const coldMs: Timed[] = [];
const warmMs: Timed[] = [];
const keptMs: Timed[] = [];
const ratios: number[] = [];
const worst: Array<{ name: string; cycle: number; ratio: number; forecastSd: number }> = [];
const forecastSds: number[] = [];
const reasons = new Map<string, number>();
const byShape = new Map<string, { kept: number; fits: number }>();
for (const s of series) {
  let previous = holtWinters(s.values.slice(0, W), OPTIONS);
  for (let k = 1; k <= CYCLES; k++) {
    const y = s.values.slice(k * SHIFT, k * SHIFT + W);
    const { sse, params } = previous;
    // What the pipeline stores and passes on: with the fitted initial states where the fit moved them.
    const states = movedStates(previous.init, params);
    const warmStart = {
      alpha: params.alpha,
      beta: params.beta,
      gamma: params.gamma,
      sse,
      n: W,
      states: states && { shift: SHIFT, ...states },
    };
    // Alternate the order so neither path profits from the other's caches.
    const first = k % 2 === 0;
    const c1 = first ? timed(() => holtWinters(y, OPTIONS)) : null;
    const warm = timed(() => holtWinters(y, { ...OPTIONS, warmStart }));
    const cold = c1 ?? timed(() => holtWinters(y, OPTIONS));
    coldMs.push(cold);
    warmMs.push(warm);
    const shape = byShape.get(s.shape) ?? { kept: 0, fits: 0 };
    shape.fits++;
    if (warm.report.fit === 'warm') {
      shape.kept++;
      keptMs.push(warm);
      ratios.push(warm.report.sse / cold.report.sse);
      const sd = Math.sqrt(cold.report.sse / W);
      const diff = Math.max(...warm.report.forecast.map((f, j) => Math.abs(f - cold.report.forecast[j]!)));
      forecastSds.push(diff / sd);
      worst.push({ name: s.name, cycle: k, ratio: ratios.at(-1)!, forecastSd: diff / sd });
    } else {
      const reason = (warm.report.fit_reason ?? '').replace(/[0-9.e+-]{4,}/g, '…');
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    byShape.set(s.shape, shape);
    previous = warm.report;
  }
}

const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const fits = coldMs.length;
console.log(
  `Holt-Winters warm start: ${series.length} series × ${CYCLES} cycles = ${fits} fits; n = ${W}, mul/add m = 550; ` +
    `warm budget ${WARM_BUDGET.stage1}+${WARM_BUDGET.stage2} iterations (from stored states ` +
    `${STATES_BUDGET.stage1}+${STATES_BUDGET.stage2}), SSE tolerance ${WARM_SSE_TOLERANCE}`,
);
const cpuOf = (xs: Timed[]) => xs.map((x) => x.cpuMs);
const line = (label: string, xs: Timed[]) => {
  const cpu = cpuOf(xs);
  const wall = xs.map((x) => x.ms);
  console.log(
    `${label.padEnd(34)} CPU p50 ${fmt(quantile(cpu, 0.5))} ms  p95 ${fmt(quantile(cpu, 0.95))} ms   ` +
      `wall p50 ${fmt(quantile(wall, 0.5))} ms  p95 ${fmt(quantile(wall, 0.95))} ms`,
  );
};
line('cold fit', coldMs);
line('warm path (incl. cold fallbacks)', warmMs);
line('warm fit kept', keptMs);
const total = (xs: Timed[]) => cpuOf(xs).reduce((a, b) => a + b, 0);
console.log(
  `speed-up (CPU): p50 ${fmt(quantile(cpuOf(coldMs), 0.5) / quantile(cpuOf(warmMs), 0.5))}×, ` +
    `total ${fmt(total(coldMs) / total(warmMs))}×`,
);
console.log(`warm fits kept: ${ratios.length}/${fits} (${fmt((100 * ratios.length) / fits)} %)`);
console.log(
  `SSE_warm / SSE_cold (kept)        p50 ${fmt(quantile(ratios, 0.5), 6)}  p95 ${fmt(quantile(ratios, 0.95), 6)}  ` +
    `max ${fmt(Math.max(...ratios), 6)}`,
);
console.log(
  `|f_warm − f_cold| / sd (kept)     p50 ${fmt(quantile(forecastSds, 0.5), 4)}  p95 ` +
    `${fmt(quantile(forecastSds, 0.95), 4)}  max ${fmt(Math.max(...forecastSds), 4)}`,
);
console.log('kept warm fits with the highest SSE ratio:');
for (const w of worst.sort((a, b) => b.ratio - a.ratio).slice(0, 5)) {
  console.log(
    `  ${w.name.padEnd(48)} cycle ${w.cycle}  ratio ${fmt(w.ratio, 6)}  forecast ${fmt(w.forecastSd, 4)} sd`,
  );
}
console.log('kept per shape:');
for (const [shape, { kept, fits: n }] of byShape) console.log(`  ${shape.padEnd(48)} ${kept}/${n}`);
if (reasons.size > 0) console.log('why cold:');
for (const [reason, count] of reasons) console.log(`  ${count} × ${reason}`);
