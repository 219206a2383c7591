import { z } from 'zod';
import type { AnalysisReport } from '../analytics/report.ts';

/**
 * The Kafka message the pipeline publishes for each analyzed series, and the storage drain consumes: one module,
 * shared by producer and consumer, so both sides validate against the same versioned schema.
 *
 * Versioning: `schema` names the major version. Adding optional fields keeps v1; anything a v1 consumer would
 * misread (renaming, retyping, removing) is v2, and the consumer dead-letters versions it does not know.
 */
export const ANALYSIS_MESSAGE_SCHEMA = 'vigil.analysis.v1';

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
});

export const analysisMessageSchema = z.strictObject({
  schema: z.literal(ANALYSIS_MESSAGE_SCHEMA),
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
  /** The Holt-Winters forecast with its timestamps (one per step after the last sample); empty if it failed. */
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

/** Decodes a Kafka record value; never throws, so one bad record cannot block a partition. */
export function decodeAnalysisMessage(value: Buffer | string | null): DecodeResult {
  if (value === null) return { ok: false, reason: 'BAD_JSON', detail: 'empty record value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (err) {
    return { ok: false, reason: 'BAD_JSON', detail: (err as Error).message };
  }
  const schema = (parsed as { schema?: unknown } | null)?.schema;
  if (schema !== ANALYSIS_MESSAGE_SCHEMA) {
    return {
      ok: false,
      reason: 'UNKNOWN_SCHEMA',
      detail: `schema ${JSON.stringify(schema)} is not ${ANALYSIS_MESSAGE_SCHEMA}`,
    };
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

export function encodeAnalysisMessage(message: AnalysisMessage): Buffer {
  return Buffer.from(JSON.stringify(message), 'utf8');
}
