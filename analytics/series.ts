/**
 * Input validation and normalisation of `{ t, v }` samples.
 *
 * What each analysis gets (ALGORITHMS.md, "Conventions"): ADF, HP, ACF, decomposition and Holt-Winters run on the
 * values present, in time order; gaps are not filled and timestamps play no other part. Only the aggregates use the
 * timestamps, and there an absent sample simply leaves its bucket empty.
 *
 * Problems are recorded rather than thrown, so that each analysis can fail on its own (a report section error) while
 * the others complete:
 * - value analyses need a trustworthy order and finite values: an unparseable, decreasing or repeated timestamp, or
 *   a non-finite value, is an error for them;
 * - the aggregates need valid, distinct timestamps; they sort by time themselves (buckets and windows are defined by
 *   time, not by position) and skip NaN values as pandas does (`resample().last()` and `max`/`mean`/… skip NaN), but
 *   an infinite value is an error, since it would make mean and std meaningless.
 */
import { AnalysisError } from './errors.ts';

/** One input sample: an ISO-8601 instant and a value; null (or NaN) marks a missing value. */
export interface SampleInput {
  t: string;
  v: number | null;
}

export interface TimedValue {
  /** Milliseconds since the Unix epoch (fractional below a millisecond). */
  t: number;
  v: number;
}

export interface PreparedSeries {
  /** Values in input order; missing values are NaN. */
  readonly values: readonly number[];
  /** Epoch milliseconds in input order; NaN where the timestamp did not parse. */
  readonly times: readonly number[];
  /** Why the values cannot be taken as a time-ordered series, or null. */
  readonly orderError: AnalysisError | null;
  /** Why the timestamps cannot be used for aggregation, or null. */
  readonly timeError: AnalysisError | null;
  /** First non-finite value, or null. */
  readonly valueError: AnalysisError | null;
}

export function prepareSeries(samples: readonly SampleInput[]): PreparedSeries {
  const values: number[] = [];
  const times: number[] = [];
  let invalidAt = -1;
  let unsortedAt = -1;
  let duplicateAt = -1;
  let nanAt = -1;
  let infiniteAt = -1;
  let prev = Number.NaN;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i]!;
    const v = sample.v === null || sample.v === undefined ? Number.NaN : sample.v;
    values.push(v);
    if (Number.isNaN(v)) {
      if (nanAt < 0) nanAt = i;
    } else if (!Number.isFinite(v) && infiniteAt < 0) infiniteAt = i;
    const t = typeof sample.t === 'string' ? parseIsoInstant(sample.t) : Number.NaN;
    times.push(t);
    if (Number.isNaN(t)) {
      if (invalidAt < 0) invalidAt = i;
    } else if (!Number.isNaN(prev)) {
      if (t === prev && duplicateAt < 0) duplicateAt = i;
      if (t < prev && unsortedAt < 0) unsortedAt = i;
    }
    prev = t;
  }
  // A repeated instant that is not adjacent in the input only shows up after sorting.
  if (invalidAt < 0 && duplicateAt < 0 && unsortedAt >= 0) {
    const sorted = [...times].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i] === sorted[i - 1]) {
        duplicateAt = times.indexOf(sorted[i]!, times.indexOf(sorted[i]!) + 1);
        break;
      }
    }
  }

  const invalid =
    invalidAt >= 0
      ? new AnalysisError(
          'INVALID_TIMESTAMP',
          `sample ${invalidAt}: t ${JSON.stringify(samples[invalidAt]?.t)} is not an ISO-8601 instant`,
        )
      : null;
  const duplicate =
    duplicateAt >= 0
      ? new AnalysisError(
          'DUPLICATE_TIMESTAMPS',
          `sample ${duplicateAt}: timestamp ${samples[duplicateAt]?.t} occurs more than once`,
        )
      : null;
  const unsorted =
    unsortedAt >= 0
      ? new AnalysisError(
          'UNSORTED_TIMESTAMPS',
          `sample ${unsortedAt}: timestamp ${samples[unsortedAt]?.t} is earlier than the one before it`,
        )
      : null;
  const firstNonFinite = nanAt < 0 ? infiniteAt : infiniteAt < 0 ? nanAt : Math.min(nanAt, infiniteAt);
  const valueError =
    firstNonFinite >= 0
      ? new AnalysisError(
          'NON_FINITE_VALUE',
          `sample ${firstNonFinite}: value ${String(values[firstNonFinite])} is missing or not finite`,
        )
      : null;
  const infinite =
    infiniteAt >= 0
      ? new AnalysisError(
          'NON_FINITE_VALUE',
          `sample ${infiniteAt}: value ${String(values[infiniteAt])} is infinite`,
        )
      : null;
  return {
    values,
    times,
    orderError: invalid ?? unsorted ?? duplicate,
    timeError: invalid ?? duplicate ?? infinite,
    valueError,
  };
}

