/**
 * The warm start: on a series analysed every cycle, the window moves by a few points and the best smoothing
 * parameters barely change, so the fit starts from the previous cycle's (α, β, γ) instead of statsmodels'
 * brute-force grid, with this window's heuristic initial states (as the cold fit), and runs the cold fit's two
 * optimiser stages under a small iteration cap.
 *
 * The warm fit is kept only when all of these hold, otherwise the cold statsmodels-parity fit runs:
 * - the optimiser stopped on its own convergence rule within the cap, so the result is a local minimum of the
 *   objective the cold fit minimises, from the same initial states (a fit still descending at the cap is not);
 * - it left the initial level and seasonals at their heuristic values, as every fit does on byte-sized series
 *   (there the raw states have ~1e-20 of the curvature of the smoothing parameters). Where stage 2 moves them
 *   (small-valued series such as fd counts), the cold fit searches those 550 states for up to 1,000 iterations
 *   and lands up to ~1.5× lower than a capped warm fit can, on a path that depends on its start;
 * - its SSE is at most the lowest SSE of the grid's coarse pass (every 16th grid point, with the same initial
 *   states; 1/16 of the grid's cost). The cold fit descends from the full grid's winner, which the coarse pass
 *   approximates from above: a warm minimum at least as low as every coarse point sits in the basin the cold fit
 *   would descend into, or in a lower one; a warm fit stuck in a worse basin than the grid finds is refused;
 * - when the previous SSE and point count are known, its SSE per point is at most (1 + WARM_SSE_TOLERANCE) × the
 *   previous fit's: a series whose fit got markedly worse (the series changed character) is refitted cold, so the
 *   grid re-chooses the basin.
 *
 * On small-valued series (fd counts) the second rule never holds: the cold fit moves the 550 initial states and
 * runs its 1,000-iteration cap (about 130 ms, 1 series in 7 of a node_exporter fleet but most of a warm cycle's
 * analysis CPU). Their stored fits therefore also keep the fitted initial states (`states`), and the fit starts
 * from those too: the previous fit's states carried `shift` steps forward (the seasonals rotated by phase, the
 * level moved by the trend), then both optimiser stages under STATES_BUDGET. That start is already near a minimum
 * of this window's objective, so the cap is a few dozen iterations. It is kept when its forecast is finite, its
 * SSE is at most the grid's coarse best (from the heuristic states, as above) and its SSE per point is within the
 * tolerance of the previous fit's; the periodic cold fit of every series (the pipeline's `VIGIL_HW_COLD_EVERY`)
 * re-anchors the chain on the statsmodels-parity fit. Measured with `npm run bench:warm-start`.
 */
import { COLD_BUDGET, coarseGridSse, type StageBudget, type WarmFitResult, warmFitModel } from './fit.ts';
import { statesMoved } from './fitted-states.ts';
import { type PredictResult, predict } from './forecast.ts';
import type { InitialValues } from './initial-values.ts';
import {
  ADD,
  type ModelSpec,
  MUL,
  NONE,
  P_LEVEL,
  P_SEASON,
  type WarmStart,
  type WarmStates,
} from './types.ts';

/**
 * Iteration caps of the warm fit. On byte-sized series (memory, filesystems) a warm fit converges in 5–40
 * iterations over both stages; the stage-2 cap bounds what a series that will not converge costs before its cold
 * fit (measured with `npm run bench:warm-start`).
 */
export const WARM_BUDGET: StageBudget = { stage1: 50, stage2: 10 };

/**
 * How much higher than the previous fit's the warm fit's SSE per point may be. Between windows 5 points apart, the
 * fit's own SSE per point moves by up to ~3% on the demo series and by ~35% when a log-rotation step enters the
 * window, with the warm and cold fits still equal; 5% refitted 8% of the bench's fits cold for nothing, 50% none.
 */
export const WARM_SSE_TOLERANCE = 0.5;

/**
 * Iteration caps of the fit from stored states. From the carried-forward states the SSE is within ~1% of the
 * cold fit's after 30 stage-2 iterations on the bench's small-valued series; 100 or 300 iterations change the
 * median by under 0.6% at 3–8× the cost (`npm run bench:warm-start`).
 */
export const STATES_BUDGET: StageBudget = { stage1: 50, stage2: 30 };

export type WarmOutcome = ({ ok: true; fit: WarmFitResult } & PredictResult) | { ok: false; reason: string };

/** The warm fit from `start` with its forecast when the rule above keeps it, else why the cold fit must run. */
export function warmFit(y: Float64Array, spec: ModelSpec, start: WarmStart, steps: number): WarmOutcome {
  const unusable = unusableReason(start, spec);
  if (unusable !== null) return { ok: false, reason: unusable };
  const smoothing = { alpha: start.alpha as number, beta: start.beta ?? 0, gamma: start.gamma ?? 0 };
  if (start.states) {
    const fit = warmFitModel(y, spec, smoothing, STATES_BUDGET, carriedForward(start.states, spec));
    return judged(y, spec, start, fit, steps, 'the fit from the stored states');
  }
  const fit = warmFitModel(y, spec, smoothing, WARM_BUDGET);
  if (!fit.converged) {
    return {
      ok: false,
      reason: `the warm fit did not converge within ${WARM_BUDGET.stage1}+${WARM_BUDGET.stage2} iterations`,
    };
  }
  // Stage 2 moved the level or the seasonals off the heuristic values.
  const fitted = { level: fit.params[P_LEVEL]!, seasonal: fit.params.subarray(P_SEASON, P_SEASON + spec.m) };
  if (statesMoved(fitted, fit.init)) {
    return {
      ok: false,
      reason:
        'the warm fit moved the initial level or seasonals, where the cold fit searches them for up to ' +
        `${COLD_BUDGET.stage2} iterations`,
    };
  }
  return judged(y, spec, start, fit, steps, 'the warm fit');
}

