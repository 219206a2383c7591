/**
 * In-sample SSE and the h-step forecast from a full parameter vector, as `ExponentialSmoothing._predict` computes
 * them (`results.forecast(h)` → `predict` → `_predict`).
 *
 * F_k = R(l[n], b[n] with exponent/multiplier φ_k) ⊕ s*[n+k−1], where φ_k = k without damping and φ + … + φ^k with
 * it, and s* is the seasonal array after statsmodels overwrites s[n+m−1+j] with s[n−1+(j mod m)] for j = 0…h+1
 * (so for k ≡ 0 mod m the forecast reuses s[n−1], ignoring the last seasonal update).
 */
import { runRecursion, Workspace } from './recursions.ts';
import { ADD, type ModelSpec, MUL, NONE, P_PHI } from './types.ts';

export interface PredictResult {
  sse: number;
  forecast: number[];
}

export function predict(y: ArrayLike<number>, spec: ModelSpec, p: Float64Array, h: number): PredictResult {
  const n = y.length;
  const { m, trend, seasonal, damped } = spec;
  const ws = new Workspace(n, m, h + 2);
  const sse = runRecursion(y, spec, p, ws, n);
  const { l, b, s } = ws;
  if (seasonal !== NONE) for (let j = 0; j < h + 2; j++) s[n + m - 1 + j] = s[n - 1 + (j % m)]!;
  const phi = damped ? p[P_PHI]! : 1;
  const ln = l[n]!;
  const bn = b[n]!;
  const forecast: number[] = [];
  let phiSum = 0;
  for (let k = 1; k <= h; k++) {
    phiSum = damped ? phiSum + phi ** k : k;
    const r = trend === MUL ? ln * bn ** phiSum : trend === ADD ? ln + bn * phiSum : ln;
    forecast.push(seasonal === ADD ? r + s[n + k - 1]! : seasonal === MUL ? r * s[n + k - 1]! : r);
  }
  return { sse, forecast };
}
