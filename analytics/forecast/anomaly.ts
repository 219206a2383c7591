/**
 * The anomaly flag: whether a sample lies outside the band a previous forecast gave for its minute.
 */

export interface StoredBand {
  /** Unix seconds of the band's first step (the first forecast minute). */
  start: number;
  /** Seconds between steps. */
  step: number;
  lower: readonly number[];
  upper: readonly number[];
}

export interface AnomalyFlag {
  anomalous: boolean;
  /** 1-based forecast step the sample fell on. */
  step: number;
  lower: number;
  upper: number;
}

/**
 * The flag for sample (t, v) against `band` (e.g. the 95 % band of the forecast made before t), or null when t is
 * not one of the band's minutes (no forecast covers it) or v is not finite.
 */
export function anomalyFlag(band: StoredBand, t: number, v: number): AnomalyFlag | null {
  if (!Number.isFinite(v) || !(band.step > 0)) return null;
  const offset = (t - band.start) / band.step;
  if (!Number.isInteger(offset) || offset < 0 || offset >= band.lower.length) return null;
  const lower = band.lower[offset]!;
  const upper = band.upper[offset]!;
  return { anomalous: v < lower || v > upper, step: offset + 1, lower, upper };
}
