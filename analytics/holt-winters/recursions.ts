/**
 * The Holt-Winters state recursions and their sum of squared one-step errors, for every trend/seasonal/damping
 * combination. Statement order follows statsmodels' Cython smoothers (`tsa/holtwinters/_exponential_smoothers.pyx`,
 * `holt__`, `holt_add_dam`, `holt_mul_dam`, `holt_win_*`) and `ExponentialSmoothing._predict`, so results agree to
 * rounding.
 *
 * Indexing is statsmodels': `l[0]`, `b[0]` and `s[0..m−1]` are the initial states; step i = 1…n consumes y[i−1]
 * and produces `l[i]`, `b[i]` and `s[i+m−1]`; the one-step fit of y[i] is built from `l[i]`, `b[i]` and `s[i]`.
 */
import type { ModelSpec } from './types.ts';
import * as types from './types.ts';

// Read once into module constants: under tsx's CommonJS transform every use of an imported binding is a getter
// call, and these are read on each objective evaluation (~2% of a Holt-Winters fit at n = 720).
const { ADD, MUL, NONE, P_ALPHA, P_BETA, P_GAMMA, P_LEVEL, P_PHI, P_SEASON, P_TREND } = types;

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
  // Loop-invariant booleans keep the branches in the loop trivially predictable and the JIT's code tight.
  const tAdd = trend === ADD;
  const tMul = trend === MUL;
  const sAdd = seasonal === ADD;
  const sMul = seasonal === MUL;
  const { l, b, s } = ws;
  let lv = p[P_LEVEL]!;
  let bv = trend === NONE ? 0 : p[P_TREND]!;
  l[0] = lv;
  b[0] = bv;
  for (let j = 0; j < m; j++) s[j] = p[P_SEASON + j]!;

  let sse = 0;
  const last = Math.max(n - 1, steps);
  for (let i = 0; i <= last; i++) {
    if (i > 0) {
      const yp = y[i - 1]!;
      const lp = lv;
      const d = damped ? (tMul ? bv ** phi : phi * bv) : bv;
      const r = tAdd ? lp + d : tMul ? lp * d : lp;
      if (sAdd) {
        const sp = s[i - 1]!;
        lv = alpha * yp - alpha * sp + alphac * r;
        s[i + m - 1] = gamma * yp - gamma * r + gammac * sp;
      } else if (sMul) {
        const sp = s[i - 1]!;
        lv = (alpha * yp) / sp + alphac * r;
        s[i + m - 1] = (gamma * yp) / r + gammac * sp;
      } else lv = alpha * yp + alphac * r;
      if (tAdd) bv = beta * (lv - lp) + betac * d;
      else if (tMul) bv = beta * (lv / lp) + betac * d;
      l[i] = lv;
      b[i] = bv;
    }
    if (i >= n) continue;
    let fit: number;
    if (quirk) fit = lv * phi * bv + s[i]!;
    else {
      const d = damped ? (tMul ? bv ** phi : phi * bv) : bv;
      const r = tAdd ? lv + d : tMul ? lv * d : lv;
      fit = sAdd ? r + s[i]! : sMul ? r * s[i]! : r;
    }
    const e = y[i]! - fit;
    sse += e * e;
    // The partial sum only grows, so the caller's bound is already lost (NaN counts as lost).
    if (!(sse <= bound)) return sse;
  }
  return sse;
}

/**
 * The SSE the optimiser minimises, leaving the states in `ws` as `runRecursion(y, spec, p, ws, n − 1)` does.
 *
 * For the undamped multiplicative-trend models (the original's, docs/architecture.md, with additive or no
 * seasonality) the trend update
 * β·(l_i / l_{i−1}) + (1−β)·b is evaluated as β·(α·(y − s)·(1 / l_{i−1}) + (1−α)·b) + (1−β)·b, the same quantity
 * since l_i = α·(y − s) + (1−α)·l_{i−1}·b: the division then waits only for l_{i−1}, not for l_i, which takes
 * it off the step-to-step dependency chain and makes an evaluation ~40% faster. The two differ by rounding only;
 * reported SSEs and forecasts come from `runRecursion`, statement for statement statsmodels'.
 */
export function objectiveSse(
  y: ArrayLike<number>,
  spec: ModelSpec,
  p: ArrayLike<number>,
  ws: Workspace,
): number {
  const n = y.length;
  const { trend, seasonal, m, damped } = spec;
  if (damped || trend !== MUL || seasonal === MUL) return runRecursion(y, spec, p, ws, n - 1);
  const sAdd = seasonal === ADD;
  const alpha = p[P_ALPHA]!;
  const beta = p[P_BETA]!;
  const gamma = sAdd ? p[P_GAMMA]! : 0;
  const alphac = 1 - alpha;
  const betac = 1 - beta;
  const gammac = 1 - gamma;
  const { l, b, s } = ws;
  let lv = p[P_LEVEL]!;
  let bv = p[P_TREND]!;
  l[0] = lv;
  b[0] = bv;
  for (let j = 0; j < m; j++) s[j] = p[P_SEASON + j]!;
  let e = y[0]! - (lv * bv + (sAdd ? s[0]! : 0));
  let sse = e * e;
  for (let i = 1; i < n; i++) {
    const yp = y[i - 1]!;
    const lp = lv;
    const inv = 1 / lp;
    const r = lp * bv;
    let ay: number;
    if (sAdd) {
      const sp = s[i - 1]!;
      ay = alpha * (yp - sp);
      s[i + m - 1] = gamma * yp - gamma * r + gammac * sp;
    } else ay = alpha * yp;
    lv = ay + alphac * r;
    bv = beta * (ay * inv + alphac * bv) + betac * bv;
    l[i] = lv;
    b[i] = bv;
    e = y[i]! - (lv * bv + (sAdd ? s[i]! : 0));
    sse += e * e;
  }
  return sse;
}
