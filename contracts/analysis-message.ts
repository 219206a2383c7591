import { z } from 'zod';
import type { AnalysisReport } from '../analytics/report.ts';
import { decodeFloat64, encodeFloat64 } from './float64.ts';

/**
 * The Kafka message the pipeline publishes for each analyzed series, and the storage drain consumes: one module,
 * shared by producer and consumer, so both sides validate against the same versioned schema.
 *
 * Versioning: `schema` names the major version. Adding optional fields keeps a version; anything an older
 * consumer would misread (renaming, retyping, removing) is a new one, and the consumer dead-letters versions it
 * does not know. Both versions carry the same message (`AnalysisMessage`, the v1 layout); they differ on the wire:
 * - v1: plain JSON, every number as text (~150 KB for a day of one-minute samples).
 * - v2: the same JSON, but every numeric array of the report is `{"f64": base64}` of little-endian float64 (NaN
 *   for null), and the forecast is its first instant plus values (the rest are one window step apart). The bytes
 *   are the values themselves, so a v2 message stores rows bit-identical to the v1 message of the same analysis.
 * The pipeline publishes v2; the drain reads both, so messages still on the topic from before the switch store.
 */
export const ANALYSIS_MESSAGE_SCHEMA_V1 = 'vigil.analysis.v1';
export const ANALYSIS_MESSAGE_SCHEMA_V2 = 'vigil.analysis.v2';
/** What the pipeline publishes. */
export const ANALYSIS_MESSAGE_SCHEMA = ANALYSIS_MESSAGE_SCHEMA_V2;
const SCHEMAS = [ANALYSIS_MESSAGE_SCHEMA_V1, ANALYSIS_MESSAGE_SCHEMA_V2] as const;
export type AnalysisMessageSchema = (typeof SCHEMAS)[number];

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
/** statsmodels' NaN (undefined ends of a moving average, ACF of a degenerate lag) travels as null. */
const maybe = finite.nullable();
const isoInstant = z.iso.datetime({ offset: true });

const sectionError = z.strictObject({
  error: z.strictObject({ code: z.string().min(1), message: z.string() }),
});
const section = <T extends z.ZodType>(ok: T) => z.union([sectionError, ok]);

const adf = z.looseObject({
  statistic: finite,
  pvalue: finite,
  usedlag: z.number().int().nonnegative(),
  nobs: z.number().int().positive(),
  critical: z.looseObject({ '1%': finite, '5%': finite, '10%': finite }),
  icbest: maybe,
});
const hp = z.looseObject({ lambda: finite, trend: z.array(finite), cycle: z.array(finite) });
const decompose = z.looseObject({
  period: z.number().int().positive(),
  trend: z.array(maybe),
  seasonal: z.array(maybe),
  resid: z.array(maybe),
});
const windowStats = z.looseObject({
  count: z.number().int().nonnegative(),
  max: maybe,
  min: maybe,
  mean: maybe,
  std: maybe,
});
const resampledStats = z.looseObject({
  max: maybe,
  min: maybe,
  mean: maybe,
  std: maybe,
  n_buckets: z.number().int().nonnegative(),
  n_nonempty: z.number().int().nonnegative(),
});
const holtWinters = z.looseObject({
  /** The heuristic initial states the fit started from (null when nothing was fitted). */
  init: z
    .looseObject({ level: finite, seasonal: z.array(finite) })
    .nullable()
    .optional(),
  model: z.looseObject({
    trend: z.enum(['add', 'mul']).nullable(),
    seasonal: z.enum(['add', 'mul']).nullable(),
    seasonal_periods: z.number().int().positive().nullable(),
    damped: z.boolean(),
  }),
  params: z.looseObject({
    alpha: finite,
    beta: maybe,
    gamma: maybe,
    initial_level: finite,
    initial_trend: maybe,
    initial_seasons: z.array(finite),
  }),
  sse: maybe,
  forecast: z.array(finite),
});

