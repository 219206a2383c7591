/**
 * Standard normal CDF with full relative precision in the far left tail.
 *
 * MacKinnon p-values are Φ(poly(τ)) and stationary series push poly(τ) down to about −30 (p ≈ 1e-198), so an
 * absolute-error approximation of erf is useless there; we need erfc with small *relative* error everywhere.
 * scipy's `norm.cdf` is `0.5·erfc(−z/√2)` (Cephes `ndtr`), and so is this.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2/√π
const ONE_OVER_SQRT_PI = 0.5641895835477563; // 1/√π
const SQRT1_2 = Math.SQRT1_2;

/**
 * exp(−x²) without the rounding error of forming x² first: split x = hi + lo with hi holding 26 significant bits
 * (Veltkamp split), so hi² is exact and the small remainder 2·hi·lo + lo² goes into a second exp. This keeps the
 * relative error near 1 ulp for |x| up to ~27, where computing x² directly would cost ~x²·ε.
 */
function expMinusSquare(x: number): number {
  const c = 134217729 * x; // 2^27 + 1
  const hi = c - (c - x);
  const lo = x - hi;
  return Math.exp(-hi * hi) * Math.exp(-(2 * hi * lo + lo * lo));
}

/** erf(x) for |x| < 1.5 by its Maclaurin series Σ (−1)ⁿ x^(2n+1) / (n!(2n+1)) · 2/√π; the terms shrink fast enough here. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x; // (−1)ⁿ x^(2n+1)/n!
  let sum = x;
  for (let n = 1; n < 100; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) <= 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

/**
 * erfc(x) for x ≥ 1.5 from the continued fraction
 *   erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
 * evaluated with the modified Lentz algorithm. Every term is positive, so there is no cancellation.
 */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (expMinusSquare(x) * ONE_OVER_SQRT_PI) / f;
}

/** Complementary error function with small relative error on the whole real line. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 1.5) return 1 - erfSeries(x);
  if (x > 27.3) return 0; // erfc(27.3) ≈ 1e-325 underflows a double
  return erfcContinuedFraction(x);
}

/** Φ(z), the standard normal CDF (scipy.stats.norm.cdf). */
export function normCdf(z: number): number {
  return 0.5 * erfc(-z * SQRT1_2);
}
