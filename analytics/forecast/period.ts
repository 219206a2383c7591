/**
 * Seasonal period "auto": the dominant period(s) of a series from the peaks of its autocorrelation function, or
 * none when no peak is significant.
 *
 * Method (the ACF-peak rule of Wang, Smith & Hyndman 2006, "Characteristic-based clustering for time series data",
 * §2.2, with the repeat check of Vlachos, Yu & Castelli 2005, "On periodicity detection and structural periodic
 * similarity", §3): remove the least-squares line (a trend would otherwise dominate the ACF), take the ACF
 * (acf.ts, FFT route) up to lag ⌊n/2⌋, rescaled by n/(n−k) (the unbiased estimator, so peaks are not pulled
 * towards shorter lags), and walk its hills: neighbouring local maxima without a valley of depth 2T between them
 * belong to one hill, represented by its highest point. A hill's top k is a period when it is
 *   - high: r_k ≥ T with T = max(0.2, 4.5/√n); under white noise r_k ≈ N(0, 1/n) (Bartlett), so 4.5 standard
 *     errors keep false peaks among ⌊n/2⌋ lags rare;
 *   - prominent: r_k minus the lowest ACF value since the previous hill ≥ 2T, a real hill after a valley;
 *   - repeated: the ACF near 2k (±2 %) is ≥ T too. The rebounds of a random walk's ACF do not repeat; a real cycle
 *     does. So a period needs four cycles in the series (2k ≤ n/2).
 * The dominant period is the shortest accepted lag whose r_k is within 90 % of the highest one (a cycle's
 * multiples are peaks too, and the highest may be a multiple by noise); other accepted lags that are not near
 * multiples (±2 %) of it are reported as further periods. A cycle nested in a longer one (60 in 1,440) is
 * reported as the shorter one only.
 */
import { acf } from '../acf.ts';
import { AnalysisError } from '../errors.ts';
import { lineFit } from './least-squares-line.ts';

export interface PeriodCandidate {
  period: number;
  /** Autocorrelation of the detrended series at this lag: the score (1 = exactly periodic). */
  acf: number;
  /** r_k minus the lowest ACF value at shorter lags. */
  prominence: number;
}

export interface SeasonalityReport {
  /** The dominant period, or null when none is significant (then no seasonal model should run). */
  period: number | null;
  /** The ACF at the dominant period; null without one. */
  strength: number | null;
  /** The dominant period first, then other distinct periods by score (at most 3 in all). */
  periods: PeriodCandidate[];
  /** The acceptance threshold T used for this series length. */
  threshold: number;
}

export interface PeriodOptions {
  /** Shortest period considered; default 2. */
  minPeriod?: number;
  /** Longest period considered; default and cap ⌊n/4⌋ (four full cycles, see the repeat check). */
  maxPeriod?: number;
}

