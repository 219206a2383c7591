/**
 * `ExponentialSmoothing(...).fit()` with statsmodels' defaults: estimated initial values, the brute-force start
 * for (α, β, γ), `_enforce_bounds`, the transform to u-space, then a bounded minimisation of the SSE over the
 * smoothing parameters and the initial states together.
 */
import { bruteStart } from './brute-grid.ts';
import { sseGradientFromStates } from './gradient.ts';
import { type InitialValues, initialValues } from './initial-values.ts';
import { minimizeBox } from './optimizer.ts';
import { objectiveSse, Workspace } from './recursions.ts';
import {
  enforceBounds,
  freeLayout,
  restrictedGradientToU,
  toRestricted,
  toUnrestricted,
} from './transform.ts';
import type { ModelSpec } from './types.ts';
import * as types from './types.ts';

// Read once into module constants: under tsx's CommonJS transform every use of an imported binding is a getter
// call, and these are read on each objective evaluation (~2% of a Holt-Winters fit at n = 720).
const { MUL, P_ALPHA, P_BETA, P_GAMMA, P_LEVEL, P_PHI, P_SEASON, P_TREND } = types;

export interface FitResult {
  init: InitialValues;
  brute: { alpha: number; beta: number; gamma: number };
  /** Fitted full parameter vector [α, β, γ, l0, b0, φ, s0…] in the restricted space. */
  params: Float64Array;
  iterations: number;
}

export function fitModel(y: ArrayLike<number>, spec: ModelSpec): FitResult {
  const init = initialValues(y, spec);
  // statsmodels' pre-grid values (`_optimize_parameters`); the grid overwrites every free one.
  const alpha0 = 0.5 / Math.max(spec.m, 1);
  const p = startVector(spec, init, alpha0, 0.1 * alpha0, 0.05 * (1 - alpha0));
  const brute = bruteStart(y, spec, p, new Workspace(y.length, spec.m));
  const run = optimise(y, spec, p, COLD_BUDGET);
  return {
    init,
    brute: { alpha: brute.alpha, beta: brute.beta, gamma: brute.gamma },
    params: run.params,
    iterations: run.iterations,
  };
}

/** Iteration caps of the two optimiser stages (see `optimise`). */
export interface StageBudget {
  stage1: number;
  stage2: number;
}

/** The cold fit's caps: both stages run to convergence in all but pathological cases. */
export const COLD_BUDGET: StageBudget = { stage1: 200, stage2: 1000 };

export interface WarmFitResult {
  init: InitialValues;
  params: Float64Array;
  iterations: number;
  /** The optimiser's objective at its starting point (given α, β, γ; this window's heuristic initial states). */
  startSse: number;
  /** The optimiser's objective at the returned parameters; never above `startSse`. */
  sse: number;
  /** Whether the last stage stopped on its own rule rather than on its iteration cap. */
  converged: boolean;
}

/**
 * The fit from given smoothing parameters instead of the brute-force grid: this window's heuristic initial states
 * (as the cold fit starts from) or the given `states`, then the cold fit's two optimiser stages under smaller
 * iteration caps. `init` is always this window's heuristic states (what the report and the coarse check use).
 */
export function warmFitModel(
  y: ArrayLike<number>,
  spec: ModelSpec,
  start: { alpha: number; beta: number; gamma: number },
  budget: StageBudget,
  states?: InitialValues,
): WarmFitResult {
  const init = initialValues(y, spec);
  const p = startVector(spec, states ?? init, start.alpha, start.beta, start.gamma);
  const run = optimise(y, spec, p, budget);
  return { init, ...run };
}

/**
 * The lowest SSE of the brute-force grid's coarse pass with the initial states `init` (the objective the warm and
 * cold fits minimise, at the points the cold fit's grid search visits first).
 */
export function coarseGridSse(y: ArrayLike<number>, spec: ModelSpec, init: InitialValues): number {
  const p = startVector(spec, init, 0, 0, 0);
  return bruteStart(y, spec, p, new Workspace(y.length, spec.m), true).sse;
}

/** The full parameter vector [α, β, γ, l0, b0, φ, s0…] from smoothing parameters and initial states. */
function startVector(
  spec: ModelSpec,
  init: InitialValues,
  alpha: number,
  beta: number,
  gamma: number,
): Float64Array {
  const p = new Float64Array(6 + spec.m);
  p[P_ALPHA] = alpha;
  p[P_BETA] = beta;
  p[P_GAMMA] = gamma;
  p[P_LEVEL] = init.level;
  p[P_TREND] = init.trend ?? 0;
  p[P_PHI] = spec.damped ? 0.99 : 1;
  p.set(init.seasonal, P_SEASON);
  return p;
}

interface OptimiseResult {
  /** Fitted full parameter vector in the restricted space. */
  params: Float64Array;
  iterations: number;
  startSse: number;
  sse: number;
  converged: boolean;
}

/**
 * `_enforce_bounds`, the transform to u-space, then the bounded minimisation of the SSE from the start vector `p`
 * (restricted; consumed) in two stages with the given iteration caps.
 */
