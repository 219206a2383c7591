import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bruteGrid } from '../../../../analytics/holt-winters/brute-grid.ts';
import { laneSearch } from '../../../../analytics/holt-winters/grid-lanes.ts';
import { wasmKernel, wasmLaneSearch } from '../../../../analytics/holt-winters/grid-wasm.ts';
import { ADD, type ModelSpec, MUL, NONE } from '../../../../analytics/holt-winters/types.ts';
import { expectSameAsLanes, expectSameResult, kernelCases, rng, SHAPES, shuffled } from './grid-cases.ts';

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
    // The native kernel (which --jitless does not stop) is set aside, so the choice is WebAssembly or JS.
    const script = `
      const { wasmKernel } = await import('./analytics/holt-winters/grid-wasm.ts');
      const { useGridKernel } = await import('./analytics/holt-winters/grid-search.ts');
      const { holtWinters } = await import('./analytics/holt-winters/index.ts');
      useGridKernel(wasmKernel() === null ? 'js' : 'wasm');
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

describe('wasmLaneSearch against the JS lanes', () => {
  it.each(kernelCases())('%s, m=%i, n=%i: same winner, bit-identical SSE', (shape, m, n) => {
    expectSameAsLanes(wasmLaneSearch, shape, m, n);
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
      expectSameResult(wasm, js);
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
      expectSameResult(wasm, js);
    }
  });
});
