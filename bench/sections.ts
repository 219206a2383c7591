/**
 * Where the CPU of one series' analysis goes, section by section, at the catalog's configuration (1,441 points at
 * 60 s, ADF maxlag 3 / AIC, HP λ = 1600, ACF, decomposition period 60, 1h/3h/12h aggregates, Holt-Winters mul/add
 * m = 550, 10 steps), for a cold fit and a warm-started one. Series: the demo fleet's 7 metrics per host, as
 * `bench:cycle` backfills them. The warm start of each series is its cold fit on the window one cycle (5 points)
 * earlier, as a pipeline stores it.
 *
 * `--baseline <git ref>` also times that commit's analytics in the same process, series by series in alternating
 * order (the tree is extracted with `git archive` into the system's temporary folder), so load on a shared machine falls on
 * both alike; it prints before/after per section with the ratio, and the largest relative difference between the
 * two versions' reports. It also times Holt-Winters' parts on their own (grid search, its coarse pass, a whole
 * cold fit, a warm fit attempt), byte-sized series apart from small-valued ones.
 *
 * Figures are CPU time of this process (user + system) per series, in ms, summed over the series and divided.
 *
 * Run: `npm run bench:sections [-- --hosts 30 --rounds 3 --baseline HEAD~3]`.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { movedStates } from '../analytics/holt-winters/fitted-states.ts';
import { loadCatalog } from '../config/catalog.ts';
import { demoHistory } from '../demo/node-history.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const W = 1441;
const SHIFT = 5;

const { values: args } = parseArgs({
  options: {
    hosts: { type: 'string', default: '30' },
    rounds: { type: 'string', default: '3' },
    baseline: { type: 'string' },
  },
});

/** The modules a version is timed through, by the name the bench uses. */
const MODULES = {
  series: 'analytics/series.ts',
  adf: 'analytics/adf.ts',
  hp: 'analytics/hp.ts',
  acf: 'analytics/acf.ts',
  decompose: 'analytics/decompose.ts',
  aggregates: 'analytics/aggregates.ts',
  hw: 'analytics/holt-winters/index.ts',
  report: 'analytics/report.ts',
  params: 'analytics/params.ts',
  task: 'activities/pipeline/build-message.ts',
  message: 'contracts/analysis-message.ts',
  fit: 'analytics/holt-winters/fit.ts',
  grid: 'analytics/holt-winters/brute-grid.ts',
  init: 'analytics/holt-winters/initial-values.ts',
  rec: 'analytics/holt-winters/recursions.ts',
  warm: 'analytics/holt-winters/warm-start.ts',
} as const;

/**
 * One version of the analytics, imported from a source tree (this one, or a baseline commit's). The modules are
 * untyped: a baseline's exports are only known at run time.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
async function loadVersion(root: string): Promise<Record<keyof typeof MODULES, any>> {
  const entries = await Promise.all(
    Object.entries(MODULES).map(async ([name, file]) => [
      name,
      await import(pathToFileURL(join(root, file)).href),
    ]),
  );
  return Object.fromEntries(entries);
}
type Version = Awaited<ReturnType<typeof loadVersion>>;

/**
 * A baseline commit's tree, extracted under the system's temporary folder with this tree's node_modules linked in
 * and the native grid kernel built from that commit's own source.
 */
function extractBaseline(ref: string): { sha: string; root: string } {
  const sha = execFileSync('git', ['rev-parse', ref], { cwd: ROOT, encoding: 'utf8' }).trim();
  const root = join(tmpdir(), 'vigil-bench-baseline', sha);
  if (!existsSync(join(root, 'package.json'))) {
    mkdirSync(root, { recursive: true });
    execFileSync('bash', ['-c', `git archive ${sha} | tar -x -C ${JSON.stringify(root)}`], { cwd: ROOT });
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    execFileSync('bash', [join(root, 'scripts', 'build-native.sh')], { cwd: root, stdio: 'inherit' });
  }
  return { sha, root };
}

