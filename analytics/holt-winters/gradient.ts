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
import { runRecursion, type Workspace } from './recursions.ts';
import type { ModelSpec } from './types.ts';
import * as types from './types.ts';

// Read once into module constants: under tsx's CommonJS transform every use of an imported binding is a getter
// call, and these are read on each objective evaluation (~2% of a Holt-Winters fit at n = 720).
const { ADD, MUL, NONE, P_ALPHA, P_BETA, P_GAMMA, P_LEVEL, P_PHI, P_SEASON, P_TREND } = types;

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
  const sse = runRecursion(y, spec, p, ws, y.length - 1);
  sseGradientFromStates(y, spec, p, ws, gs, grad);
  return sse;
}

/**
 * The backward pass of `sseGradient` on its own: fills `grad` from the states that
 * `runRecursion(y, spec, p, ws, n − 1)` has just left in `ws`. Lets a caller look at the SSE before paying for
 * the gradient.
 */
export function sseGradientFromStates(
  y: ArrayLike<number>,
  spec: ModelSpec,
  p: ArrayLike<number>,
  ws: Workspace,
  gs: Float64Array,
  grad: Float64Array,
): void {
  const n = y.length;
  const { trend, seasonal, m, damped } = spec;
  if (trend === MUL && seasonal === ADD && !damped) {
    mulAddGradient(y, p, ws, m, gs, grad);
    return;
  }
  const alpha = p[P_ALPHA]!;
  const beta = trend === NONE ? 0 : p[P_BETA]!;
  const gamma = seasonal === NONE ? 0 : p[P_GAMMA]!;
  const phi = damped ? p[P_PHI]! : 1;
  const alphac = 1 - alpha;
  const betac = 1 - beta;
  const gammac = 1 - gamma;
  const { l, b, s } = ws;
  gs.fill(0, 0, n + m);

  const tAdd = trend === ADD;
  const tMul = trend === MUL;
  const hasTrend = trend !== NONE;
  const sAdd = seasonal === ADD;
  const sMul = seasonal === MUL;
  let gAlpha = 0;
  let gBeta = 0;
  let gGamma = 0;
  let gPhi = 0;
  let gL = 0;
  let gB = 0;
  for (let i = n - 1; i >= 0; i--) {
    // Output at i: fit = R(l_i, D(b_i)) (+ s_i or · s_i), R = l (+ D | · D), D = b | φ·b | b^φ.
    const li = l[i]!;
    const bi = b[i]!;
    const di = damped ? (tMul ? bi ** phi : phi * bi) : bi;
    const ri = tAdd ? li + di : tMul ? li * di : li;
    const si = sAdd || sMul ? s[i]! : 0;
    const fit = sAdd ? ri + si : sMul ? ri * si : ri;
    const gFit = -2 * (y[i]! - fit);
    const gR = sMul ? gFit * si : gFit;
    if (sAdd) gs[i] = gs[i]! + gFit;
    else if (sMul) gs[i] = gs[i]! + gFit * ri;
    gL += tMul ? gR * di : gR;
    if (hasTrend) {
      const gD = tMul ? gR * li : gR;
      if (!damped) gB += gD;
      else if (tAdd) {
        gB += gD * phi;
        gPhi += gD * bi;
      } else if (bi > 0) {
        // d/db b^φ = φ·b^φ/b and d/dφ b^φ = b^φ·ln b; b ≤ 0 only happens on exploded (non-finite) paths.
        gB += (gD * phi * di) / bi;
        gPhi += gD * di * Math.log(bi);
      }
    }
    if (i === 0) break;

    // Step i: (l_{i−1}, b_{i−1}, s_{i−1}, y_{i−1}) → (l_i, b_i, s_{i+m−1}).
    const yp = y[i - 1]!;
    const lp = l[i - 1]!;
    const bp = b[i - 1]!;
    const d = damped ? (tMul ? bp ** phi : phi * bp) : bp;
    const r = tAdd ? lp + d : tMul ? lp * d : lp;
    // Trend update b_i = β·(l_i − l) + (1−β)·D  or  β·l_i/l + (1−β)·D.
    let gLv = gL;
    let gLprev = 0;
    let gD = 0;
    if (tAdd) {
      gBeta += gB * (li - lp - d);
      gLv += gB * beta;
      gLprev -= gB * beta;
      gD += gB * betac;
    } else if (tMul) {
      // 1/l is a function of the states alone, so the division stays off the adjoints' dependency chain.
      const inv = 1 / lp;
      const ratio = li * inv;
      gBeta += gB * (ratio - d);
      const gBb = gB * beta * inv;
      gLv += gBb;
      gLprev -= gBb * ratio;
      gD += gB * betac;
    }
    // Level update and seasonal update.
    let gRstep = gLv * alphac;
    if (sAdd) {
      const sp = s[i - 1]!;
      const gSn = gs[i + m - 1]!;
      gAlpha += gLv * (yp - sp - r);
      gGamma += gSn * (yp - r - sp);
      gRstep -= gSn * gamma;
      gs[i - 1] = gs[i - 1]! - gLv * alpha + gSn * gammac;
    } else if (sMul) {
      const sp = s[i - 1]!;
      const gSn = gs[i + m - 1]!;
      gAlpha += gLv * (yp / sp - r);
      gGamma += gSn * (yp / r - sp);
      gRstep -= (gSn * gamma * yp) / (r * r);
      gs[i - 1] = gs[i - 1]! - (gLv * alpha * yp) / (sp * sp) + gSn * gammac;
    } else gAlpha += gLv * (yp - r);
    // R and D adjoints.
    gLprev += tMul ? gRstep * d : gRstep;
    gL = gLprev;
    if (hasTrend) {
      gD += tMul ? gRstep * lp : gRstep;
      if (!damped) gB = gD;
      else if (tAdd) {
        gB = gD * phi;
        gPhi += gD * bp;
      } else if (bp > 0) {
        gB = (gD * phi * d) / bp;
        gPhi += gD * d * Math.log(bp);
      } else gB = 0;
    }
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
}

/**
 * `sseGradientFromStates` for the original's model (multiplicative trend, additive seasonality, undamped), the one
 * a cold fit of the catalog's configuration spends most of its time in: the general loop with those branches taken,
 * statement for statement, so the gradient is the same to the bit (the signed-zero starts `0 − x` and `0 + x` are
 * kept as written there). Without the branches on the model's kind, a backward pass is about twice as fast.
 */
function mulAddGradient(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  ws: Workspace,
  m: number,
  gs: Float64Array,
  grad: Float64Array,
): void {
  const n = y.length;
  const alpha = p[P_ALPHA]!;
  const beta = p[P_BETA]!;
  const gamma = p[P_GAMMA]!;
  const alphac = 1 - alpha;
  const betac = 1 - beta;
  const gammac = 1 - gamma;
  const { l, b, s } = ws;
  gs.fill(0, 0, n + m);
  let gAlpha = 0;
  let gBeta = 0;
  let gGamma = 0;
  let gL = 0;
  let gB = 0;
  for (let i = n - 1; i >= 0; i--) {
    // Output at i: fit = l_i·b_i + s_i.
    const li = l[i]!;
    const bi = b[i]!;
    const fit = li * bi + s[i]!;
    const gFit = -2 * (y[i]! - fit);
    gs[i] = gs[i]! + gFit;
    gL += gFit * bi;
    gB += gFit * li;
    if (i === 0) break;

    // Step i: b_i = β·l_i/l + (1−β)·b, l_i = α·(y − s) + (1−α)·l·b, s_{i+m−1} = γ·(y − l·b) + (1−γ)·s.
    const yp = y[i - 1]!;
    const lp = l[i - 1]!;
    const bp = b[i - 1]!;
    const r = lp * bp;
    const inv = 1 / lp;
    const ratio = li * inv;
    gBeta += gB * (ratio - bp);
    const gBb = gB * beta * inv;
    const gLv = gL + gBb;
    const sp = s[i - 1]!;
    const gSn = gs[i + m - 1]!;
    gAlpha += gLv * (yp - sp - r);
    gGamma += gSn * (yp - r - sp);
    const gRstep = gLv * alphac - gSn * gamma;
    gs[i - 1] = gs[i - 1]! - gLv * alpha + gSn * gammac;
    gL = 0 - gBb * ratio + gRstep * bp;
    gB = 0 + gB * betac + gRstep * lp;
  }

  grad.fill(0);
  grad[P_ALPHA] = gAlpha;
  grad[P_LEVEL] = gL;
  grad[P_BETA] = gBeta;
  grad[P_TREND] = gB;
  grad[P_GAMMA] = gGamma;
  for (let j = 0; j < m; j++) grad[P_SEASON + j] = gs[j]!;
}