/** The values for ADF/HP/ACF/decomposition/Holt-Winters, or the reason they cannot be analysed. */
export function orderedValues(series: PreparedSeries): number[] {
  if (series.values.length === 0) throw new AnalysisError('EMPTY_SERIES', 'the series has no samples');
  if (series.orderError) throw series.orderError;
  if (series.valueError) throw series.valueError;
  return [...series.values];
}

/**
 * Samples sorted by time for the aggregates (missing values kept as NaN so that they still define the time range,
 * as rows with NaN do in a pandas index), or the reason they cannot be aggregated.
 */
export function timedValues(series: PreparedSeries): TimedValue[] {
  if (series.values.length === 0) throw new AnalysisError('EMPTY_SERIES', 'the series has no samples');
  if (series.timeError) throw series.timeError;
  const { values, times } = series;
  const out: TimedValue[] = [];
  let sorted = true;
  for (let i = 0; i < values.length; i++) {
    const t = times[i]!;
    if (i > 0 && t < times[i - 1]!) sorted = false;
    out.push({ t, v: values[i]! });
  }
  // The sort is stable, so on input already in time order (the usual case) it would change nothing.
  if (!sorted) out.sort((a, b) => a.t - b.t);
  return out;
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * Parses an ISO-8601 calendar date-time ("2024-03-11T06:13:00Z", "…T06:13:00.250+02:00", "2024-03-11") to epoch
 * milliseconds; NaN if it is not one. An instant without an offset is taken as UTC, as pandas treats naive
 * timestamps. Stricter than Date.parse, which accepts many non-ISO forms and reads offset-less times as local time.
 */
export function parseIsoInstant(text: string): number {
  const fast = parseCanonicalUtc(text);
  if (fast !== NOT_CANONICAL) return fast;
  const m = ISO_INSTANT.exec(text);
  if (!m) return Number.NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  let ms = (daysFromCivil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second) * 1_000;
  if (m[7] !== undefined) ms += (digits(m[7], 0, m[7].length) / 10 ** m[7].length) * 1000;
  if (m[9] !== undefined) {
    const offHours = Number(m[10]);
    const offMinutes = m[11] === undefined ? 0 : Number(m[11]);
    if (offHours > 23 || offMinutes > 59) return Number.NaN;
    const offset = (offHours * 60 + offMinutes) * 60_000;
    ms += m[9] === '+' ? -offset : offset;
  }
  return ms;
}

/**
 * Fast path for the form Prometheus and `Date.toISOString` produce, "YYYY-MM-DDTHH:MM:SS[.fff…]Z": fixed
 * positions, no regex, no substring. Returns NOT_CANONICAL for anything else, which then goes through the general
 * parser (a number rather than null, so the result needs no boxing).
 */
function parseCanonicalUtc(text: string): number {
  const len = text.length;
  if (len < 20 || text.charCodeAt(len - 1) !== 90 /* Z */) return NOT_CANONICAL;
  if (
    text.charCodeAt(4) !== 45 /* - */ ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 /* T */ ||
    text.charCodeAt(13) !== 58 /* : */ ||
    text.charCodeAt(16) !== 58
  )
    return NOT_CANONICAL;
  const year = digits4(text, 0);
  const month = digits2(text, 5);
  const day = digits2(text, 8);
  const hour = digits2(text, 11);
  const minute = digits2(text, 14);
  const second = digits2(text, 17);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return NOT_CANONICAL;
  let fraction = 0;
  if (len > 20) {
    const n = len - 21;
    if (text.charCodeAt(19) !== 46 /* . */ || n < 1 || n > 9) return NOT_CANONICAL;
    const f = digits(text, 20, n);
    if (f < 0) return NOT_CANONICAL;
    fraction = (f / POW10[n]!) * 1000;
  }
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  // Consecutive samples almost always fall on the same day: reuse its (already validated) day number.
  const key = (year * 100 + month) * 100 + day;
  let days: number;
  if (key === lastDayKey) days = lastDayNumber;
  else {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
    days = daysFromCivil(year, month, day);
    lastDayKey = key;
    lastDayNumber = days;
  }
  return (days * 86_400 + hour * 3_600 + minute * 60 + second) * 1_000 + fraction;
}

/** parseCanonicalUtc's "not this form": a value no canonical timestamp converts to (those are finite or NaN). */
const NOT_CANONICAL = Number.NEGATIVE_INFINITY;

/** 10^n for n = 0…9, exactly as `10 ** n`. */
const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];
/** The last valid calendar day the fast path converted, as (year·100 + month)·100 + day, and its day number. */
let lastDayKey = -1;
let lastDayNumber = 0;

/** `digits(text, from, 2)` unrolled. */
function digits2(text: string, from: number): number {
  const a = text.charCodeAt(from) - 48;
  const b = text.charCodeAt(from + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** `digits(text, from, 4)` unrolled. */
function digits4(text: string, from: number): number {
  const hi = digits2(text, from);
  const lo = digits2(text, from + 2);
  return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
}

/** The non-negative integer written by `count` decimal digits at `from`, or −1 if one is not a digit. */
function digits(text: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). Plain integer arithmetic:
 * building a Date per sample dominated the cost of preparing a long series.
 */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