/** The checks every kept warm fit passes: a finite forecast, the SSE tolerance, the grid's coarse best. */
function judged(
  y: Float64Array,
  spec: ModelSpec,
  start: WarmStart,
  fit: WarmFitResult,
  steps: number,
  what: string,
): WarmOutcome {
  const result = predict(y, spec, fit.params, steps);
  if (!result.forecast.every(Number.isFinite))
    return { ok: false, reason: `${what}'s forecast is not finite` };
  const { sse, n } = start;
  if (sse !== null && sse !== undefined && n !== null && n !== undefined) {
    const perPoint = result.sse / y.length;
    const previous = sse / n;
    if (!(perPoint <= (1 + WARM_SSE_TOLERANCE) * previous)) {
      return {
        ok: false,
        reason:
          `${what}'s SSE per point ${perPoint.toPrecision(6)} is above (1 + ${WARM_SSE_TOLERANCE}) × the ` +
          `previous fit's ${previous.toPrecision(6)}`,
      };
    }
  }
  const coarse = coarseGridSse(y, spec, fit.init);
  if (!(fit.sse <= coarse)) {
    return {
      ok: false,
      reason: `${what}'s SSE ${fit.sse.toPrecision(6)} is above the grid's coarse best ${coarse.toPrecision(6)}`,
    };
  }
  return { ok: true, fit, ...result };
}

/**
 * The previous fit's initial states moved `shift` steps forward, as the start of this window's fit: seasonal
 * phase j of this window is phase j + shift of the previous one (its initial value, not yet updated by the
 * γ-weighted recursion: a start, not an answer), and the level grows by the trend over the shift (damping
 * ignored, for the same reason).
 */
function carriedForward(states: WarmStates, spec: ModelSpec): InitialValues {
  const { m } = spec;
  const k = states.shift;
  const seasonal = new Float64Array(m);
  for (let j = 0; j < m; j++) seasonal[j] = states.seasonal[(j + k) % m]!;
  const b = states.trend ?? 0;
  let level = states.level;
  if (spec.trend === MUL) level *= b ** k;
  else if (spec.trend === ADD) level += k * b;
  return { method: 'heuristic', level, trend: spec.trend === NONE ? null : b, seasonal };
}

/** Why `start` cannot seed a fit of this model (a missing or out-of-range field), or null when it can. */
function unusableReason(start: WarmStart, spec: ModelSpec): string | null {
  const smoothing: Array<[keyof WarmStart, boolean]> = [
    ['alpha', true],
    ['beta', spec.trend !== NONE],
    ['gamma', spec.seasonal !== NONE],
  ];
  for (const [name, needed] of smoothing) {
    if (!needed) continue;
    const v = start[name];
    if (v === null || v === undefined) return `warm_start.${name} is missing`;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) return `warm_start.${name} must be a number in [0, 1]`;
  }
  const { sse, n } = start;
  if ((sse === null || sse === undefined) !== (n === null || n === undefined)) {
    return 'warm_start.sse and warm_start.n go together: give both or neither';
  }
  if (sse !== null && sse !== undefined && !(typeof sse === 'number' && sse >= 0 && sse < Infinity)) {
    return 'warm_start.sse must be a finite non-negative number';
  }
  if (n !== null && n !== undefined && !(typeof n === 'number' && Number.isInteger(n) && n >= 1)) {
    return 'warm_start.n must be a positive integer';
  }
  return start.states ? unusableStates(start.states, spec) : null;
}

/** Why stored states cannot start a fit of this model, or null when they can. */
function unusableStates(states: WarmStates, spec: ModelSpec): string | null {
  const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (spec.seasonal === NONE) return 'warm_start.states need a seasonal model';
  if (!(Number.isInteger(states.shift) && states.shift >= 1 && states.shift < spec.m)) {
    return `warm_start.states.shift must be an integer from 1 to ${spec.m - 1}, got ${states.shift}`;
  }
  if (!finite(states.level)) return 'warm_start.states.level must be a finite number';
  if (
    spec.trend !== NONE &&
    !(finite(states.trend) && (spec.trend !== MUL || (states.trend as number) > 0))
  ) {
    return `warm_start.states.trend must be a ${spec.trend === MUL ? 'positive' : 'finite'} number`;
  }
  const { seasonal } = states;
  let ok = seasonal !== null && typeof seasonal === 'object' && seasonal.length === spec.m;
  for (let j = 0; ok && j < spec.m; j++) ok = finite(seasonal[j]);
  return ok ? null : `warm_start.states.seasonal must hold seasonal_periods=${spec.m} finite numbers`;
}
