/**
 * SSE of one grid point with early exit (see `brute-grid.ts`). The undamped multiplicative-trend models (the
 * original's trend="mul" with additive seasonality, and its no-seasonality fallback) get dedicated loops that keep
 * the seasonals in a ring buffer of length m; the arithmetic is statement for statement that of statsmodels'
 * `holt_win_mul_add_dam` / `holt_mul_dam` with φ = 1. Every other model uses the general recursion.
 */
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

export function gridSse(
  y: ArrayLike<number>,
  spec: ModelSpec,
  p: Float64Array,
  ws: Workspace,
  bound: number,
): number {
  if (!spec.damped && spec.trend === MUL) {
    if (spec.seasonal === ADD) return mulAddSse(y, p, spec.m, ws.s, bound);
    if (spec.seasonal === NONE) return mulNoneSse(y, p, bound);
  }
  return runRecursion(y, spec, p, ws, y.length - 1, true, bound);
}

function mulAddSse(
  y: ArrayLike<number>,
  p: Float64Array,
  m: number,
  ring: Float64Array,
  bound: number,
): number {
  const n = y.length;
  const alpha = p[P_ALPHA]!;
  const beta = p[P_BETA]!;
  const gamma = p[P_GAMMA]!;
  const alphac = 1 - alpha;
  const betac = 1 - beta;
  const gammac = 1 - gamma;
  for (let j = 0; j < m; j++) ring[j] = p[P_SEASON + j]!;
  let l = p[P_LEVEL]!;
  let b = p[P_TREND]!;
  let e = y[0]! - (l * b + ring[0]!);
  let sse = e * e;
  let slot = 0;
  for (let i = 1; i < n; i++) {
    const yp = y[i - 1]!;
    const sp = ring[slot]!;
    const lb = l * b;
    const lv = alpha * yp - alpha * sp + alphac * lb;
    b = beta * (lv / l) + betac * b;
    ring[slot] = gamma * yp - gamma * lb + gammac * sp;
    l = lv;
    slot = slot + 1 === m ? 0 : slot + 1;
    e = y[i]! - (l * b + ring[slot]!);
    sse += e * e;
    if (!(sse <= bound)) return sse;
  }
  return sse;
}

function mulNoneSse(y: ArrayLike<number>, p: Float64Array, bound: number): number {
  const n = y.length;
  const alpha = p[P_ALPHA]!;
  const beta = p[P_BETA]!;
  const alphac = 1 - alpha;
  const betac = 1 - beta;
  let l = p[P_LEVEL]!;
  let b = p[P_TREND]!;
  let e = y[0]! - l * b;
  let sse = e * e;
  for (let i = 1; i < n; i++) {
    const lv = alpha * y[i - 1]! + alphac * (l * b);
    b = beta * (lv / l) + betac * b;
    l = lv;
    e = y[i]! - l * b;
    sse += e * e;
    if (!(sse <= bound)) return sse;
  }
  return sse;
}
