/**
 * The Holt-Winters state recursions and their sum of squared one-step errors, for every trend/seasonal/damping
 * combination. Statement order follows statsmodels' Cython smoothers (`tsa/holtwinters/_exponential_smoothers.pyx`,
 * `holt__`, `holt_add_dam`, `holt_mul_dam`, `holt_win_*`) and `ExponentialSmoothing._predict`, so results agree to
 * rounding.
 *
 * Indexing is statsmodels': `l[0]`, `b[0]` and `s[0..m−1]` are the initial states; step i = 1…n consumes y[i−1]
 * and produces `l[i]`, `b[i]` and `s[i+m−1]`; the one-step fit of y[i] is built from `l[i]`, `b[i]` and `s[i]`.
 */
import {
  ADD,
  type ModelSpec,
  MUL,
  NONE,
  P_ALPHA,
  P_BETA,
  P_GAMMA,
  P_LEVEL,
  P_PHI,
  P_SEASON,
  P_TREND,
} from './types.ts';

/** State storage for one series: O(n + m) doubles, reused across objective evaluations. */
export class Workspace {
  readonly l: Float64Array;
  readonly b: Float64Array;
  readonly s: Float64Array;

  constructor(n: number, m: number, extra = 0) {
    this.l = new Float64Array(n + 1 + extra);
    this.b = new Float64Array(n + 1 + extra);
    this.s = new Float64Array(n + m + 1 + extra);
  }
}

/** The damped trend term: φ·b (additive) or b^φ (multiplicative); φ = 1 leaves b unchanged exactly. */
export function damp(trend: number, b: number, phi: number, damped: boolean): number {
  if (!damped) return b;
  return trend === MUL ? b ** phi : phi * b;
}

/** Level combined with the (damped) trend: l, l + D or l·D. */
export function trended(trend: number, l: number, d: number): number {
  return trend === ADD ? l + d : trend === MUL ? l * d : l;
}

/**
 * Runs the recursion for steps 1…`steps` (n−1 for the objective, n when the final state is needed for a forecast)
 * and returns the SSE of the one-step fit over y[0…n−1], summed in order.
 *
 * With a finite `bound` it returns early, with a partial sum above the bound, once the SSE must exceed it.
 *
 * `cythonFit` selects the in-sample fit of the Cython objective for the damped multiplicative-trend /
 * additive-seasonal model (`holt_win_mul_add_dam` uses l·φ·b + s where `_predict` uses l·b^φ + s). It only matters
 * for reproducing statsmodels' grid search; everything else is identical in both.
 */
export function runRecursion(
  y: ArrayLike<number>,
  spec: ModelSpec,
  p: ArrayLike<number>,
  ws: Workspace,
  steps: number,
  cythonFit = false,
  bound = Number.POSITIVE_INFINITY,
): number {
  const n = y.length;
  const { trend, seasonal, m, damped } = spec;
  const alpha = p[P_ALPHA]!;
  const beta = trend === NONE ? 0 : p[P_BETA]!;
  const gamma = seasonal === NONE ? 0 : p[P_GAMMA]!;
  const phi = damped ? p[P_PHI]! : 1;
  const alphac = 1 - alpha;
  const betac = 1 - beta;
  const gammac = 1 - gamma;
  const quirk = cythonFit && damped && trend === MUL && seasonal === ADD;
  const { l, b, s } = ws;
  l[0] = p[P_LEVEL]!;
  b[0] = trend === NONE ? 0 : p[P_TREND]!;
  for (let j = 0; j < m; j++) s[j] = p[P_SEASON + j]!;

  let sse = 0;
  const last = Math.max(n - 1, steps);
  for (let i = 0; i <= last; i++) {
    if (i > 0) {
      const yp = y[i - 1]!;
      const lp = l[i - 1]!;
      const bp = b[i - 1]!;
      const d = damp(trend, bp, phi, damped);
      const r = trended(trend, lp, d);
      let lv: number;
      if (seasonal === NONE) {
        lv = alpha * yp + alphac * r;
      } else {
        const sp = s[i - 1]!;
        if (seasonal === ADD) {
          lv = alpha * yp - alpha * sp + alphac * r;
          s[i + m - 1] = gamma * yp - gamma * r + gammac * sp;
        } else {
          lv = (alpha * yp) / sp + alphac * r;
          s[i + m - 1] = (gamma * yp) / r + gammac * sp;
        }
      }
      l[i] = lv;
      if (trend === ADD) b[i] = beta * (lv - lp) + betac * d;
      else if (trend === MUL) b[i] = beta * (lv / lp) + betac * d;
    }
    if (i >= n) continue;
    const li = l[i]!;
    const bi = b[i]!;
    let fit: number;
    if (quirk) fit = li * phi * bi + s[i]!;
    else {
      const ri = trended(trend, li, damp(trend, bi, phi, damped));
      fit = seasonal === NONE ? ri : seasonal === ADD ? ri + s[i]! : ri * s[i]!;
    }
    const e = y[i]! - fit;
    sse += e * e;
    // The partial sum only grows, so the caller's bound is already lost (NaN counts as lost).
    if (!(sse <= bound)) return sse;
  }
  return sse;
}
