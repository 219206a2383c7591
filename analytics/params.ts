/**
 * The input side of the `analyze` contract: `{ series: [{ t, v }], params?: { … } }`.
 *
 * Every object is strict (an unknown or misspelt key is an error rather than a silently ignored setting) and every
 * key is optional, defaulting to the original's settings (issue 3; the original: docs/architecture.md): ADF
 * maxlag 3 / regression "c" / autolag "AIC",
 * HP λ = 1600, ACF nlags null (statsmodels' default count), additive decomposition with period 60, aggregate windows
 * 1h/3h/12h, and Holt-Winters trend "mul" / seasonal "add" / seasonal_periods 550 / 10 steps.
 */
import { z } from 'zod';
import { parseWindowRule } from './duration.ts';
import { MODEL_NAMES } from './forecast/types.ts';

const nonNegativeInt = z.number().int().nonnegative();

export const adfParamsSchema = z.strictObject({
  maxlag: nonNegativeInt.nullable().default(3),
  regression: z.enum(['c', 'n', 'ct']).default('c'),
  autolag: z.enum(['AIC', 'BIC', 't-stat']).nullable().default('AIC'),
});

export const hpParamsSchema = z.strictObject({
  lambda: z.number().nonnegative().default(1600),
});

export const acfParamsSchema = z.strictObject({
  nlags: nonNegativeInt.nullable().default(null),
});

export const decomposeParamsSchema = z.strictObject({
  model: z.enum(['additive', 'multiplicative']).default('additive'),
  period: z.number().int().positive().default(60),
});

const windowRule = z.string().refine((rule) => parseWindowRule(rule) !== null, {
  message: 'must be a fixed-length pandas rule such as "15s", "30min", "1h" or "1D"',
});

export const aggregatesParamsSchema = z.strictObject({
  windows: z.array(windowRule).max(64).default(['1h', '3h', '12h']),
});

const component = z.enum(['add', 'mul']).nullable();

/** Known parameters: forecast with them instead of fitting. */
export const holtWintersKnownParamsSchema = z.strictObject({
  alpha: z.number(),
  beta: z.number().nullable().default(null),
  gamma: z.number().nullable().default(null),
  initial_level: z.number(),
  initial_trend: z.number().nullable().default(null),
  initial_seasons: z.array(z.number()).default([]),
  phi: z.number().optional(),
});

export const holtWintersParamsSchema = z.strictObject({
  trend: component.default('mul'),
  seasonal: component.default('add'),
  seasonal_periods: z.number().int().min(2).nullable().default(550),
  damped: z.boolean().default(false),
  steps: z.number().int().min(1).max(10_000).default(10),
  params: holtWintersKnownParamsSchema.nullable().default(null),
});

/**
 * The forecast with intervals (issue #15): `model` "auto" ranks the candidates by backtest MASE every `rank_every`
 * cycles and reuses the choice and its smoothing parameters in between; a model name always runs that model.
 * `period` is the seasonal candidates' period: a number (the original's 550 by default), null for none, or "auto"
 * to detect it per series (analytics/forecast/period.ts). The horizon is `holt_winters.steps`.
 */
export const forecastParamsSchema = z.strictObject({
  model: z.enum(['auto', ...MODEL_NAMES]).default('auto'),
  period: z.union([z.number().int().min(2), z.literal('auto'), z.null()]).default(550),
  rank_every: z.number().int().min(1).max(1000).default(12),
  origins: z.number().int().min(1).max(50).default(6),
});
export type ForecastParams = z.output<typeof forecastParamsSchema>;

export const analyzeParamsSchema = z.strictObject({
  adf: adfParamsSchema.prefault({}),
  hp: hpParamsSchema.prefault({}),
  acf: acfParamsSchema.prefault({}),
  decompose: decomposeParamsSchema.prefault({}),
  aggregates: aggregatesParamsSchema.prefault({}),
  holt_winters: holtWintersParamsSchema.prefault({}),
  forecast: forecastParamsSchema.prefault({}),
});

/** A sample as JSON carries it; `v: null` stands for a missing value (JSON has no NaN). */
export const sampleSchema = z.strictObject({
  t: z.string(),
  v: z.number().nullable(),
});

export const analyzeRequestSchema = z.strictObject({
  series: z.array(sampleSchema),
  params: analyzeParamsSchema.prefault({}),
});

/** Fully defaulted parameters, as the analyses receive them. */
export type AnalyzeParams = z.output<typeof analyzeParamsSchema>;
/** Parameters as a caller may write them: every key optional. */
export type AnalyzeParamsInput = z.input<typeof analyzeParamsSchema>;
export type AnalyzeRequest = z.output<typeof analyzeRequestSchema>;
export type AnalyzeRequestInput = z.input<typeof analyzeRequestSchema>;

export type ParamsResult = { ok: true; params: AnalyzeParams } | { ok: false; message: string };

/** Validates and defaults `params`; never throws. The message names each offending path. */
export function parseParams(input: unknown): ParamsResult {
  const result = analyzeParamsSchema.safeParse(input ?? {});
  if (result.success) return { ok: true, params: result.data };
  return { ok: false, message: formatIssues(result.error, 'params') };
}

export function formatIssues(error: z.ZodError, root: string): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${[root, ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
}
