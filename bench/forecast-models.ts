/**
 * Forecast model accuracy and speed (issue #15): every candidate model, the backtest selection (`rankModels`, then
 * `forecastStep` with the chosen model), seasonal naive and statsforecast's AutoETS (a Python subprocess,
 * scripts/reference/statsforecast_baseline.py) on one fixed corpus: the deterministic demo histories (demo/), the
 * recorded histories in test/fixtures/, and public series shipped inside statsmodels. Each series is cut at the
 * last `OUTER` rolling origins, `H` steps apart; at each origin every method sees only the values before it.
 *
 * Reports per method: mean and median MASE (Hyndman & Koehler 2006, scaled by the in-sample one-step naive MAE of
 * the values before the origin) and the share of actual values inside the 80 % and 95 % intervals; then the
 * selection against the best single model and against AutoETS series by series; then the time per series of the
 * forecast step with the ranking amortised over K cycles, against AutoETS's fit + forecast on the same series.
 * Run: `npm run bench:forecast-models` (needs python3 with statsmodels, pandas and statsforecast).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { naiveScale } from '../analytics/forecast/backtest.ts';
import {
  fitModelByName,
  forecastStep,
  MODEL_NAMES,
  type ModelName,
  predictionIntervals,
  rankModels,
} from '../analytics/forecast/index.ts';
import { demoHistory } from '../demo/node-history.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const H = 10;
const OUTER = 3;
/** Cycles between re-rankings: hourly at the pipeline's 5-minute cycle. */
const K = 12;
const LEVELS = [0.8, 0.95];

interface CorpusSeries {
  name: string;
  values: number[];
}

function python(args: string[], input?: string): string {
  const run = spawnSync(
    'python3',
    [path.join(root, 'scripts/reference/statsforecast_baseline.py'), ...args],
    {
      input,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    },
  );
  if (run.status !== 0) throw new Error(`statsforecast_baseline.py ${args[0]} failed: ${run.stderr}`);
  return run.stdout;
}

function corpus(): CorpusSeries[] {
  const out: CorpusSeries[] = [];
  const end = 1_767_225_600;
  for (const s of demoHistory({
    end,
    hours: 24,
    stepSeconds: 60,
    job: 'demo',
    instance: 'demo:9100',
    seed: 7,
  })) {
    const dev = s.labels['mountpoint'] ? ` ${s.labels['mountpoint']}` : '';
    out.push({ name: `demo ${s.metric}${dev}`, values: s.samples.map(([, v]) => v) });
  }
  const fixtures = path.join(root, 'test/fixtures/analytics');
  for (const file of readdirSync(fixtures).sort()) {
    const d = JSON.parse(readFileSync(path.join(fixtures, file), 'utf8')) as {
      series?: Array<{ v: number | null }>;
    };
    const values = (d.series ?? []).map((p) => p.v).filter((v): v is number => v !== null);
    if (values.length >= 300 && values.some((v) => v !== values[0])) {
      out.push({ name: `fixture ${file.replace('.json', '')}`, values });
    }
  }
  for (const file of [
    'mem_20h_1m_m550.json',
    'mem_12h_1m_m60.json',
    'cpu_1m_m60.json',
    'fd_count_m30.json',
  ]) {
    const d = JSON.parse(readFileSync(path.join(root, 'test/fixtures/holt-winters', file), 'utf8')) as {
      values: number[];
    };
    out.push({ name: `fixture hw ${file.replace('.json', '')}`, values: d.values });
  }
  for (const s of JSON.parse(python(['datasets'])) as CorpusSeries[]) out.push(s);
  return out;
}

interface Score {
  mase: number;
  in80: number;
  in95: number;
}

function score(
  actual: number[],
  mean: ArrayLike<number>,
  bands: Array<{ lower: number[]; upper: number[] }>,
  scale: number,
): Score {
  let abs = 0;
  let in80 = 0;
  let in95 = 0;
  for (let k = 0; k < H; k++) {
    const v = actual[k]!;
    abs += Math.abs(v - mean[k]!);
    if (v >= bands[0]!.lower[k]! && v <= bands[0]!.upper[k]!) in80++;
    if (v >= bands[1]!.lower[k]! && v <= bands[1]!.upper[k]!) in95++;
  }
  return { mase: abs / H / scale, in80, in95 };
}

const series = corpus();
type Method = ModelName | 'selection' | 'selection (stale)' | 'AutoETS';
const METHODS: Method[] = ['selection', 'selection (stale)', ...MODEL_NAMES, 'AutoETS'];
/** Values per K cycles (5-minute cycles of 1-minute samples): how old a ranking and full fit get at most. */
const STALE = 5 * K;
/** scores[method][series index] = per-origin scores (missing where the method could not run). */
const scores = new Map<Method, Array<Array<Score | null>>>(METHODS.map((m) => [m, series.map(() => [])]));
const tasks: Array<{ id: string; y: number[]; m: number; actual: number[]; scale: number; s: number }> = [];
const rankMs: number[] = [];
const stepMs: number[] = [];
const keptMs: number[] = [];
const chosenCount = new Map<string, number>();