const catalog = loadCatalog(join(ROOT, 'config', 'metrics.catalog.json'));
const rawParams = catalog.metrics[0]!.params as Record<string, Record<string, unknown>>;

interface Input {
  name: string;
  samples: Array<{ t: string; v: number }>;
  previous: Array<{ t: string; v: number }>;
}

function fleet(hosts: number): Input[] {
  const out: Input[] = [];
  for (let h = 0; h < hosts; h++) {
    const history = demoHistory({
      end: 1_764_000_000,
      hours: 25,
      stepSeconds: 60,
      job: 'bench',
      instance: `host-${h}`,
      seed: h + 1,
    });
    for (const s of history) {
      const all = s.samples.slice(-(W + SHIFT)).map(([t, v]) => ({ t: new Date(t * 1000).toISOString(), v }));
      out.push({ name: `${s.metric}#${h}`, samples: all.slice(SHIFT), previous: all.slice(0, W) });
    }
  }
  return out;
}

const SECTIONS = ['prepare', 'adf', 'hp', 'acf', 'decompose', 'aggregates', 'hw', 'scan', 'encode'] as const;
type SectionName = (typeof SECTIONS)[number];
type Totals = Record<SectionName, number>;
const zero = (): Totals => Object.fromEntries(SECTIONS.map((s) => [s, 0])) as Totals;

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/**
 * One series through the same steps as `analyzeSeries` + `runAnalysisTask`, timing each; returns the report.
 * Section parameters are parsed once per series as the report does.
 */
function analyzeTimed(v: Version, input: Input, warmStart: unknown, into: Totals) {
  let t = cpuMs();
  const lap = (name: SectionName) => {
    const now = cpuMs();
    into[name] += now - t;
    t = now;
  };
  const p = (schema: { parse(x: unknown): unknown }, key: string) =>
    schema.parse(rawParams[key] ?? {}) as never;
  const series = v.series.prepareSeries(input.samples);
  lap('prepare');
  const report: Record<string, unknown> = {};
  const run = (fn: () => unknown) => {
    try {
      return fn();
    } catch (err) {
      return { error: String(err) };
    }
  };
  report['adf'] = run(() =>
    v.adf.adfuller(v.series.orderedValues(series), p(v.params.adfParamsSchema, 'adf')),
  );
  lap('adf');
  report['hp'] = run(() =>
    v.hp.hpfilter(
      v.series.orderedValues(series),
      (p(v.params.hpParamsSchema, 'hp') as { lambda: number }).lambda,
    ),
  );
  lap('hp');
  report['acf'] = run(() =>
    v.acf.acf(v.series.orderedValues(series), {
      nlags: (p(v.params.acfParamsSchema, 'acf') as { nlags: number | null }).nlags,
    }),
  );
  lap('acf');
  report['decompose'] = run(() =>
    v.decompose.seasonalDecompose(
      v.series.orderedValues(series),
      p(v.params.decomposeParamsSchema, 'decompose'),
    ),
  );
  lap('decompose');
  const timed = v.series.timedValues(series);
  const { windows } = p(v.params.aggregatesParamsSchema, 'aggregates') as { windows: string[] };
  report['aggregates'] = run(() => v.aggregates.trailingWindowAggregates(timed, windows));
  report['aggregates_resampled'] = run(() => v.aggregates.resampledAggregates(timed, windows));
  lap('aggregates');
  const h = p(v.params.holtWintersParamsSchema, 'holt_winters') as Record<string, never>;
  report['holt_winters'] = run(() =>
    v.hw.holtWinters(v.series.orderedValues(series), {
      trend: h['trend'],
      seasonal: h['seasonal'],
      seasonalPeriods: h['seasonal_periods'],
      damped: h['damped'],
      steps: h['steps'],
      params: h['params'],
      warmStart,
    }),
  );
  lap('hw');
  for (const value of Object.values(report)) v.report.firstNonFinitePath(value);
  lap('scan');
  const window = { start: input.samples[0]!.t, end: input.samples.at(-1)!.t, stepSeconds: 60 };
  const ref = { key: input.name, metric: input.name, labels: {} };
  const message = v.task.buildMessage('bench', window, ref, input.samples, report, new Date(0));
  v.message.encodeAnalysisMessage(message);
  lap('encode');
  return report;
}

