/**
 * Hodrick-Prescott filter, statsmodels `tsa.filters.hp_filter.hpfilter` (ALGORITHMS.md §2).
 *
 * trend = (I + λ·KᵀK)⁻¹ x with K the (n−2)×n second-difference operator, cycle = x − trend. statsmodels solves the
 * sparse system with SuperLU; the matrix is symmetric positive definite and pentadiagonal, so a banded LDLᵀ
 * factorisation without pivoting solves it in O(n) time and memory.
 */
import { AnalysisError } from './errors.ts';

export interface HpResult {
  lambda: number;
  trend: number[];
  cycle: number[];
}

export const HP_DEFAULT_LAMBDA = 1600;

export function hpfilter(x: readonly number[], lambda: number = HP_DEFAULT_LAMBDA): HpResult {
  const n = x.length;
  if (!Number.isFinite(lambda) || lambda < 0) {
    throw new AnalysisError('INVALID_PARAMETER', `lambda must be a finite number ≥ 0, got ${lambda}`);
  }
  for (const v of x) {
    if (!Number.isFinite(v))
      throw new AnalysisError('NON_FINITE_VALUE', 'HP filter input contains a non-finite value');
  }
  // scipy builds K with shape (n−2, n); n < 2 fails there with this message.
  if (n < 2)
    throw new AnalysisError('TOO_FEW_POINTS', "'shape' elements cannot be negative (HP filter needs n ≥ 2)");
  if (n === 2) return { lambda, trend: [x[0]!, x[1]!], cycle: [0, 0] };

  // A = I + λKᵀK: diagonal d, first off-diagonal e, second off-diagonal f (= λ).
  // c_i = Σ_r K[r,i]² is [1, 5, 6, …, 6, 5, 1]; the off-diagonal sums are [−2, −4, …, −4, −2].
  const d = new Float64Array(n);
  const e = new Float64Array(n - 1);
  for (let i = 0; i < n; i++) d[i] = 1 + lambda * secondDifferenceWeight(i, n);
  for (let i = 0; i < n - 1; i++) e[i] = lambda * (i === 0 || i === n - 2 ? -2 : -4);

  // LDLᵀ with unit lower-bidiagonal-plus-one L (sub-diagonals l1, l2).
  const D = new Float64Array(n);
  const l1 = new Float64Array(n - 1);
  const l2 = new Float64Array(n - 2);
  for (let i = 0; i < n; i++) {
    let di = d[i]!;
    if (i >= 1) di -= l1[i - 1]! * l1[i - 1]! * D[i - 1]!;
    if (i >= 2) di -= l2[i - 2]! * l2[i - 2]! * D[i - 2]!;
    D[i] = di;
    if (i <= n - 2) {
      let ei = e[i]!;
      if (i >= 1) ei -= l2[i - 1]! * l1[i - 1]! * D[i - 1]!;
      l1[i] = ei / di;
    }
    if (i <= n - 3) l2[i] = lambda / di;
  }

  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let zi = x[i]!;
    if (i >= 1) zi -= l1[i - 1]! * t[i - 1]!;
    if (i >= 2) zi -= l2[i - 2]! * t[i - 2]!;
    t[i] = zi;
  }
  for (let i = n - 1; i >= 0; i--) {
    let ti = t[i]! / D[i]!;
    if (i <= n - 2) ti -= l1[i]! * t[i + 1]!;
    if (i <= n - 3) ti -= l2[i]! * t[i + 2]!;
    t[i] = ti;
  }

  // A plain loop: Array.from on a typed array goes through the generic iterator path, several times slower.
  const trend: number[] = [];
  for (let i = 0; i < n; i++) trend.push(t[i]!);
  const cycle = x.map((v, i) => v - trend[i]!);
  return { lambda, trend, cycle };
}

/** Σ_r K[r,i]²: how many second-difference rows touch column i, weighted 1, 4, 1. */
function secondDifferenceWeight(i: number, n: number): number {
  let c = 0;
  // Row r covers columns r, r+1, r+2 with weights 1, −2, 1; rows run over 0 … n−3.
  if (i <= n - 3) c += 1;
  if (i >= 1 && i - 1 <= n - 3) c += 4;
  if (i >= 2) c += 1;
  return c;
}
