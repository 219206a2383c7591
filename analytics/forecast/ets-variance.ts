/**
 * Forecast variance of the additive linear exponential-smoothing models (class 1 of Hyndman, Koehler, Ord &
 * Snyder 2008, "Forecasting with Exponential Smoothing", ch. 6, Table 6.1 and eq. (6.1)):
 *
 *   v_1 = σ²,   v_h = σ² · [1 + Σ_{j=1}^{h−1} c_j²],   c_j = α + β·φ_j + γ·d_{j,m},
 *
 * with φ_j = φ + φ² + … + φ^j (φ_j = j undamped), d_{j,m} = 1 when j is a multiple of m, else 0, and α, β, γ the
 * state-space (error-correction) smoothing parameters. statsmodels' `ExponentialSmoothing` updates
 *   l_t = α(y_t − s_{t−m}) + (1−α)(l_{t−1} + φb_{t−1}),  b_t = β*(l_t − l_{t−1}) + (1−β*)φb_{t−1},
 *   s_t = γ(y_t − l_{t−1} − φb_{t−1}) + (1−γ)s_{t−m}
 * (recursions.ts), which in error-correction form is l_t = l_{t−1} + φb_{t−1} + αε_t, b_t = φb_{t−1} + αβ*ε_t,
 * s_t = s_{t−m} + γε_t: so the state-space β is α·β* and γ is γ unchanged (Hyndman et al. 2008, §2.5.1).
 */

export interface AdditiveSmoothing {
  alpha: number;
  /** Holt-Winters β* (statsmodels' `smoothing_trend`); 0 without a trend. */
  betaStar: number;
  gamma: number;
  /** Damping φ; 1 undamped. */
  phi: number;
  /** Seasonal period; 0 without seasonality. */
  m: number;
}

/** Standard deviations √v_h for h = 1…steps. */
export function additiveEtsSd(s: AdditiveSmoothing, sigma: number, steps: number): Float64Array {
  const out = new Float64Array(steps);
  const beta = s.alpha * s.betaStar;
  let sum = 1;
  let phiJ = 0;
  let phiPow = 1;
  for (let h = 1; h <= steps; h++) {
    out[h - 1] = sigma * Math.sqrt(sum);
    // c_j for j = h, added for the next step's variance.
    phiPow *= s.phi;
    phiJ += s.phi === 1 ? 1 : phiPow;
    const c = s.alpha + beta * phiJ + (s.m > 0 && h % s.m === 0 ? s.gamma : 0);
    sum += c * c;
  }
  return out;
}
