import { z } from 'zod';
import { vigilFailure } from '../contracts/errors.ts';
import type { CycleInput } from '../contracts/pipeline.ts';
import { SLA_WINDOWS, VIOLATION_PAGE_MAX, type ViolationCheckInput } from '../contracts/sla.ts';
import type { SloMinutesInput } from '../contracts/slo.ts';
import type { DrainWorkflowInput, RetentionInput } from '../contracts/storage.ts';

/**
 * Every workflow's input, checked at its boundary: a workflow can be started by anyone with the `temporal` CLI,
 * and a malformed input must fail the workflow at once, non-retryably (INVALID_INPUT), naming the field, instead
 * of failing deep inside an activity that Temporal then retries for minutes. zod is pure and deterministic,
 * so it runs inside workflow code (it is in the workflow bundles), before the first command: a valid input
 * replays exactly as before.
 */

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
/** An RFC 3339 UTC instant that exists on the calendar (zod checks days per month and leap years). */
const instant = z.iso.datetime({ offset: false });

export const cycleInputSchema = z.strictObject({
  metrics: z.array(z.string().regex(METRIC_NAME, 'a Prometheus metric name')).max(1000).optional(),
  windowEnd: instant.optional(),
}) satisfies z.ZodType<CycleInput>;

export const violationCheckInputSchema = z.strictObject({
  slaId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  window: z.enum(Object.keys(SLA_WINDOWS) as [keyof typeof SLA_WINDOWS]),
  end: instant,
  limit: z.number().int().min(1).max(VIOLATION_PAGE_MAX).optional(),
  next: z.string().min(1).max(1024).optional(),
  revision: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
}) satisfies z.ZodType<ViolationCheckInput>;

export const sloMinutesInputSchema = z.strictObject({
  slaId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
}) satisfies z.ZodType<SloMinutesInput>;

export const drainInputSchema = z.strictObject({
  consumers: z.number().int().min(1).max(64),
  leaseMs: z.number().int().positive(),
  heartbeatTimeoutMs: z.number().int().positive(),
}) satisfies z.ZodType<DrainWorkflowInput>;

export const retentionInputSchema = z.strictObject({
  componentRunsKept: z.number().int().min(1),
  runMaxAgeMs: z.number().int().min(0).optional(),
  deadLetterMaxAgeMs: z.number().int().min(0).optional(),
}) satisfies z.ZodType<RetentionInput>;

/** `input` when it matches `schema`; otherwise a non-retryable INVALID_INPUT failure naming every bad field. */
export function checkInput<T>(workflow: string, schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => {
    const at = i.path.join('.');
    // An unknown key is named as the field, not as its parent: the caller misspelled that key.
    if (i.code === 'unrecognized_keys')
      return i.keys.map((k) => `${at ? `${at}.` : ''}${k}: not a known field`).join('; ');
    return `${at || '(input)'}: ${i.message}`;
  });
  throw vigilFailure('INVALID_INPUT', `invalid ${workflow} input: ${issues.join('; ')}`);
}
