/**
 * Exact gradient of the in-sample SSE with respect to statsmodels' parameter vector [α, β, γ, l0, b0, φ, s0…],
 * by reverse accumulation (the adjoint of the recursions in `recursions.ts`). One forward pass stores the states,
 * one backward pass carries the adjoints of the level and trend as scalars and of the seasonals in an O(n + m)
 * array, so a gradient costs about three objective evaluations whatever the number of parameters. statsmodels
 * instead approximates it by forward differences (scipy `approx_derivative`), 5 + m objective evaluations each.
 *
 * The SSE differentiated here is `_predict`'s (the one statsmodels reports), i.e. the fit l·b^φ + s for the
 * damped multiplicative-trend / additive-seasonal model.
 */
import { damp, runRecursion, trended, type Workspace } from './recursions.ts';
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

/**
 * Fills `grad` (length 6 + m) with ∂SSE/∂p and returns the SSE. `gs` is scratch of length ≥ n + m. Entries of
 * parameters the model does not have are set to 0.
 */
export function sseGradient(
  y: ArrayLike<number>,
  spec: ModelSpec,
  p: ArrayLike<number>,
  ws: Workspace,
  gs: Float64Array,
  grad: Float64Array,
): number {
  const n = y.length;
  const sse = runRecursion(y, spec, p, ws, n - 1);
  const { trend, seasonal, m, damped } = spec;
  const alpha = p[P_ALPHA]!;
  const beta = trend === NONE ? 0 : p[P_BETA]!;
  const gamma = seasonal === NONE ? 0 : p[P_GAMMA]!;
  const phi = damped ? p[P_PHI]! : 1;
  const alphac = 1 - alpha;
  const betac = 1 - beta;
  const gammac = 1 - gamma;
  const { l, b, s } = ws;
  gs.fill(0, 0, n + m);

  let gAlpha = 0;
  let gBeta = 0;
  let gGamma = 0;
  let gPhi = 0;
  let gL = 0;
  let gB = 0;
  for (let i = n - 1; i >= 0; i--) {
    // Output at i: fit = R(l_i, D(b_i)) (+ s_i or · s_i).
    const li = l[i]!;
    const bi = b[i]!;
    const di = damp(trend, bi, phi, damped);
    const ri = trended(trend, li, di);
    let fit = ri;
    if (seasonal === ADD) fit = ri + s[i]!;
    else if (seasonal === MUL) fit = ri * s[i]!;
    const gFit = -2 * (y[i]! - fit);
    let gR = gFit;
    if (seasonal === ADD) gs[i] = gs[i]! + gFit;
    else if (seasonal === MUL) {
      gR = gFit * s[i]!;
      gs[i] = gs[i]! + gFit * ri;
    }
    if (trend === NONE) gL += gR;
    else {
      const gD = addTrendedAdjoint(trend, li, gR);
      gL += trend === ADD ? gR : gR * di;
      const [gb, gphi] = dampAdjoint(trend, bi, di, phi, damped, gD);
      gB += gb;
      gPhi += gphi;
    }
    if (i === 0) break;

    // Step i: (l_{i−1}, b_{i−1}, s_{i−1}, y_{i−1}) → (l_i, b_i, s_{i+m−1}).
    const yp = y[i - 1]!;
    const lp = l[i - 1]!;
    const bp = b[i - 1]!;
    const d = damp(trend, bp, phi, damped);
    const r = trended(trend, lp, d);
    // Trend update adjoint (b_i = β·(l_i − l) + (1−β)·D, or β·l_i/l + (1−β)·D).
    let gLv = gL;
    let gLprev = 0;
    let gD = 0;
    if (trend === ADD) {
      gBeta += gB * (li - lp - d);
      gLv += gB * beta;
      gLprev -= gB * beta;
      gD += gB * betac;
    } else if (trend === MUL) {
      const ratio = li / lp;
      gBeta += gB * (ratio - d);
      gLv += (gB * beta) / lp;
      gLprev -= (gB * beta * ratio) / lp;
      gD += gB * betac;
    }
    // Level and seasonal update adjoints.
    let gRstep = gLv * alphac;
    if (seasonal === NONE) {
      gAlpha += gLv * (yp - r);
    } else {
      const sp = s[i - 1]!;
      const gSn = gs[i + m - 1]!;
      if (seasonal === ADD) {
        gAlpha += gLv * (yp - sp - r);
        gGamma += gSn * (yp - r - sp);
        gRstep -= gSn * gamma;
        gs[i - 1] = gs[i - 1]! - gLv * alpha + gSn * gammac;
      } else {
        gAlpha += gLv * (yp / sp - r);
        gGamma += gSn * (yp / r - sp);
        gRstep -= (gSn * gamma * yp) / (r * r);
        gs[i - 1] = gs[i - 1]! - (gLv * alpha * yp) / (sp * sp) + gSn * gammac;
      }
    }
    // R = l (+ D | · D) adjoint, then D = damp(b).
    if (trend === NONE) gLprev += gRstep;
    else {
      gLprev += trend === ADD ? gRstep : gRstep * d;
      gD += addTrendedAdjoint(trend, lp, gRstep);
      const [gb, gphi] = dampAdjoint(trend, bp, d, phi, damped, gD);
      gB = gb;
      gPhi += gphi;
    }
    gL = gLprev;
    if (trend === NONE) gB = 0;
  }

  grad.fill(0);
  grad[P_ALPHA] = gAlpha;
  grad[P_LEVEL] = gL;
  if (trend !== NONE) {
    grad[P_BETA] = gBeta;
    grad[P_TREND] = gB;
    if (damped) grad[P_PHI] = gPhi;
  }
  if (seasonal !== NONE) {
    grad[P_GAMMA] = gGamma;
    for (let j = 0; j < m; j++) grad[P_SEASON + j] = gs[j]!;
  }
  return sse;
}

/** ∂R/∂D · gR for R = l + D (additive) or l·D (multiplicative). */
function addTrendedAdjoint(trend: number, l: number, gR: number): number {
  return trend === ADD ? gR : gR * l;
}

/** Adjoint of D = φ·b or b^φ: returns [∂/∂b, ∂/∂φ] times gD (∂/∂φ only when damped). */
function dampAdjoint(
  trend: number,
  b: number,
  d: number,
  phi: number,
  damped: boolean,
  gD: number,
): [number, number] {
  if (!damped) return [gD, 0];
  if (trend === ADD) return [gD * phi, gD * b];
  // d/db b^φ = φ·b^(φ−1) = φ·D/b; d/dφ b^φ = D·ln b. b ≤ 0 only on exploded paths, where the SSE is not finite.
  return [b > 0 ? (gD * phi * d) / b : 0, b > 0 ? gD * d * Math.log(b) : 0];
}
