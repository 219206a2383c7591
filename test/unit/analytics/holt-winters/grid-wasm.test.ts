import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bruteGrid } from '../../../../analytics/holt-winters/brute-grid.ts';
import { laneSearch } from '../../../../analytics/holt-winters/grid-lanes.ts';
import { wasmKernel, wasmLaneSearch } from '../../../../analytics/holt-winters/grid-wasm.ts';
import { initialValues } from '../../../../analytics/holt-winters/initial-values.ts';
import { ADD, type ModelSpec, MUL, NONE } from '../../../../analytics/holt-winters/types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

describe('the committed WebAssembly grid kernel', () => {
  it('is exactly what `npm run build:wasm` builds from wasm/grid.ts', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const args: string[] = pkg.scripts['build:wasm'].split(/\s+/);
    expect(args[0]).toBe('asc');
    const o = args.indexOf('-o');
    const committed = path.join(repoRoot, args[o + 1]!);
    const dir = mkdtempSync(path.join(tmpdir(), 'vigil-wasm-'));
    try {
      const out = path.join(dir, 'grid.wasm');
      args[o + 1] = out;
      const asc = path.join(repoRoot, 'node_modules', 'assemblyscript', 'bin', 'asc.js');
      execFileSync(process.execPath, [asc, ...args.slice(1)], { cwd: repoRoot, stdio: 'pipe' });
      expect(Buffer.compare(readFileSync(out), readFileSync(committed))).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('compiles here (Node has WebAssembly SIMD), so the comparisons below are not vacuous', () => {
    expect(wasmKernel()).not.toBeNull();
  });

  it('falls back to the JS lanes where WebAssembly is missing, with the same reports', () => {
    // `node --jitless` has no WebAssembly global: the fit must run on the JS lanes and report the same thing.
    const script = `
      const { wasmKernel } = await import('./analytics/holt-winters/grid-wasm.ts');
      const { holtWinters } = await import('./analytics/holt-winters/index.ts');
      const y = Array.from({ length: 300 }, (_, i) => 100 + 10 * Math.sin(i / 4) + ((i * 7) % 5) + i / 50);
      const reports = [24, null].map((m) =>
        holtWinters(y, { trend: 'mul', seasonal: m ? 'add' : null, seasonalPeriods: m, steps: 5 }),
      );
      console.log(JSON.stringify({ wasm: wasmKernel() !== null, reports }));`;
    const run = (flags: string[]) =>
      JSON.parse(
        execFileSync(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', script], {
          cwd: repoRoot,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      );
    const jit = run([]);
    const jitless = run(['--jitless']);
    expect(jit.wasm).toBe(true);
    expect(jitless.wasm).toBe(false);
    expect(jitless.reports).toEqual(jit.reports);
  }, 120_000);
});

/** Deterministic uniform(0, 1) stream. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s + 0.5) / 2147483648;
  };
}

/** Positive series of the kinds the engine sees (multiplicative trend needs y > 0). */
const SHAPES: Record<string, (n: number, u: () => number) => number[]> = {
  bytes: (n, u) => {
    let w = 0;
    return Array.from({ length: n }, (_, i) => {
      w += 1.5e6 * (u() - 0.5);
      return Math.round(
        1e10 + 2.5e8 * Math.sin((2 * Math.PI * i) / 1440) + 4e7 * Math.sin((2 * Math.PI * i) / 60) + w,
      );
    });
  },
  seasonal24: (n, u) => Array.from({ length: n }, (_, i) => 50 + 10 * Math.sin((2 * Math.PI * i) / 24) + u()),
  growth: (n, u) => Array.from({ length: n }, (_, i) => 100 * 1.002 ** i * (1 + 0.05 * (u() - 0.5))),
  counts: (n, u) => Array.from({ length: n }, () => 1 + Math.floor(20 * u())),
  step: (n, u) => Array.from({ length: n }, (_, i) => (i < n / 2 ? 10 : 40) + u()),
  walk: (n, u) => {
    let x = 1000;
    return Array.from({ length: n }, () => {
      x = Math.max(1, x + 20 * (u() - 0.5));
      return x;
    });
  },
  constant: (n) => Array.from({ length: n }, () => 7.25),
  // e² overflows: every SSE is +∞ and no point wins.
  huge: (n, u) => Array.from({ length: n }, () => 1e200 * (1 + u())),
  tiny: (n, u) => Array.from({ length: n }, () => 1e-200 * (1 + u())),
};

function statsmodelsOrder(count: number): Int32Array {
  const order = new Int32Array(count);
  let o = 0;
  for (let k = 0; k < count; k += 16) order[o++] = k;
  for (let k = 0; k < count; k++) if (k % 16 !== 0) order[o++] = k;
  return order;
}

function shuffled(count: number, u: () => number): Int32Array {
  const order = Int32Array.from({ length: count }, (_, k) => k);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

describe('wasmLaneSearch against the JS lanes', () => {
  const cases: [string, number, number][] = [];
  for (const shape of Object.keys(SHAPES)) {
    for (const m of [0, 4, 24, 550]) {
      const sizes = m === 550 ? [1100, 1400] : m === 0 ? [1, 2, 3, 11, 200, 720] : [2 * m + 1, 150, 600];
      for (const n of sizes) cases.push([shape, m, n]);
    }
  }
  it.each(cases)('%s, m=%i, n=%i: same winner, bit-identical SSE', (shape, m, n) => {
    const u = rng(n * 31 + m * 7 + shape.length);
    const y = Float64Array.from(SHAPES[shape]!(n, u));
    const spec: ModelSpec = { trend: MUL, seasonal: m > 0 ? ADD : NONE, m, damped: false };
    const grid = bruteGrid(spec);
    const count = grid.length / 3;
    // Heuristic initial states where the series allows them, else simple ones made up here.
    const init = n >= 10 + 2 * Math.floor(m / 2) ? initialValues(y, spec) : null;
    const l0 = init?.level ?? y[0]!;
    const b0 = init?.trend ?? (n > 1 ? y[1]! / y[0]! : 1);
    const s0 = init ? Float64Array.from(init.seasonal) : Float64Array.from({ length: m }, () => u() - 0.5);
    // statsmodels' order (as `bruteStart`), the plain index order, and a random one (ties resolved by index).
    for (const order of [
      statsmodelsOrder(count),
      shuffled(count, u),
      Int32Array.from({ length: count }, (_, k) => k),
    ]) {
      const js = laneSearch(y, l0, b0, s0, grid, order);
      const wasm = wasmLaneSearch(y, l0, b0, s0, grid, order);
      expect(wasm.index).toBe(js.index);
      expect(Object.is(wasm.sse, js.sse)).toBe(true);
    }
  });

  it('drops an instance that a long series grew, and stays exact before and after', () => {
    const u = rng(11);
    const spec: ModelSpec = { trend: MUL, seasonal: ADD, m: 4, damped: false };
    const grid = bruteGrid(spec);
    const order = shuffled(grid.length / 3, u).subarray(0, 24);
    const check = (n: number) => {
      const y = Float64Array.from(SHAPES['walk']!(n, u));
      const s0 = Float64Array.of(0.5, -0.25, 0.125, -0.375);
      const js = laneSearch(y, y[0]!, 1.0001, s0, grid, order);
      const wasm = wasmLaneSearch(y, y[0]!, 1.0001, s0, grid, order);
      expect(wasm.index).toBe(js.index);
      expect(Object.is(wasm.sse, js.sse)).toBe(true);
    };
    const before = wasmKernel();
    check(500);
    expect(wasmKernel()).toBe(before);
    check(400_000); // four interleaved seasonal buffers of 6.4 MB each: more than the instance keeps
    expect(wasmKernel()).not.toBe(before);
    check(500);
  });

  it('handles a partial last pair and fewer points than lanes', () => {
    const u = rng(5);
    const y = Float64Array.from(SHAPES['walk']!(300, u));
    const grid = bruteGrid({ trend: MUL, seasonal: NONE, m: 0, damped: false });
    for (const count of [1, 2, 3, 5, 7, 8, 9, 17]) {
      const order = shuffled(grid.length / 3, u).subarray(0, count);
      const js = laneSearch(y, y[0]!, 1.001, new Float64Array(0), grid, order);
      const wasm = wasmLaneSearch(y, y[0]!, 1.001, new Float64Array(0), grid, order);
      expect(wasm.index).toBe(js.index);
      expect(Object.is(wasm.sse, js.sse)).toBe(true);
    }
  });
});
