/**
 * Autocorrelation function, statsmodels `tsa.stattools.acf(x, nlags)` with its defaults adjusted=False, demean=True,
 * missing="none" (ALGORITHMS.md §3): r_k = c_k / c_0 with c_k = Σ_{t=k}^{n−1} (x_t − x̄)(x_{t−k} − x̄).
 *
 * Two ways to the same c_k: direct sums (O(n·nlags), exact to rounding) and the FFT of the zero-padded, demeaned
 * series (O(n log n), statsmodels' default fft=True). They agree to ~1e-15.
 */
import { AnalysisError } from './errors.ts';
import { fftInPlace, nextPowerOfTwo } from './linalg/fft.ts';

export interface AcfOptions {
  /** Number of lags; null = min(⌊10·log10 n⌋, n − 1). */
  nlags: number | null;
  method: 'direct' | 'fft';
}

/** statsmodels' default lag count: `min(int(10 * np.log10(nobs)), nobs - 1)`. */
export function defaultNlags(n: number): number {
  return Math.min(Math.trunc(10 * Math.log10(n)), n - 1);
}

/**
 * Returns nlags+1 values starting with r_0 = 1. statsmodels computes all n autocovariances and then slices
 * `[:nlags + 1]`, so an nlags beyond n − 1 silently yields n values; this does the same. A constant series has
 * c_0 = 0 and statsmodels returns NaN at every lag (0/0, a warning, not an error); those come back as null.
 */
export function acf(x: readonly number[], options: Partial<AcfOptions> = {}): (number | null)[] {
  const n = x.length;
  const method = options.method ?? 'direct';
  const requested = options.nlags ?? null;
  if (requested !== null && (!Number.isInteger(requested) || requested < 0)) {
    throw new AnalysisError('INVALID_PARAMETER', 'nlags must be a non-negative integer or null');
  }
  for (const v of x) {
    if (!Number.isFinite(v))
      throw new AnalysisError('NON_FINITE_VALUE', 'ACF input contains a non-finite value');
  }
  if (n === 0) throw new AnalysisError('TOO_FEW_POINTS', 'ACF needs at least one observation');
  const nlags = Math.min(requested ?? defaultNlags(n), n - 1);
  // An exactly constant series: statsmodels divides 0 by 0. Checked explicitly because x − mean(x) need not be
  // exactly 0 when the mean rounds (e.g. 0.1 three times), which would turn 0/0 into an arbitrary ratio of noise.
  if (x.every((v) => v === x[0])) return new Array<number | null>(nlags + 1).fill(null);

  let mean = 0;
  for (const v of x) mean += v;
  mean /= n;
  // r_k is scale-free; scaling the deviations by a power of two (exact) keeps their products away from overflow
  // (|x| > 1e154) and underflow (|x| < 1e-154) without changing a single rounding.
  let spread = 0;
  for (const v of x) spread = Math.max(spread, Math.abs(v - mean));
  const power = spread > 0 && Number.isFinite(spread) ? 2 ** -Math.floor(Math.log2(spread)) : 1;
  const scale = Number.isFinite(power) ? power : 1;
  const xo = new Float64Array(n);
  for (let i = 0; i < n; i++) xo[i] = (x[i]! - mean) * scale;

  const acov = method === 'fft' ? autocovarianceFft(xo, nlags) : autocovarianceDirect(xo, nlags);
  const c0 = acov[0]!;
  const out: (number | null)[] = [];
  for (let k = 0; k <= nlags; k++) {
    const r = acov[k]! / c0;
    out.push(Number.isFinite(r) ? r : null);
  }
  return out;
}

function autocovarianceDirect(xo: Float64Array, nlags: number): Float64Array {
  const n = xo.length;
  const acov = new Float64Array(nlags + 1);
  let k = 0;
  // Four lags per pass: each sum still runs over t = k, k+1, … in order (the same roundings as one lag at a time);
  // the lower lags' first few terms are added before the shared loop starts.
  for (; k + 3 <= nlags; k += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let t = k; t < k + 3 && t < n; t++) s0 += xo[t]! * xo[t - k]!;
    for (let t = k + 1; t < k + 3 && t < n; t++) s1 += xo[t]! * xo[t - k - 1]!;
    for (let t = k + 2; t < k + 3 && t < n; t++) s2 += xo[t]! * xo[t - k - 2]!;
    let s3 = 0;
    for (let t = k + 3; t < n; t++) {
      const xt = xo[t]!;
      s0 += xt * xo[t - k]!;
      s1 += xt * xo[t - k - 1]!;
      s2 += xt * xo[t - k - 2]!;
      s3 += xt * xo[t - k - 3]!;
    }
    acov[k] = s0;
    acov[k + 1] = s1;
    acov[k + 2] = s2;
    acov[k + 3] = s3;
  }
  for (; k <= nlags; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += xo[t]! * xo[t - k]!;
    acov[k] = s;
  }
  return acov;
}

/** Wiener-Khinchin: c = ifft(|fft(xo, N)|²) with N ≥ 2n − 1 so the circular correlation equals the linear one. */
function autocovarianceFft(xo: Float64Array, nlags: number): Float64Array {
  const n = xo.length;
  const size = nextPowerOfTwo(2 * n - 1);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  re.set(xo);
  fftInPlace(re, im);
  for (let i = 0; i < size; i++) {
    re[i] = re[i]! * re[i]! + im[i]! * im[i]!;
    im[i] = 0;
  }
  fftInPlace(re, im, true);
  const acov = new Float64Array(nlags + 1);
  for (let k = 0; k <= nlags; k++) acov[k] = re[k]! / size;
  return acov;
}
