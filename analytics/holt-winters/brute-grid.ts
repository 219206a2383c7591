/**
 * statsmodels' brute-force start for (α, β, γ): `ExponentialSmoothing._setup_brute` builds the grid and
 * `_get_starting_values` keeps the first point whose SSE is strictly below the best so far (NaN and ∞ never win;
 * if none wins, the first point stays). The initial states stay at their heuristic values during the search.
 *
 * The search returns the same point as statsmodels' loop, but evaluates fewer steps: the partial SSE only grows, so
 * a point is abandoned as soon as its partial sum can no longer beat the incumbent (ties go to the lower index,
 * as in the sequential loop). A coarse pass over a subset of the grid finds a good incumbent first.
 */

import { gridSse } from './grid-kernel.ts';
import type { Workspace } from './recursions.ts';
import { type ModelSpec, NONE, P_ALPHA, P_BETA, P_GAMMA } from './types.ts';

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

export interface BruteResult {
  alpha: number;
  beta: number;
  gamma: number;
  index: number;
  sse: number;
}

/**
 * Evaluates the grid with the initial states in `p` (full parameter vector; its α, β, γ are overwritten while
 * searching and left at the winner). Returns the winner.
 */
export function bruteStart(
  y: ArrayLike<number>,
  spec: ModelSpec,
  p: Float64Array,
  ws: Workspace,
): BruteResult {
  const grid = bruteGrid(spec);
  const count = grid.length / 3;
  let best = Number.POSITIVE_INFINITY;
  let bestIdx = -1;
  const done = new Uint8Array(count);
  const visit = (k: number) => {
    done[k] = 1;
    p[P_ALPHA] = grid[3 * k]!;
    p[P_BETA] = grid[3 * k + 1]!;
    p[P_GAMMA] = grid[3 * k + 2]!;
    const v = gridSse(y, spec, p, ws, best);
    if (v < best || (v === best && k < bestIdx)) {
      best = v;
      bestIdx = k;
    }
  };
  // A coarse pass (every 16th point) sets a good incumbent, so the full pass abandons most points early.
  for (let k = 0; k < count; k += 16) visit(k);
  for (let k = 0; k < count; k++) if (!done[k]) visit(k);
  // No finite SSE anywhere: statsmodels keeps points[0].
  const w = Math.max(bestIdx, 0);
  p[P_ALPHA] = grid[3 * w]!;
  p[P_BETA] = grid[3 * w + 1]!;
  p[P_GAMMA] = grid[3 * w + 2]!;
  return { alpha: grid[3 * w]!, beta: grid[3 * w + 1]!, gamma: grid[3 * w + 2]!, index: w, sse: best };
}