/** The catalog's model as the fit's internal spec (undamped, as the catalog's). */
const HW_PARAMS = rawParams['holt_winters'] as { trend: string; seasonal: string; seasonal_periods: number };
const KIND: Record<string, number> = { add: 1, mul: 2 };
const SPEC = {
  trend: KIND[HW_PARAMS.trend] ?? 0,
  seasonal: KIND[HW_PARAMS.seasonal] ?? 0,
  m: HW_PARAMS.seasonal_periods,
  damped: false,
};

/**
 * Holt-Winters' parts on one series, each timed on its own: the brute-force grid, its coarse pass (the warm check's
 * bar), a whole cold fit, and a warm fit attempt from `start` (before the checks that decide whether it is kept).
 */
function hwInternals(
  v: Version,
  y: Float64Array,
  start: WarmStartLike,
  into: Map<string, number>,
  group: string,
) {
  const time = (name: string, fn: () => unknown) => {
    const t = cpuMs();
    fn();
    const key = `${name}, ${group}`;
    into.set(key, (into.get(key) ?? 0) + cpuMs() - t);
  };
  const init = v.init.initialValues(y, SPEC);
  const p = new Float64Array(6 + SPEC.m);
  p[3] = init.level;
  p[4] = init.trend ?? 0;
  p[5] = 1;
  p.set(init.seasonal, 6);
  time('grid search', () => v.grid.bruteStart(y, SPEC, p, new v.rec.Workspace(y.length, SPEC.m)));
  time("grid's coarse pass", () => v.fit.coarseGridSse(y, SPEC, init));
  time('cold fit', () => v.fit.fitModel(y, SPEC));
  if (start !== null) time('warm fit attempt', () => v.fit.warmFitModel(y, SPEC, start, v.warm.WARM_BUDGET));
}
type WarmStartLike = { alpha: number; beta: number | null; gamma: number | null } | null;

/** Largest relative difference between two JSON-like values' numbers (|a − b| / max(|a|, |b|, 1e-300)). */
function maxRelDiff(a: unknown, b: unknown, path = ''): { rel: number; path: string } {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return { rel: 0, path };
    return { rel: Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300), path };
  }
  let worst = { rel: 0, path };
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    for (const key of Object.keys(a)) {
      const d = maxRelDiff(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (d.rel > worst.rel) worst = d;
    }
  } else if (a !== b) worst = { rel: Number.POSITIVE_INFINITY, path };
  return worst;
}

