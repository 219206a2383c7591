/**
 * The closed set of reasons an analysis can refuse a series. Each code corresponds to a condition under which
 * statsmodels/pandas raise (or would silently produce NaN), so a report section carries a machine-readable reason
 * instead of a number that is not one.
 */
export const ANALYSIS_ERROR_CODES = [
  /** Fewer observations than the analysis needs (e.g. ADF maxlag > n/2 − ntrend − 1, decomposition n < 2·period). */
  'TOO_FEW_POINTS',
  /** max(x) == min(x): adfuller raises "Invalid input, x is constant"; ACF would be 0/0. */
  'CONSTANT_SERIES',
  /** A value is NaN or ±Infinity (JSON cannot carry them, but programmatic callers can). */
  'NON_FINITE_VALUE',
  /** A multiplicative model was asked for on data containing 0 or negative values. */
  'NON_POSITIVE_VALUES',
  /** A timestamp is not a valid ISO-8601 instant. */
  'INVALID_TIMESTAMP',
  /** Timestamps go backwards somewhere in the series. */
  'UNSORTED_TIMESTAMPS',
  /** Two samples share the same timestamp. */
  'DUPLICATE_TIMESTAMPS',
  /** The series is empty. */
  'EMPTY_SERIES',
  /** A parameter is outside its domain (e.g. hp lambda ≤ 0, a window that is not a whole number of seconds). */
  'INVALID_PARAMETER',
  /** The design matrix is rank deficient or an intermediate result is not finite. */
  'NUMERICAL_FAILURE',
  /** The analysis is not available in this build. */
  'NOT_IMPLEMENTED',
  /** An unexpected internal failure; the report still completes. */
  'INTERNAL_ERROR',
] as const;

export type AnalysisErrorCode = (typeof ANALYSIS_ERROR_CODES)[number];

/** The JSON shape of a failed report section. */
export interface SectionError {
  error: { code: AnalysisErrorCode; message: string };
}

export class AnalysisError extends Error {
  readonly code: AnalysisErrorCode;

  constructor(code: AnalysisErrorCode, message: string) {
    super(message);
    this.name = 'AnalysisError';
    this.code = code;
  }
}

export function isAnalysisError(err: unknown): err is AnalysisError {
  return err instanceof AnalysisError;
}

/**
 * Turns anything thrown by an analysis into a report section error. Unknown throwables become INTERNAL_ERROR with
 * their message only (never a stack), so a bug in one analysis cannot take the whole report down.
 */
export function toSectionError(err: unknown): SectionError {
  if (err instanceof AnalysisError) return { error: { code: err.code, message: err.message } };
  const message = err instanceof Error ? err.message : String(err);
  return { error: { code: 'INTERNAL_ERROR', message: message || 'internal error' } };
}

export function isSectionError(value: unknown): value is SectionError {
  return typeof value === 'object' && value !== null && 'error' in value;
}