function optimise(
  y: ArrayLike<number>,
  spec: ModelSpec,
  p: Float64Array,
  budget: StageBudget,
): OptimiseResult {
  const n = y.length;
  const { m } = spec;
  const ws = new Workspace(n, m);
  const layout = freeLayout(spec);
  enforceBounds(p, layout);
  toUnrestricted(p, spec);

  const u = new Float64Array(p);
  const full = new Float64Array(p.length);
  const gradFull = new Float64Array(p.length);
  const gs = new Float64Array(n + m);
  const allScales = variableScales(y, spec, p, layout.index);
  // The point whose forward states ws holds (as u), its SSE, and whether gradU holds its u-space gradient. Stage 2
  // starts exactly where stage 1 ended, usually its last evaluation: the (deterministic) value and gradient there
  // are reused instead of being recomputed (one forward and one backward pass per fit, same bits).
  const lastU = new Float64Array(p.length).fill(Number.NaN);
  let lastF = Number.NaN;
  let startSse = Number.NaN;
  let sse = Number.NaN;
  let converged = false;
  let gradReady = false;
  const gradU = new Float64Array(p.length);
  let iterations = 0;
  const stage = (which: (i: number) => boolean, scaled: boolean, maxIterations: number, ftol: number) => {
    const ks: number[] = [];
    for (let k = 0; k < layout.index.length; k++) if (which(layout.index[k]!)) ks.push(k);
    const nv = ks.length;
    const idx = ks.map((k) => layout.index[k]!);
    const scale = ks.map((k) => (scaled ? allScales[k]! : 1));
    const x0 = new Float64Array(nv);
    const lower = new Float64Array(nv);
    const upper = new Float64Array(nv);
    for (let q = 0; q < nv; q++) {
      const i = idx[q]!;
      const sc = scale[q]!;
      x0[q] = u[i]! / sc;
      // α, β, γ are optimised as u ∈ [0, 1] (`mod_bounds = [(0, 1)] * 3`).
      const isSmoothing = i === P_ALPHA || i === P_BETA || i === P_GAMMA;
      lower[q] = isSmoothing ? 0 : layout.lower[ks[q]!]! / sc;
      upper[q] = isSmoothing ? 1 : layout.upper[ks[q]!]! / sc;
    }
    // The SSE at x (forward recursion), and on request its gradient there (the backward pass over the states the
    // forward pass left in ws): together exactly `sseGradient`, but trial steps the line search rejects on their
    // value skip the backward pass.
    const objective = {
      value: (x: Float64Array): number => {
        for (let q = 0; q < nv; q++) u[idx[q]!] = x[q]! * scale[q]!;
        if (sameBits(u, lastU)) return lastF;
        full.set(u);
        toRestricted(full, spec);
        lastF = objectiveSse(y, spec, full, ws);
        if (Number.isNaN(startSse)) startSse = lastF;
        lastU.set(u);
        gradReady = false;
        return lastF;
      },
      gradient: (grad: Float64Array): void => {
        if (!gradReady) {
          sseGradientFromStates(y, spec, full, ws, gs, gradFull);
          restrictedGradientToU(gradFull, u, spec);
          gradU.set(gradFull);
          gradReady = true;
        }
        for (let q = 0; q < nv; q++) grad[q] = gradU[idx[q]!]! * scale[q]!;
      },
    };
    const res = minimizeBox(objective, x0, { lower, upper, maxIterations, ftol, patience: 1 });
    for (let q = 0; q < nv; q++) u[idx[q]!] = res.x[q]! * scale[q]!;
    iterations += res.iterations;
    sse = res.f;
    converged = res.converged;
  };
  // Stage 1: the smoothing parameters, trend start and damping, in natural units, to convergence. On byte-sized
  // series this is all statsmodels' L-BFGS-B moves: in raw units the level and seasonal starts have ~1e-20 of the
  // curvature of the rest, so they keep their heuristic values exactly.
  stage((i) => i !== P_LEVEL && i < P_SEASON, true, budget.stage1, 1e-13);
  // Stage 2: everything, in raw units like statsmodels, so the initial states only move where statsmodels' own
  // search moves them (small series). Scaling them as well finds lower SSEs, but by sliding along the nearly flat
  // level/seasonal trade-off into different models whose forecasts differ from statsmodels' by up to ~1 sd.
  stage(() => true, false, budget.stage2, 1e-13);
  const params = new Float64Array(u);
  toRestricted(params, spec);
  return { params, iterations, startSse, sse, converged };
}

/** Equal values with equal signs of zero (NaN never matches, so the unset cache never hits). */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v !== b[i] || (v === 0 && 1 / v !== 1 / b[i]!)) return false;
  }
  return true;
}

/**
 * Divides each free variable by its natural unit so the quasi-Newton model starts well conditioned: smoothing
 * parameters are O(1); level and additive seasonals move in units of the series' spread; a multiplicative trend
 * or seasonal factor in units of spread/level; an additive trend in spread per observation.
 */
function variableScales(
  y: ArrayLike<number>,
  spec: ModelSpec,
  p: Float64Array,
  index: Int32Array,
): Float64Array {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i]! - mean) ** 2;
  const level = Math.abs(p[P_LEVEL]!) || Math.abs(mean) || 1;
  let spread = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  if (!(spread > 0)) spread = Math.max(Math.abs(mean), 1) * 1e-6;
  const out = new Float64Array(index.length);
  for (let k = 0; k < index.length; k++) {
    const i = index[k]!;
    if (i === P_LEVEL) out[k] = spread;
    else if (i === P_TREND) out[k] = spec.trend === MUL ? spread / level / n : spread / n;
    else if (i >= P_SEASON) out[k] = spec.seasonal === MUL ? spread / level : spread;
    else out[k] = 1;
  }
  return out;
}