// Warm-up: the JIT's first runs are not what a long-running worker sees.
for (let i = 0; i < 3; i++) rankModels(series[0]!.values.slice(0, -H * OUTER));

const started = performance.now();
series.forEach((s, si) => {
  const y = s.values;
  for (let o = OUTER; o >= 1; o--) {
    const origin = y.length - o * H;
    const train = y.slice(0, origin);
    const actual = y.slice(origin, origin + H);
    const scale = naiveScale(train);
    let t = performance.now();
    const ranking = rankModels(train, { levels: [] });
    rankMs.push(performance.now() - t);
    t = performance.now();
    const step = forecastStep({ values: train, model: ranking.chosen, period: ranking.period, horizon: H });
    stepMs.push(performance.now() - t);
    chosenCount.set(ranking.chosen, (chosenCount.get(ranking.chosen) ?? 0) + 1);
    scores.get('selection')![si]!.push(score(actual, step.mean, step.bands, scale));
    t = performance.now();
    forecastStep({
      values: train,
      model: ranking.chosen,
      period: ranking.period,
      horizon: H,
      keep: step.params,
    });
    keptMs.push(performance.now() - t);
    // The deployed scheme at its stalest: ranking and full fit K cycles ago, this cycle runs with kept parameters.
    const old = train.slice(0, -STALE);
    try {
      const oldRanking = rankModels(old, { levels: [] });
      const oldFit = forecastStep({
        values: old,
        model: oldRanking.chosen,
        period: oldRanking.period,
        horizon: H,
      });
      const stale = forecastStep({
        values: train,
        model: oldRanking.chosen,
        period: oldRanking.period,
        horizon: H,
        keep: oldFit.params,
      });
      scores.get('selection (stale)')![si]!.push(score(actual, stale.mean, stale.bands, scale));
    } catch {
      scores.get('selection (stale)')![si]!.push(null);
    }
    for (const name of MODEL_NAMES) {
      try {
        const dist = fitModelByName(train, name, ranking.period).forecast(train, H);
        scores.get(name)![si]!.push(score(actual, dist.mean, predictionIntervals(dist, LEVELS).bands, scale));
      } catch {
        scores.get(name)![si]!.push(null);
      }
    }
    tasks.push({ id: `${si}/${o}`, y: train, m: ranking.period ?? 1, actual, scale, s: si });
  }
});
const vigilSeconds = (performance.now() - started) / 1000;

const ets = JSON.parse(
  python(
    ['autoets'],
    JSON.stringify({ h: H, levels: [80, 95], tasks: tasks.map(({ id, y, m }) => ({ id, y, m })) }),
  ),
) as Array<Record<string, number[] | string | number | null>>;
const etsSeconds: number[] = [];
ets.forEach((row, i) => {
  const task = tasks[i]!;
  etsSeconds.push(row['seconds'] as number);
  const list = scores.get('AutoETS')![task.s]!;
  if (row['error']) {
    list.push(null);
    return;
  }
  const band = (l: number) => ({ lower: row[`lo-${l}`] as number[], upper: row[`hi-${l}`] as number[] });
  list.push(score(task.actual, row['mean'] as number[], [band(80), band(95)], task.scale));
});

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
/** Per-series mean MASE over the origins, for series where the method ran at every origin. */
const perSeries = (m: Method) =>
  scores.get(m)!.map((list) => (list.every((x) => x !== null) ? mean(list.map((x) => x!.mase)) : null));

console.log(
  `corpus: ${series.length} series (${series.filter((s) => s.name.startsWith('demo')).length} demo, ` +
    `${series.filter((s) => s.name.startsWith('fixture')).length} fixtures, ` +
    `${series.filter((s) => s.name.startsWith('statsmodels')).length} statsmodels datasets), ` +
    `${OUTER} origins × ${H} steps each\n`,
);
const selection = perSeries('selection');
const rows = METHODS.map((m) => {
  const ps = perSeries(m);
  const ran = ps.map((v, i) => (v === null ? -1 : i)).filter((i) => i >= 0);
  const all = scores
    .get(m)!
    .flat()
    .filter((x): x is Score => x !== null);
  const steps = all.length * H;
  return {
    method: m,
    series: ran.length,
    meanMase: mean(ran.map((i) => ps[i]!)),
    medianMase: median(ran.map((i) => ps[i]!)),
    selectionSame: mean(ran.map((i) => selection[i]!)),
    cov80: all.reduce((a, x) => a + x.in80, 0) / steps,
    cov95: all.reduce((a, x) => a + x.in95, 0) / steps,
  };
});
const pad = (s: string, w: number) => s.padEnd(w);
const num = (v: number, w = 9) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a').padStart(w);
console.log(
  `${pad('method', 16)}${'series'.padStart(7)}${'MASE mean'.padStart(11)}${'median'.padStart(9)}` +
    `${'sel. same'.padStart(11)}${'cov 80%'.padStart(9)}${'cov 95%'.padStart(9)}`,
);
for (const r of rows) {
  console.log(
    `${pad(r.method, 16)}${String(r.series).padStart(7)}${num(r.meanMase, 11)}${num(r.medianMase)}` +
      `${num(r.selectionSame, 11)}${num(r.cov80)}${num(r.cov95)}`,
  );
}
console.log(`\n"sel. same": the selection's mean MASE on the series where that method ran.`);
console.log(`chosen models: ${[...chosenCount].map(([k, v]) => `${k} ${v}`).join(', ')}`);