const modelName = z.string().min(1).max(32);
/** The chosen model's forecast with intervals (issue #15); absent from messages made before it existed. */
const forecastSection = z.looseObject({
  model: modelName,
  ranked: z.boolean(),
  rank_age: z.number().int().nonnegative(),
  period: z.number().int().positive().nullable(),
  period_source: z.enum(['auto', 'configured']),
  mase: maybe,
  runner_up: z.looseObject({ model: modelName, mase: finite }).nullable(),
  method: z.enum(['analytic', 'simulated']),
  sigma: finite,
  params: z.record(z.string(), maybe),
  mean: z.array(finite),
  bands: z.array(z.looseObject({ level: finite, lower: z.array(finite), upper: z.array(finite) })),
  anomaly: z
    .looseObject({ anomalous: z.boolean(), step: z.number().int().positive(), lower: finite, upper: finite })
    .nullable(),
});

/**
 * The analysis report as published. Sections keep the `vigil analyze` shape; the schema checks the fields storage
 * relies on and keeps every other key (loose objects), so richer reports pass through unchanged.
 */
export const reportSchema = z.looseObject({
  adf: section(adf),
  hp: section(hp),
  acf: section(z.array(maybe)),
  decompose: section(decompose),
  aggregates: section(z.record(z.string(), windowStats)),
  aggregates_resampled: section(z.record(z.string(), resampledStats)),
  holt_winters: section(holtWinters),
  forecast: section(forecastSection).optional(),
});

/** The message as the drain validates it once decoded, whichever version it came as (`schema` says which). */
export const analysisMessageSchema = z.strictObject({
  schema: z.enum(SCHEMAS),
  /** `<cycle id>:<series key>`: the same cycle re-publishing a series yields the same id (consumers dedupe). */
  id: z.string().min(1).max(512),
  cycle_id: z.string().min(1).max(255),
  produced_at: isoInstant,
  series: z.strictObject({
    key: z.string().min(1).max(1024),
    metric: z.string().min(1).max(255),
    labels: z.record(z.string(), z.string()),
  }),
  window: z.strictObject({
    start: isoInstant,
    end: isoInstant,
    step_seconds: z.number().int().positive(),
    points: z.number().int().nonnegative(),
    first_sample: isoInstant.nullable(),
    last_sample: isoInstant.nullable(),
  }),
  report: reportSchema,
  /**
   * The forecast with its timestamps (one per step after the last sample): the mean of `report.forecast` (the
   * chosen model), or the Holt-Winters forecast where that section failed or is absent; empty if both failed.
   */
  forecast: z.array(z.strictObject({ t: isoInstant, v: finite })),
});

/**
 * The message type carries the engine's own report type: the schema validates every field storage relies on
 * and passes the rest through, so a decoded report is the AnalysisReport the producer serialised.
 */
export type AnalysisMessage = Omit<z.infer<typeof analysisMessageSchema>, 'report'> & {
  report: AnalysisReport;
};

export type DecodeResult =
  | { ok: true; message: AnalysisMessage }
  | { ok: false; reason: 'BAD_JSON' | 'UNKNOWN_SCHEMA' | 'INVALID'; detail: string };

/** A v2 record whose packed arrays or forecast cannot be unpacked (checked before the schema). */
class MalformedPacking extends Error {
  override readonly name = 'MalformedPacking';
}

/** Decodes a Kafka record value of either version; never throws, so one bad record cannot block a partition. */
export function decodeAnalysisMessage(value: Buffer | string | null): DecodeResult {
  if (value === null) return { ok: false, reason: 'BAD_JSON', detail: 'empty record value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (err) {
    return { ok: false, reason: 'BAD_JSON', detail: (err as Error).message };
  }
  const schema = (parsed as { schema?: unknown } | null)?.schema;
  if (!SCHEMAS.includes(schema as AnalysisMessageSchema)) {
    return {
      ok: false,
      reason: 'UNKNOWN_SCHEMA',
      detail: `schema ${JSON.stringify(schema)} is not one of ${SCHEMAS.join(', ')}`,
    };
  }
  if (schema === ANALYSIS_MESSAGE_SCHEMA_V2) {
    try {
      parsed = unpackV2(parsed as Record<string, unknown>);
    } catch (err) {
      if (err instanceof MalformedPacking) return { ok: false, reason: 'INVALID', detail: err.message };
      throw err;
    }
  }
  const result = analysisMessageSchema.safeParse(parsed);
  if (!result.success) {
    const detail = result.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    return { ok: false, reason: 'INVALID', detail };
  }
  return { ok: true, message: result.data as AnalysisMessage };
}