async function main(): Promise<void> {
  const current = await loadVersion(ROOT);
  const versions: Array<{ label: string; v: Version }> = [{ label: 'this tree', v: current }];
  if (args.baseline) {
    const { sha, root } = extractBaseline(args.baseline);
    versions.unshift({ label: `baseline ${sha.slice(0, 10)}`, v: await loadVersion(root) });
  }
  const inputs = fleet(Number(args.hosts));
  // The warm start each series would have: its cold fit one cycle earlier (from this tree; both versions use it,
  // a baseline without stored states ignores them).
  const warmStarts = inputs.map((input) => {
    const hw = current.report.analyzeSeries({ series: input.previous, params: rawParams }).holt_winters;
    if ('error' in hw) return null;
    // As the pipeline stores it: with the fitted initial states where the fit moved them (small-valued series).
    const states = movedStates(hw.init, hw.params);
    return {
      alpha: hw.params.alpha,
      beta: hw.params.beta,
      gamma: hw.params.gamma,
      sse: hw.sse,
      n: W,
      states: states && { shift: SHIFT, ...states },
    };
  });

  // Warm-up to steady state (a pool thread analyses series all day): every version, both paths, a few series.
  const scratch = zero();
  for (const { v } of versions) {
    for (const input of inputs.slice(0, 14)) {
      analyzeTimed(v, input, null, scratch);
      analyzeTimed(v, input, warmStarts[inputs.indexOf(input)], scratch);
    }
  }

  const totals = versions.map(() => ({ cold: zero(), warm: zero(), warmKept: 0 }));
  const internals = versions.map(() => new Map<string, number>());
  const groupCount = new Map<string, number>();
  // Small-valued series (fd counts) fit very differently from byte-sized ones (see warm-start.ts): apart.
  const groupOf = (name: string) => (name.startsWith('node_filefd_allocated') ? 'fd counts' : 'bytes');
  const worst = { cold: { rel: 0, path: '' }, warm: { rel: 0, path: '' } };
  const rounds = Number(args.rounds);
  let count = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < inputs.length; i++) {
      const order = (i + r) % 2 === 0 ? versions.map((_, k) => k) : versions.map((_, k) => k).reverse();
      const reports: Array<{ cold: unknown; warm: unknown }> = [];
      for (const k of order) {
        const cold = analyzeTimed(versions[k]!.v, inputs[i]!, null, totals[k]!.cold);
        const warm = analyzeTimed(versions[k]!.v, inputs[i]!, warmStarts[i], totals[k]!.warm) as {
          holt_winters: { fit?: string };
        };
        if (warm.holt_winters.fit === 'warm') totals[k]!.warmKept++;
        reports[k] = { cold, warm };
        const y = Float64Array.from(inputs[i]!.samples, (x) => x.v);
        hwInternals(versions[k]!.v, y, warmStarts[i] ?? null, internals[k]!, groupOf(inputs[i]!.name));
      }
      const group = groupOf(inputs[i]!.name);
      groupCount.set(group, (groupCount.get(group) ?? 0) + 1);
      if (versions.length === 2 && r === 0) {
        for (const path of ['cold', 'warm'] as const) {
          const d = maxRelDiff(reports[0]![path], reports[1]![path]);
          if (d.rel > worst[path].rel) worst[path] = { rel: d.rel, path: `${inputs[i]!.name}${d.path}` };
        }
      }
      count++;
    }
  }

  const per = (x: number) => x / count;
  const fmt = (x: number) => per(x).toFixed(3).padStart(9);
  const sum = (t: Totals) => SECTIONS.reduce((a, s) => a + t[s], 0);
  console.log(
    `bench:sections  ${inputs.length} series × ${W} points × ${rounds} rounds, catalog params; CPU ms per series`,
  );
  for (const path of ['cold', 'warm'] as const) {
    console.log(`\n${path} Holt-Winters fit`);
    console.log(
      `${'section'.padEnd(12)}${versions.map((x) => x.label.padStart(22)).join('')}${versions.length === 2 ? '     ratio' : ''}`,
    );
    for (const s of [...SECTIONS, 'total'] as const) {
      const values = totals.map((t) => (s === 'total' ? sum(t[path]) : t[path][s]));
      const ratio =
        versions.length === 2 ? `${(values[0]! / Math.max(values[1]!, 1e-9)).toFixed(2).padStart(9)}x` : '';
      console.log(`${s.padEnd(12)}${values.map((x) => fmt(x).padStart(22)).join('')}${ratio}`);
    }
  }
  console.log('\nHolt-Winters parts, CPU ms per call');
  for (const key of internals[0]!.keys()) {
    const n = groupCount.get(key.slice(key.lastIndexOf(', ') + 2))!;
    const values = internals.map((m) => m.get(key)! / n);
    const ratio = versions.length === 2 ? `${(values[0]! / values[1]!).toFixed(2).padStart(9)}x` : '';
    console.log(`${key.padEnd(30)}${values.map((x) => x.toFixed(3).padStart(22)).join('')}${ratio}`);
  }
  console.log(
    `\nwarm fits kept: ${totals.map((t, k) => `${versions[k]!.label} ${t.warmKept}/${count}`).join(', ')}`,
  );
  if (versions.length === 2) {
    for (const path of ['cold', 'warm'] as const) {
      console.log(
        `largest relative difference between the versions' reports (${path}): ${worst[path].rel.toExponential(2)} at ${worst[path].path || '-'}`,
      );
    }
  }
}

await main();