const singles = rows.filter(
  // Single models only: not the selection itself, nor its stale variant, nor the external baseline.
  (r) => !r.method.startsWith('selection') && r.method !== 'AutoETS' && r.series === series.length,
);
const best = singles.sort((a, b) => a.meanMase - b.meanMase)[0];
const sel = rows[0]!;
if (best) {
  console.log(
    `selection mean MASE ${sel.meanMase.toFixed(3)} vs best single model running on every series ` +
      `(${best.method}) ${best.meanMase.toFixed(3)}: ${sel.meanMase <= best.meanMase ? 'met' : 'NOT met'}`,
  );
}
const etsPs = perSeries('AutoETS');
const both = selection.map((v, i) => [v, etsPs[i]] as const).filter(([a, b]) => a !== null && b !== null);
const wins = both.filter(([a, b]) => a! <= b!).length;
console.log(
  `selection MASE ≤ AutoETS's on ${wins} of ${both.length} series: ${wins * 2 > both.length ? 'met' : 'NOT met'}; ` +
    `selection 95 % coverage ${(sel.cov95 * 100).toFixed(1)} % (target 90–98 %): ` +
    `${sel.cov95 >= 0.9 && sel.cov95 <= 0.98 ? 'met' : 'NOT met'}`,
);

const rank = mean(rankMs);
const step = mean(stepMs);
const kept = mean(keptMs);
/** Every K cycles: ranking and the chosen model's full fit; the other K − 1 cycles: kept smoothing parameters. */
const cycleCost = (r: number, f: number, k: number) => (r + f) / K + (k * (K - 1)) / K;
const perCycle = cycleCost(rank, step, kept);
const etsMs = mean(etsSeconds) * 1000;
console.log(
  `\nspeed per series (mean over ${tasks.length} series-origins, n ${Math.min(...tasks.map((t) => t.y.length))}–` +
    `${Math.max(...tasks.map((t) => t.y.length))}): ranking ${rank.toFixed(1)} ms, forecast step ` +
    `${step.toFixed(1)} ms (full fit) / ${kept.toFixed(2)} ms (kept parameters); per cycle with ranking and ` +
    `full fit every ${K} cycles ${perCycle.toFixed(1)} ms (full fit every cycle: ${(step + rank / K).toFixed(1)} ms); ` +
    `AutoETS fit + forecast ${etsMs.toFixed(1)} ms → Vigil ${(etsMs / perCycle).toFixed(2)}× AutoETS's speed`,
);
const demoTasks = tasks.map((t, i) => ({ t, i })).filter(({ t }) => series[t.s]!.name.startsWith('demo'));
const pick = (xs: number[], which: Array<{ i: number }>) => mean(which.map(({ i }) => xs[i]!));
const demoCycle = cycleCost(pick(rankMs, demoTasks), pick(stepMs, demoTasks), pick(keptMs, demoTasks));
const seasonalTasks = tasks.map((t, i) => ({ t, i })).filter(({ t }) => t.m > 1);
const seasonalCycle = cycleCost(
  pick(rankMs, seasonalTasks),
  pick(stepMs, seasonalTasks),
  pick(keptMs, seasonalTasks),
);
console.log(
  `demo series (24 h at 1 min): ${demoCycle.toFixed(1)} ms per series per cycle → 10,000 series need ` +
    `${((10_000 * demoCycle) / 1000 / 2).toFixed(0)} s per cycle on 2 cores (budget 300 s, shared with the rest ` +
    `of the cycle); series with a detected period (${seasonalTasks.length} series-origins): ` +
    `${seasonalCycle.toFixed(1)} ms per series per cycle → ${((10_000 * seasonalCycle) / 1000 / 2).toFixed(0)} s; ` +
    `Vigil part of this run ${vigilSeconds.toFixed(0)} s`,
);
