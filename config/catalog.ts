import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { type AnalyzeParamsInput, analyzeParamsSchema } from '../analytics/params.ts';
import { DURATION, parseDuration } from '../contracts/duration.ts';
import type { LabelMatch } from '../contracts/label-matcher.ts';
import { isRegexOp, regexProblem } from '../prometheus/label-matchers.ts';
import { ConfigError, durationText } from './env.ts';

/**
 * The metric catalog: which Prometheus metrics the pipeline analyzes, how each is selected, and per-metric
 * analysis parameters. Validated once at start; an invalid file stops the process naming the bad entry.
 * Every distinct label set Prometheus returns for an entry (e.g. each filesystem) is its own series.
 */
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const matcherSchema = z
  .strictObject({
    label: z.string().regex(LABEL_NAME, 'a Prometheus label name'),
    op: z.enum(['=', '!=', '=~', '!~']).default('='),
    value: z.string().max(1024),
  })
  .superRefine((m, ctx) => {
    const problem = isRegexOp(m.op) ? regexProblem(m.value) : null;
    if (problem !== null)
      ctx.addIssue({ code: 'custom', path: ['value'], message: `not an RE2 regex: ${problem}` });
  });

const durationSchema = durationText(DURATION, 'a duration like 90s, 30m, 24h or 1d');

const metricSchema = z.strictObject({
  name: z.string().regex(METRIC_NAME, 'a Prometheus metric name'),
  matchers: z.array(matcherSchema).max(32).default([]),
  /** Deep-merged over the catalog's default params; every key optional (the `vigil analyze` params). */
  params: z.record(z.string(), z.unknown()).default({}),
});

export const catalogSchema = z.strictObject({
  version: z.literal(1),
  /** How far back each cycle fetches; 24h at a 1-minute step is 1,440 points (Prometheus allows 11,000). */
  lookback: durationSchema.default('24h'),
  step: durationSchema.default('60s'),
  /** Series per analysis activity: bounds an activity's work and the size of what it returns. */
  batch_size: z.number().int().min(1).max(5000).default(200),
  params: z.record(z.string(), z.unknown()).default({}),
  metrics: z.array(metricSchema).min(1).max(1000),
});

/** One catalog entry, ready for the pipeline: params fully defaulted and validated. */
export interface CatalogMetric {
  name: string;
  matchers: LabelMatch[];
  params: AnalyzeParamsInput;
}

export interface Catalog {
  lookbackSeconds: number;
  stepSeconds: number;
  batchSize: number;
  metrics: CatalogMetric[];
}

/** Seconds of a catalog duration, which the schema has already checked. */
export function durationSeconds(text: string): number {
  const seconds = parseDuration(text);
  if (seconds === null) throw new ConfigError(`not a duration: ${text}`);
  return seconds;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? deepMerge(b, v) : v;
  }
  return out;
}

/** Validates a parsed catalog document; throws a ConfigError naming the file and the offending path. */
export function parseCatalog(doc: unknown, source = 'catalog'): Catalog {
  const parsed = catalogSchema.safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid metric catalog ${source}:\n${issues.join('\n')}`);
  }
  const c = parsed.data;
  const names = new Set<string>();
  const metrics = c.metrics.map((m, i) => {
    if (names.has(m.name))
      throw new ConfigError(`invalid metric catalog ${source}: metrics.${i}: duplicate metric ${m.name}`);
    names.add(m.name);
    const merged = deepMerge(c.params, m.params);
    const params = analyzeParamsSchema.safeParse(merged);
    if (!params.success) {
      const issues = params.error.issues.map(
        (x) => `  metrics.${i}.params.${x.path.join('.')}: ${x.message}`,
      );
      throw new ConfigError(`invalid metric catalog ${source}:\n${issues.join('\n')}`);
    }
    return { name: m.name, matchers: m.matchers, params: merged as AnalyzeParamsInput };
  });
  const stepSeconds = durationSeconds(c.step);
  const lookbackSeconds = durationSeconds(c.lookback);
  if (lookbackSeconds / stepSeconds > 11_000) {
    throw new ConfigError(
      `invalid metric catalog ${source}: lookback/step exceeds Prometheus's 11,000 points`,
    );
  }
  return { lookbackSeconds, stepSeconds, batchSize: c.batch_size, metrics };
}

export function loadCatalog(file: string): Catalog {
  const path = resolve(file);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read metric catalog ${path}: ${(err as Error).message}`);
  }
  return parseCatalog(doc, path);
}
