/**
 * statsmodels' brute-force start for (α, β, γ): `ExponentialSmoothing._setup_brute` builds the grid and
 * `_get_starting_values` keeps the first point whose SSE is strictly below the best so far (NaN and ∞ never win;
 * if none wins, the first point stays). The initial states stay at their heuristic values during the search.
 *
 * The search returns the same point as statsmodels' loop, but evaluates fewer steps: the partial SSE only grows, so
 * a point is abandoned as soon as its partial sum can no longer beat the incumbent (ties go to the lower index,
 * as in the sequential loop). A coarse pass over a subset of the grid finds a good incumbent first. The
 * original's multiplicative-trend models evaluate several points per loop, natively with wide vectors, in
 * WebAssembly SIMD or in the JS lanes (`grid-search.ts` picks the fastest), with identical results; the other
 * models use the general recursion.
 */

import { gridSearch } from './grid-search.ts';
import { runRecursion, type Workspace } from './recursions.ts';
import {
  ADD,
  type ModelSpec,
  MUL,
  NONE,
  P_ALPHA,
  P_BETA,
  P_GAMMA,
  P_LEVEL,
  P_SEASON,
  P_TREND,
} from './types.ts';

/** numpy `linspace(lo, hi, num)`: i·((hi − lo)/(num − 1)) + lo, with the last element exactly hi. */
export function linspace(lo: number, hi: number, num: number): Float64Array {
  const out = new Float64Array(num);
  if (num === 1) {
    out[0] = lo;
    return out;
  }
  const step = (hi - lo) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + lo;
  out[num - 1] = hi;
  return out;
}

/**
 * The grid as rows of (α, β, γ) in statsmodels' order: α outer; then γ, then β innermost. β is 0 and γ is 0 in
 * rows of models without trend or seasonality (they are not read).
 */
export function bruteGrid(spec: ModelSpec): Float64Array {
  const hasB = spec.trend !== NONE;
  const hasG = spec.seasonal !== NONE;
  const ns = Math.floor(87 / (1 + (hasB ? 1 : 0) + (hasG ? 1 : 0)));
  const alphas = linspace(0.005, 0.995, ns);
  const rows: number[] = [];
  for (const a of alphas) {
    const bs = hasB ? linspace(0, Math.min(1, a), Math.ceil(ns * Math.sqrt(a))) : Float64Array.of(0);
    const gs = hasG ? linspace(0, Math.min(1, 1 - a), Math.ceil(ns * Math.sqrt(1 - a))) : Float64Array.of(0);
    for (const g of gs) for (const b of bs) rows.push(a, b, g);
  }
  return Float64Array.from(rows);
}

/**
 * The grid depends only on which of β and γ the model has, so each of the four grids (and its visiting order) is
 * built once and shared; the searches only read them.
 */
const gridCache = new Map<number, { grid: Float64Array; order: Int32Array }>();

function gridAndOrder(spec: ModelSpec): { grid: Float64Array; order: Int32Array } {
  const key = (spec.trend !== NONE ? 1 : 0) + (spec.seasonal !== NONE ? 2 : 0);
  let entry = gridCache.get(key);
  if (entry === undefined) {
    const grid = bruteGrid(spec);
    const count = grid.length / 3;
    // A coarse pass (every 16th point) first sets a good incumbent, so the rest is abandoned early.
    const order = new Int32Array(count);
    let o = 0;
    for (let k = 0; k < count; k += 16) order[o++] = k;
    for (let k = 0; k < count; k++) if (k % 16 !== 0) order[o++] = k;
    entry = { grid, order };
    gridCache.set(key, entry);
  }
  return entry;
}

export interface BruteResult {
  alpha: number;
  beta: number;
  gamma: number;
  index: number;
  sse: number;
}

/**
 * Evaluates the grid with the initial states in `p` (full parameter vector; its α, β, γ are overwritten while
 * searching and left at the winner). Returns the winner. With `coarseOnly`, only the coarse pass (every 16th
 * point, the pass the full search starts with; about 1/16 of its cost) runs.
 */
export function bruteStart(
  y: ArrayLike<number>,
  spec: ModelSpec,
  p: Float64Array,
  ws: Workspace,
  coarseOnly = false,
): BruteResult {
  const { grid, order: all } = gridAndOrder(spec);
  const order = coarseOnly ? all.subarray(0, Math.ceil(all.length / 16)) : all;
  let best: number;
  let bestIdx: number;
  if (!spec.damped && spec.trend === MUL && (spec.seasonal === ADD || spec.seasonal === NONE)) {
    // The original's models (docs/architecture.md): several grid points per loop (see `grid-search.ts`).
    const yf = y instanceof Float64Array ? y : Float64Array.from(y);
    const s0 = p.slice(P_SEASON, P_SEASON + spec.m);
    ({ index: bestIdx, sse: best } = gridSearch(yf, p[P_LEVEL]!, p[P_TREND]!, s0, grid, order));
  } else {
    best = Number.POSITIVE_INFINITY;
    bestIdx = -1;
    for (const k of order) {
      p[P_ALPHA] = grid[3 * k]!;
      p[P_BETA] = grid[3 * k + 1]!;
      p[P_GAMMA] = grid[3 * k + 2]!;
      const v = runRecursion(y, spec, p, ws, y.length - 1, true, best);
      if (v < best || (v === best && k < bestIdx)) {
        best = v;
        bestIdx = k;
      }
    }
  }
  // No finite SSE anywhere: statsmodels keeps points[0].
  const w = Math.max(bestIdx, 0);
  p[P_ALPHA] = grid[3 * w]!;
  p[P_BETA] = grid[3 * w + 1]!;
  p[P_GAMMA] = grid[3 * w + 2]!;
  return { alpha: grid[3 * w]!, beta: grid[3 * w + 1]!, gamma: grid[3 * w + 2]!, index: w, sse: best };
}
