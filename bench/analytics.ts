/**
 * Per-series analysis benchmark: Vigil's `analyzeSeries` (default = the original's parameters, see
 * docs/architecture.md: ADF, HP, ACF, decomposition, aggregates, Holt-Winters trend mul / seasonal add / m = 550 with its fallback) against
 * statsmodels/pandas doing the same in a Python subprocess (bench/statsmodels_baseline.py), on the same
 * node_exporter-like series at n = 720, 2,880 and 10,000. Run: `npx tsx bench/analytics.ts` (needs python3 with
 * statsmodels and pandas).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nativeKernel } from '../analytics/holt-winters/grid-native.ts';
import { bestGridKernel, useGridKernel } from '../analytics/holt-winters/grid-search.ts';
import { analyzeSeries } from '../analytics/report.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const SIZES = [720, 2880, 10_000];

/** Deterministic free-memory-like bytes at 1-minute steps: daily and hourly cycles, a slow walk, scrape noise. */
function nodeBytes(n: number, seed: number): { t: number[]; v: number[] } {
  let state = seed;
  const uniform = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state + 0.5) / 2147483648;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const start = 1_710_000_000 - (1_710_000_000 % 60);
  const t: number[] = [];
  const v: number[] = [];
  let walk = 0;
  for (let i = 0; i < n; i++) {
    const ts = start + 60 * i;
    walk += 1.5e6 * normal();
    const x =
      1e10 +
      2.5e8 * Math.sin((2 * Math.PI * ts) / 86400) +
      4e7 * Math.sin((2 * Math.PI * ts) / 3600 + 0.7) +
      walk +
      8e6 * normal();
    t.push(ts);
    v.push(Math.round(x));
  }
  return { t, v };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const data = SIZES.map((n, i) => ({ n, ...nodeBytes(n, 1234 + i) }));
let peakHeap = 0;

/** Median wall and CPU time of `analyzeSeries(input)` at steady state. */
function timeAnalysis(input: Parameters<typeof analyzeSeries>[0], n: number): { ms: number; cpuMs: number } {
  // Warm up to steady state (a pipeline worker analyses series all day): V8 needs ~15 runs at n = 720 before the
  // hot loops are optimised, so a fixed 3 would time the JIT's tiering rather than the code.
  const warmUntil = performance.now() + 500;
  for (let i = 0; i < 5 || performance.now() < warmUntil; i++) analyzeSeries(input);
  const repeats = n >= 10_000 ? 5 : 15;
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    analyzeSeries(input);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  return { ms: median(times), cpuMs: median(cpu) };
}

// The grid search runs in the fastest kernel this process has (see analytics/holt-winters/grid-search.ts); where
// that is the native one, the WebAssembly kernel is timed as well, for machines that cannot build the addon.
const kernel = bestGridKernel();
const isa = kernel === 'native' ? ` (${nativeKernel()!.isa()})` : '';
const ours: { n: number; ms: number; cpuMs: number; wasmMs: number | null; model: string }[] = [];
for (const d of data) {
  const series = d.t.map((t, i) => ({
    t: new Date(t * 1000).toISOString().replace('.000Z', 'Z'),
    v: d.v[i]!,
  }));
  const input = { series };
  const hw = analyzeSeries(input).holt_winters;
  const model = 'error' in hw ? `error ${hw.error.code}` : `m=${hw.model.seasonal_periods ?? 'none'}`;
  useGridKernel(kernel);
  const best = timeAnalysis(input, d.n);
  let wasmMs: number | null = null;
  if (kernel === 'native') {
    useGridKernel('wasm');
    wasmMs = timeAnalysis(input, d.n).ms;
    useGridKernel(kernel);
  }
  ours.push({ n: d.n, ...best, wasmMs, model });
}
const oursRss = process.memoryUsage().rss;

// The machines set OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE for old OpenBLAS builds; they slow a current numpy, so the
// baseline runs without them, at its best. It runs single-threaded like Vigil's per-series analysis: a second
// BLAS thread only spin-waits here (same wall time, double the CPU time), which would flatter the CPU ratio.
// BENCH_PY_THREADS overrides the thread count.
const { OPENBLAS_CORETYPE: _core, OPENBLAS_L2_SIZE: _l2, ...pythonEnv } = process.env;
pythonEnv.OPENBLAS_NUM_THREADS = process.env.BENCH_PY_THREADS ?? '1';
pythonEnv.OMP_NUM_THREADS = process.env.BENCH_PY_THREADS ?? '1';
const py = spawnSync('python3', [path.join(here, 'statsmodels_baseline.py')], {
  env: pythonEnv,
  input: JSON.stringify({ repeats: 3, series: data }),
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (py.status !== 0) {
  console.error(py.error ?? py.stderr);
  if (/No module named/.test(py.stderr ?? '') || py.error) {
    console.error('the baseline needs python3 with statsmodels and pandas: pip install statsmodels pandas');
  }
  process.exit(1);
}
const baseline: { n: number; seconds: number[]; cpu_seconds: number[]; peak_rss_kb: number }[] = JSON.parse(
  py.stdout,
);

// Wall time is what a caller sees; CPU time (this process's user + system) is the steadier comparison on a shared
// machine, where other jobs stretch wall time unevenly between the two halves of the run.
console.log(`grid kernel: ${kernel}${isa}`);
console.log(
  'n        model     vigil (ms)   statsmodels (ms)   speed-up   | cpu: vigil (ms)   statsmodels (ms)   speed-up' +
    '   | vigil, wasm grid (ms)   speed-up',
);
for (const o of ours) {
  const b = baseline.find((x) => x.n === o.n)!;
  const sm = median(b.seconds) * 1000;
  const smCpu = median(b.cpu_seconds) * 1000;
  const wasm =
    o.wasmMs === null
      ? ''
      : `   | ${o.wasmMs.toFixed(2).padStart(20)}   ${(sm / o.wasmMs).toFixed(1).padStart(7)}x`;
  console.log(
    `${String(o.n).padEnd(8)} ${o.model.padEnd(9)} ${o.ms.toFixed(2).padStart(10)}   ${sm.toFixed(1).padStart(16)}   ${(sm / o.ms).toFixed(1).padStart(7)}x` +
      `   | ${o.cpuMs.toFixed(2).padStart(15)}   ${smCpu.toFixed(1).padStart(16)}   ${(smCpu / o.cpuMs).toFixed(1).padStart(7)}x` +
      wasm,
  );
}
console.log(
  `peak: vigil heap ${(peakHeap / 2 ** 20).toFixed(1)} MiB, rss ${(oursRss / 2 ** 20).toFixed(1)} MiB; ` +
    `statsmodels process rss ${(baseline[0]!.peak_rss_kb / 1024).toFixed(1)} MiB`,
);
