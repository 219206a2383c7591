/** Public and internal types of the Holt-Winters analysis (statsmodels `ExponentialSmoothing`). */

export type Component = 'add' | 'mul' | null;

/** Smoothing parameters and initial states, as statsmodels reports them after `fit()`. */
export interface HoltWintersParams {
  alpha: number;
  beta: number | null;
  gamma: number | null;
  initial_level: number;
  initial_trend: number | null;
  initial_seasons: number[];
  /** Only for damped models: the damping factor φ. */
  phi?: number;
}

export interface HoltWintersOptions {
  trend: Component;
  seasonal: Component;
  seasonalPeriods: number | null;
  damped?: boolean;
  steps: number;
  /** Forecast with these parameters instead of fitting (statsmodels `initialization_method="known"`, `optimized=False`). */
  params?: HoltWintersParams | null;
  /**
   * The previous fit of this series, to start the fit from instead of the brute-force grid (see `warm-start.ts`);
   * ignored when `params` are given.
   */
  warmStart?: WarmStart | null;
}

/**
 * What a pipeline keeps of a series' previous fit (the `hw_*` columns): its smoothing parameters, its in-sample SSE
 * and the number of points that SSE was summed over. Every field may be missing; what is missing or unusable
 * makes the fit cold, with the reason in the report.
 */
export interface WarmStart {
  alpha?: number | null;
  beta?: number | null;
  gamma?: number | null;
  sse?: number | null;
  n?: number | null;
  /**
   * The previous fit's own initial states, where that fit moved them off the heuristic values (small-valued
   * series); the fit then starts from them as well (see `warm-start.ts`).
   */
  states?: WarmStates | null;
}

/** A previous fit's initial states, and how many steps after that fit's window this window starts. */
export interface WarmStates {
  shift: number;
  level: number;
  trend: number | null;
  seasonal: ArrayLike<number>;
}

/** Which fit produced the parameters: the warm start was kept, or the cold statsmodels-parity fit ran. */
export type FitMethod = 'warm' | 'cold';

export interface HoltWintersModelReport {
  trend: Component;
  seasonal: Component;
  seasonal_periods: number | null;
  damped: boolean;
  /** Present when the requested seasonal model could not run on this series and a smaller model ran instead. */
  fallback_reason?: string;
  /** The seasonal model that was asked for, present only together with `fallback_reason`. */
  requested?: { seasonal: Component; seasonal_periods: number | null };
}

export interface HoltWintersReport {
  model: HoltWintersModelReport;
  /** statsmodels' starting values ("estimated" initialization); null when `params` were given and none exist. */
  init: { method: 'heuristic' | 'simple'; level: number; trend: number | null; seasonal: number[] } | null;
  /** The winning point of statsmodels' brute-force grid (null when `params` were given or the fit was warm). */
  brute_start: { alpha: number; beta: number | null; gamma: number | null } | null;
  /** Which fit ran; null when `params` were given and nothing was fitted. */
  fit: FitMethod | null;
  /** Why the fit is cold although a warm start was offered; null otherwise. */
  fit_reason: string | null;
  params: HoltWintersParams;
  sse: number;
  forecast: number[];
}

/** Numeric codes used inside the kernels, so the hot loops branch on small integers. */
export const NONE = 0;
export const ADD = 1;
export const MUL = 2;
export type Kind = typeof NONE | typeof ADD | typeof MUL;

/** The model that actually runs: component kinds, period m (0 without seasonality) and damping. */
export interface ModelSpec {
  trend: Kind;
  seasonal: Kind;
  m: number;
  damped: boolean;
}

export function kindOf(c: Component): Kind {
  return c === 'add' ? ADD : c === 'mul' ? MUL : NONE;
}

export function componentOf(k: Kind): Component {
  return k === ADD ? 'add' : k === MUL ? 'mul' : null;
}

/**
 * statsmodels' full parameter vector layout `p = [α, β, γ, l0, b0, φ, s0[0..m−1]]` (model.py `_OptConfig`).
 * Index constants keep the kernels readable.
 */
export const P_ALPHA = 0;
export const P_BETA = 1;
export const P_GAMMA = 2;
export const P_LEVEL = 3;
export const P_TREND = 4;
export const P_PHI = 5;
export const P_SEASON = 6;
