/**
 * The free parameters, their bounds and the transform that enforces β ≤ α and γ ≤ 1 − α, as in statsmodels
 * (`ExponentialSmoothing._optimize_parameters`, `_construct_bounds`, `_enforce_bounds` and the Cython/Python
 * `to_restricted` / `to_unrestricted`). The optimiser works on u ∈ [0,1]³ for (α, β, γ) and on the initial states
 * directly.
 */
import type { ModelSpec } from './types.ts';
import * as types from './types.ts';

// Read once into module constants: under tsx's CommonJS transform every use of an imported binding is a getter
// call, and these are read on each objective evaluation (~2% of a Holt-Winters fit at n = 720).
const { MUL, NONE, P_ALPHA, P_BETA, P_GAMMA, P_LEVEL, P_PHI, P_SEASON, P_TREND } = types;

/** statsmodels `LOWER_BOUND = sqrt(finfo(float).eps)`: α is kept inside [LB, 1 − LB]. */
export const LOWER_BOUND = Math.sqrt(2.220446049250313e-16);

export interface FreeLayout {
  /** Indices into the full parameter vector [α, β, γ, l0, b0, φ, s0…] of the free parameters, in that order. */
  index: Int32Array;
  lower: Float64Array;
  upper: Float64Array;
}

/** statsmodels' `sel` mask and bounds for the "estimated" initialization (everything the model has is free). */
export function freeLayout(spec: ModelSpec): FreeLayout {
  const idx: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  const push = (i: number, l: number, h: number) => {
    idx.push(i);
    lo.push(l);
    hi.push(h);
  };
  const anyMul = spec.trend === MUL || spec.seasonal === MUL;
  push(P_ALPHA, 0, 1);
  if (spec.trend !== NONE) push(P_BETA, 0, 1);
  if (spec.seasonal !== NONE) push(P_GAMMA, 0, 1);
  push(P_LEVEL, anyMul ? 0 : -Infinity, Infinity);
  if (spec.trend !== NONE) push(P_TREND, spec.trend === MUL ? 0 : -Infinity, Infinity);
  if (spec.damped) push(P_PHI, 0.8, 0.995);
  for (let j = 0; j < spec.m; j++) push(P_SEASON + j, spec.seasonal === MUL ? 0 : -Infinity, Infinity);
  return { index: Int32Array.from(idx), lower: Float64Array.from(lo), upper: Float64Array.from(hi) };
}

/** (u_α, u_β, u_γ) → (α, β, γ) in place on the first three entries of a full vector (`to_restricted`). */
export function toRestricted(p: Float64Array, spec: ModelSpec): void {
  const a = LOWER_BOUND + p[P_ALPHA]! * (1 - LOWER_BOUND - LOWER_BOUND);
  p[P_ALPHA] = a;
  if (spec.trend !== NONE) p[P_BETA] = p[P_BETA]! * Math.min(a, 1);
  if (spec.seasonal !== NONE) p[P_GAMMA] = p[P_GAMMA]! * Math.min(1 - a, 1);
}

/** (α, β, γ) → (u_α, u_β, u_γ) in place (`to_unrestricted`). */
export function toUnrestricted(p: Float64Array, spec: ModelSpec): void {
  const a = p[P_ALPHA]!;
  p[P_ALPHA] = (a - LOWER_BOUND) / (1 - LOWER_BOUND - LOWER_BOUND);
  if (spec.trend !== NONE) p[P_BETA] = p[P_BETA]! / Math.min(a, 1);
  if (spec.seasonal !== NONE) p[P_GAMMA] = p[P_GAMMA]! / Math.min(1 - a, 1);
}

/**
 * Chain rule through `toRestricted`: turns ∂f/∂(α, β, γ) in `grad` into ∂f/∂(u_α, u_β, u_γ), given the
 * unrestricted values `u` (full-vector layout).
 */
export function restrictedGradientToU(grad: Float64Array, u: ArrayLike<number>, spec: ModelSpec): void {
  const a = LOWER_BOUND + u[P_ALPHA]! * (1 - LOWER_BOUND - LOWER_BOUND);
  let gA = grad[P_ALPHA]!;
  if (spec.trend !== NONE) {
    gA += grad[P_BETA]! * u[P_BETA]!;
    grad[P_BETA] = grad[P_BETA]! * a;
  }
  if (spec.seasonal !== NONE) {
    gA -= grad[P_GAMMA]! * u[P_GAMMA]!;
    grad[P_GAMMA] = grad[P_GAMMA]! * (1 - a);
  }
  grad[P_ALPHA] = gA * (1 - LOWER_BOUND - LOWER_BOUND);
}

/**
 * `_enforce_bounds`: a start value on or below its lower bound moves to lb + 1e-4·(ub − lb), one on or above its
 * upper bound to ub − 1e-4·(ub − lb), with an infinite opposite bound counted as ±100. Applied to the restricted
 * α, β, γ (bounds [0, 1]) and the initial states, before the transform.
 */
export function enforceBounds(p: Float64Array, layout: FreeLayout): void {
  for (let k = 0; k < layout.index.length; k++) {
    const i = layout.index[k]!;
    const lb = layout.lower[k]!;
    const ub = layout.upper[k]!;
    const v = p[i]!;
    if (v <= lb) p[i] = lb + 1e-4 * ((Number.isFinite(ub) ? ub : 100) - lb);
    else if (v >= ub) p[i] = ub - 1e-4 * (ub - (Number.isFinite(lb) ? lb : -100));
  }
}
