/**
 * Shared cases for the grid kernels' tests: each kernel must return the JS lanes' winner and SSE, bit for bit, on
 * series of every kind the engine sees, for statsmodels' visiting order and others (ties are resolved by index).
 */
import { expect } from 'vitest';
import { bruteGrid } from '../../../../analytics/holt-winters/brute-grid.ts';
import { type LaneSearchResult, laneSearch } from '../../../../analytics/holt-winters/grid-lanes.ts';
import { initialValues } from '../../../../analytics/holt-winters/initial-values.ts';
import { ADD, type ModelSpec, MUL, NONE } from '../../../../analytics/holt-winters/types.ts';

export type LaneSearch = typeof laneSearch;

/** Deterministic uniform(0, 1) stream. */
export function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s + 0.5) / 2147483648;
  };
}

/** Positive series of the kinds the engine sees (multiplicative trend needs y > 0). */
export const SHAPES: Record<string, (n: number, u: () => number) => number[]> = {
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

export function shuffled(count: number, u: () => number): Int32Array {
  const order = Int32Array.from({ length: count }, (_, k) => k);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** (shape, m, n) for every shape: no seasonality down to n = 1, short and long seasonal series, the original m = 550. */
export function kernelCases(): [string, number, number][] {
  const cases: [string, number, number][] = [];
  for (const shape of Object.keys(SHAPES)) {
    for (const m of [0, 4, 24, 550]) {
      const sizes = m === 550 ? [1100, 1400] : m === 0 ? [1, 2, 3, 11, 200, 720] : [2 * m + 1, 150, 600];
      for (const n of sizes) cases.push([shape, m, n]);
    }
  }
  return cases;
}

/** Runs one case through `search` and the JS lanes, in three visiting orders, and expects identical results. */
export function expectSameAsLanes(search: LaneSearch, shape: string, m: number, n: number): void {
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
  // statsmodels' order (as `bruteStart`), a random one, and the plain index order.
  for (const order of [
    statsmodelsOrder(count),
    shuffled(count, u),
    Int32Array.from({ length: count }, (_, k) => k),
  ]) {
    expectSameResult(search(y, l0, b0, s0, grid, order), laneSearch(y, l0, b0, s0, grid, order));
  }
}

export function expectSameResult(got: LaneSearchResult, want: LaneSearchResult): void {
  expect(got.index).toBe(want.index);
  expect(Object.is(got.sse, want.sse)).toBe(true);
}
