import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { bruteGrid } from '../../../../analytics/holt-winters/brute-grid.ts';
import { laneSearch } from '../../../../analytics/holt-winters/grid-lanes.ts';
import {
  loadNativeKernel,
  NATIVE_ADDON,
  type NativeKernel,
  nativeKernel,
  nativeLaneSearch,
  nativeSearchOn,
} from '../../../../analytics/holt-winters/grid-native.ts';
import { bestGridKernel, gridKernel, useGridKernel } from '../../../../analytics/holt-winters/grid-search.ts';
import { holtWinters } from '../../../../analytics/holt-winters/index.ts';
import { MUL, NONE } from '../../../../analytics/holt-winters/types.ts';
import { expectSameAsLanes, expectSameResult, kernelCases, rng, SHAPES, shuffled } from './grid-cases.ts';

describe('the native grid kernel', () => {
  afterEach(() => useGridKernel(undefined));

  it('is built on this machine by provisioning, so the comparisons below are not vacuous', () => {
    expect(existsSync(NATIVE_ADDON)).toBe(true);
    expect(statSync(NATIVE_ADDON).size).toBeGreaterThan(0);
    expect(nativeKernel()).not.toBeNull();
    expect(['avx512f', 'avx2', 'x86-64']).toContain(nativeKernel()!.isa());
    expect(bestGridKernel()).toBe('native');
  });

  it('is reported unavailable, not thrown, where the addon is missing or is not an addon', () => {
    expect(loadNativeKernel('/nonexistent/grid.node')).toBeNull();
    expect(loadNativeKernel(new URL(import.meta.url).pathname)).toBeNull();
  });

  it('refuses malformed arguments with a TypeError instead of reading out of bounds', () => {
    const k = nativeKernel()!;
    const y = Float64Array.of(1, 2, 3);
    const grid = bruteGrid({ trend: MUL, seasonal: NONE, m: 0, damped: false });
    const out = new Float64Array(2);
    const none = new Float64Array(0);
    const call =
      (...args: unknown[]) =>
      () =>
        (k.search as (...a: unknown[]) => void)(...args);
    expect(call(y, 1, 1, none, grid, Int32Array.of(0), 0)).toThrow(TypeError);
    expect(call([1, 2, 3], 1, 1, none, grid, Int32Array.of(0), 0, out)).toThrow(TypeError);
    expect(call(y, 1, 1, none, grid, Float64Array.of(0), 0, out)).toThrow(TypeError);
    expect(call(y, 1, 1, none, grid, Int32Array.of(grid.length), 0, out)).toThrow(/out of the grid/);
    expect(call(y, 1, 1, none, grid, Int32Array.of(-1), 0, out)).toThrow(/out of the grid/);
    expect(call(none, 1, 1, none, grid, Int32Array.of(0), 0, out)).toThrow(TypeError);
    expect(call(y, '1', 1, none, grid, Int32Array.of(0), 0, out)).toThrow(TypeError);
    expect(call(y, 1, 1, none, grid, Int32Array.of(0), 0, new Float64Array(1))).toThrow(TypeError);
  });

  it('handles a partial last vector and fewer points than lanes', () => {
    const u = rng(5);
    const y = Float64Array.from(SHAPES['walk']!(300, u));
    const grid = bruteGrid({ trend: MUL, seasonal: NONE, m: 0, damped: false });
    for (const count of [0, 1, 2, 7, 8, 9, 31, 32, 33, 65]) {
      const order = shuffled(grid.length / 3, u).subarray(0, count);
      const none = new Float64Array(0);
      expectSameResult(
        nativeLaneSearch(y, y[0]!, 1.001, none, grid, order),
        laneSearch(y, y[0]!, 1.001, none, grid, order),
      );
    }
  });

  it('gives the same Holt-Winters reports as the WebAssembly and JS kernels', () => {
    const y = SHAPES['bytes']!(1400, rng(3));
    const reports = (['native', 'wasm', 'js'] as const).map((name) => {
      useGridKernel(name);
      expect(gridKernel()).toBe(name);
      return [550, 24, null].map((m) =>
        holtWinters(y, { trend: 'mul', seasonal: m ? 'add' : null, seasonalPeriods: m, steps: 10 }),
      );
    });
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[2]).toEqual(reports[0]);
  });
});

describe('nativeLaneSearch against the JS lanes', () => {
  it.each(kernelCases())('%s, m=%i, n=%i: same winner, bit-identical SSE', (shape, m, n) => {
    expectSameAsLanes(nativeLaneSearch, shape, m, n);
  });
});

describe('narrower builds of the native kernel (the code CPUs without AVX-512 run)', () => {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-native-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const build = (maxIsa: number): NativeKernel => {
    const out = path.join(dir, `grid-${maxIsa}.node`);
    execFileSync(
      'bash',
      [path.join(repoRoot, 'scripts', 'build-native.sh'), '--out', out, '--max-isa', String(maxIsa)],
      {
        stdio: 'pipe',
      },
    );
    const kernel = loadNativeKernel(out);
    expect(kernel).not.toBeNull();
    return kernel!;
  };
  // Every fifth case keeps the two extra builds' comparisons to a few seconds; the full set runs on the main build.
  const cases = kernelCases().filter((_, i) => i % 5 === 0);

  it.each([
    [256, 'avx2'],
    [128, 'x86-64'],
  ] as const)(
    '--max-isa %i runs %s code and matches the JS lanes bit for bit',
    (maxIsa, isa) => {
      const kernel = build(maxIsa);
      expect(kernel.isa()).toBe(isa);
      const search = nativeSearchOn(kernel);
      for (const [shape, m, n] of cases) expectSameAsLanes(search, shape, m, n);
    },
    120_000,
  );
});