export function detectSeasonality(values: ArrayLike<number>, options: PeriodOptions = {}): SeasonalityReport {
  const n = values.length;
  const maxLag = Math.min(options.maxPeriod ?? Math.floor(n / 4), Math.floor(n / 4));
  const minPeriod = Math.max(options.minPeriod ?? 2, 2);
  const threshold = Math.max(0.2, 4.5 / Math.sqrt(Math.max(n, 1)));
  const none: SeasonalityReport = { period: null, strength: null, periods: [], threshold };
  if (!Number.isInteger(minPeriod) || !Number.isInteger(maxLag)) {
    throw new AnalysisError('INVALID_PARAMETER', 'minPeriod and maxPeriod must be integers');
  }
  if (n < 8 || maxLag < minPeriod + 1) return none;
  // Lags up to 2.1·maxLag: the repeat check looks ±2 % around twice a period of up to 1.02·maxLag.
  const raw = acf(Array.from(detrended(values)), {
    nlags: Math.min(Math.ceil(2.1 * maxLag) + 2, n - 1),
    method: 'fft',
  });
  if (raw[1] === null) return none;
  const r = raw.map((v, k) => ((v as number) * n) / (n - k));
  const near = (k: number) => {
    const d = Math.max(2, Math.round(0.02 * k));
    let best = Number.NEGATIVE_INFINITY;
    for (let j = k - d; j <= k + d && j < r.length; j++) best = Math.max(best, r[j]!);
    return best;
  };
  const peaks: Array<PeriodCandidate & { valley: number }> = [];
  let valley = Number.POSITIVE_INFINITY;
  for (let k = 1; k < Math.min(2 * maxLag, r.length - 1); k++) {
    const rk = r[k]!;
    if (rk > r[k - 1]! && rk >= r[k + 1]!) {
      const last = peaks[peaks.length - 1];
      if (last && last.acf - valley < 2 * threshold) {
        // Same hill as the previous peak: keep the higher point.
        if (rk > last.acf) Object.assign(last, { period: k, acf: rk, prominence: rk - last.valley });
      } else peaks.push({ period: k, acf: rk, prominence: rk - valley, valley });
      valley = rk;
    }
    valley = Math.min(valley, rk);
  }
  const accepted: PeriodCandidate[] = peaks
    .filter(
      (c) =>
        c.period >= minPeriod &&
        c.period <= 1.02 * maxLag &&
        c.acf >= threshold &&
        c.prominence >= 2 * threshold &&
        near(2 * c.period) >= threshold,
    )
    .map(({ period, prominence }) => {
      const k = refine(r, period);
      return { period: k, acf: r[k]!, prominence };
    });
  if (accepted.length === 0) return none;
  const best = Math.max(...accepted.map((c) => c.acf));
  const dominant = accepted.find((c) => c.acf >= 0.9 * best)!;
  const others = accepted
    .filter((c) => c !== dominant && !nearMultiple(c.period, dominant.period))
    .sort((a, b) => b.acf - a.acf);
  const periods = [dominant];
  for (const c of others) {
    if (periods.length >= 3) break;
    if (!periods.some((p) => nearMultiple(c.period, p.period) || nearMultiple(p.period, c.period)))
      periods.push(c);
  }
  return { period: dominant.period, strength: dominant.acf, periods, threshold };
}

/**
 * The top of a hill located by a least-squares parabola through the ACF over ±10 % of the highest lag: one noisy
 * lag decides the top of a broad hill badly (a 1,440-minute cycle's ACF changes by 0.3 % over ±20 lags), while
 * the parabola averages the noise of the whole hilltop.
 */
function refine(r: readonly number[], top: number): number {
  const w = Math.min(Math.max(2, Math.round(0.1 * top)), top - 1, r.length - 1 - top);
  if (w < 2) return top;
  let sdd = 0;
  let sdr = 0;
  let meanQ = 0;
  for (let d = -w; d <= w; d++) meanQ += d * d;
  meanQ /= 2 * w + 1;
  let sqq = 0;
  let sqr = 0;
  for (let d = -w; d <= w; d++) {
    const v = r[top + d]!;
    sdd += d * d;
    sdr += d * v;
    const q = d * d - meanQ;
    sqq += q * q;
    sqr += q * v;
  }
  // Orthogonal polynomials on the symmetric window: slope b = Σd·r/Σd², curvature c = Σq·r/Σq².
  const b = sdr / sdd;
  const c = sqr / sqq;
  if (!(c < 0)) return top;
  const vertex = top - b / (2 * c);
  return Math.round(Math.min(top + w, Math.max(top - w, vertex)));
}

/** Whether k is within 2 % of an integer multiple (≥ 1) of p. */
function nearMultiple(k: number, p: number): boolean {
  const q = Math.round(k / p);
  return q >= 1 && Math.abs(k - q * p) <= 0.02 * k;
}

/** The residuals of the least-squares line through (i, y_i). */
function detrended(y: ArrayLike<number>): Float64Array {
  const { intercept, slope } = lineFit(y, y.length);
  return Float64Array.from({ length: y.length }, (_, i) => y[i]! - intercept - slope * i);
}