/** The record value of a message, in the version its `schema` names. */
export function encodeAnalysisMessage(message: AnalysisMessage): Buffer {
  const wire = message.schema === ANALYSIS_MESSAGE_SCHEMA_V2 ? packV2(message) : message;
  return Buffer.from(JSON.stringify(wire), 'utf8');
}

// ---- v2 packing -------------------------------------------------------------------------------------------

const PACKED = 'f64';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const packedForecast = z.strictObject({
  start: isoInstant,
  values: z.strictObject({ [PACKED]: z.string() }),
});

function isNumericArray(value: unknown[]): boolean {
  return value.length > 0 && value.every((v) => v === null || typeof v === 'number');
}

/** JSON's reading of a number: −0 is written as 0 and NaN/±Infinity as null, so v2 carries what v1 would. */
function asJson(v: number | null): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  return v === 0 ? 0 : v;
}

function packArray(values: readonly (number | null)[]): { [PACKED]: string } {
  return { [PACKED]: encodeFloat64(values.map(asJson)).toString('base64') };
}

/** Every non-empty array of numbers (or null) anywhere in `value` becomes `{"f64": base64}`. */
function pack(value: unknown): unknown {
  if (Array.isArray(value)) return isNumericArray(value) ? packArray(value) : value.map(pack);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pack(v)]));
  }
  return value;
}

function packV2(message: AnalysisMessage): unknown {
  const { forecast, report, ...envelope } = message;
  return { ...envelope, report: pack(report), forecast: packForecast(message) };
}

/** The forecast as its first instant and values: buildMessage spaces the points one window step apart. */
function packForecast({ forecast, window }: AnalysisMessage) {
  const first = forecast[0];
  if (!first) return null;
  const t0 = Date.parse(first.t);
  forecast.forEach((p, i) => {
    if (Date.parse(p.t) !== t0 + i * window.step_seconds * 1000) {
      throw new RangeError(`forecast[${i}].t ${p.t} is not ${i} window steps after ${first.t}`);
    }
  });
  return { start: first.t, values: packArray(forecast.map((p) => p.v)) };
}

function unpackArray(packed: unknown, path: string): (number | null)[] {
  if (typeof packed !== 'string' || !BASE64.test(packed)) {
    throw new MalformedPacking(`${path}: ${PACKED} must be base64`);
  }
  const bytes = Buffer.from(packed, 'base64');
  if (bytes.length % 8 !== 0) {
    throw new MalformedPacking(`${path}: ${bytes.length} bytes is not a whole number of float64 values`);
  }
  return decodeFloat64(bytes);
}

function isPacked(value: object): value is { [PACKED]: unknown } {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === PACKED;
}

function unpack(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => unpack(v, `${path}.${i}`));
  if (value !== null && typeof value === 'object') {
    if (isPacked(value)) return unpackArray(value[PACKED], path);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unpack(v, `${path}.${k}`)]));
  }
  return value;
}

/** A parsed v2 record in the v1 layout, ready for the one message schema. */
function unpackV2(parsed: Record<string, unknown>): unknown {
  const { forecast, report, ...envelope } = parsed;
  let points: { t: string; v: number | null }[] = [];
  if (forecast !== null) {
    const f = packedForecast.safeParse(forecast);
    if (!f.success) throw new MalformedPacking(`forecast: ${f.error.issues[0]?.message ?? 'malformed'}`);
    const step = (envelope['window'] as { step_seconds?: unknown } | undefined)?.step_seconds;
    if (typeof step !== 'number' || !Number.isInteger(step) || step <= 0) {
      throw new MalformedPacking(
        'window.step_seconds: needed to place the forecast, must be a positive integer',
      );
    }
    const t0 = Date.parse(f.data.start);
    points = unpackArray(f.data.values[PACKED], 'forecast.values').map((v, i) => ({
      t: i === 0 ? f.data.start : new Date(t0 + i * step * 1000).toISOString(),
      v,
    }));
  }
  return { ...envelope, report: unpack(report, 'report'), forecast: points };
}
