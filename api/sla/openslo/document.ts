import type { SlaObjective } from '../../../contracts/slo.ts';
import type { SlaFields } from '../../../drizzle/repositories/slas.ts';

/**
 * SLAs as OpenSLO v1 documents (github.com/OpenSLO/OpenSLO, README "SLO" and "Objectives"; the v1 validation of
 * github.com/OpenSLO/go-sdk, pkg/openslo/v1): one `kind: SLO` with an inline threshold indicator over Vigil's
 * Prometheus. Export then import gives back the same SLA; a document Vigil cannot keep whole is refused, every
 * field at fault named by its path, never imported in part.
 *
 * The mapping:
 * - Vigil evaluates each series every minute and counts the minute good when the value is finite and inside the
 *   bounds: `budgetingMethod: Timeslices`, `timeSliceWindow: 1m`, `timeSliceTarget: 1` (one evaluation per series
 *   and slice, which must be good). For an SLA over one series this is exact; over several, Vigil counts
 *   series-minutes where an OpenSLO reader may count a minute bad as soon as one of its series is.
 * - A bound is an objective (README "Objectives": `op`, `value` compare the threshold metric): max ↔ `op: lte`,
 *   min ↔ `op: gte`, inclusive like Vigil's. Both bounds are two objectives with the SLA's one target.
 * - The window (README "SLO", `timeWindow`): 7d, 28d, 30d ↔ rolling; week ↔ `1w` and month ↔ `1M` calendar
 *   windows in UTC, starting on a Monday and on the first of a month.
 * - What OpenSLO has no field for goes in `metadata.annotations` (README "General Schema": implementation
 *   metadata): the `for` duration, and the name or description when it is longer than OpenSLO allows.
 */

export const OPENSLO_API_VERSION = 'openslo/v1';

/** An SLA with an objective, as the API's bodies carry it (`for` as text); what export takes and import gives. */
export type OpenSloSla = Omit<SlaFields, 'forSeconds' | 'objective'> & {
  for: string;
  objective: SlaObjective;
};

export type TimeWindow =
  | { duration: string; isRolling: true }
  | { duration: string; calendar: { startTime: string; timeZone: 'UTC' }; isRolling: false };

export interface Objective {
  op: 'gte' | 'lte';
  value: number;
  target: number;
  timeSliceTarget: 1;
  timeSliceWindow: '1m';
}

/** What export writes. */
export interface OpenSloDocument {
  apiVersion: typeof OPENSLO_API_VERSION;
  kind: 'SLO';
  metadata: { name: string; displayName?: string; annotations: Record<string, string> };
  spec: {
    description?: string;
    service: string;
    indicator: {
      metadata: { name: string };
      spec: { thresholdMetric: { metricSource: { type: 'Prometheus'; spec: { query: string } } } };
    };
    timeWindow: [TimeWindow];
    budgetingMethod: 'Timeslices';
    objectives: Objective[];
  };
}

/** Where in the document each field of an imported SLA came from, to name it in a later refusal. */
export type OpenSloSources = Record<keyof OpenSloSla, string>;

export interface OpenSloProblem {
  /** The field's path in the document, e.g. `spec.budgetingMethod`, `spec.objectives[1].target`. */
  path: string;
  message: string;
}

/** A document Vigil cannot import as it is: every field at fault, by its path. */
export class OpenSloError extends Error {
  override readonly name = 'OpenSloError';
  constructor(readonly problems: OpenSloProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
}

/** Text that is not YAML at all. */
export class OpenSloSyntaxError extends Error {
  override readonly name = 'OpenSloSyntaxError';
}

/** Vigil's own annotations (a DNS prefix of our own, as README "General Schema" asks of implementations). */
export const ANNOTATIONS = {
  name: 'vigil.dev/name',
  description: 'vigil.dev/description',
  for: 'vigil.dev/for',
} as const;
export const VIGIL_PREFIX = 'vigil.dev/';

/** go-sdk v1 caps `metadata.displayName` at 63 characters; README "SLO" caps `description` at 1050. */
export const DISPLAY_NAME_MAX = 63;
export const DESCRIPTION_MAX = 1050;
/** README "General Schema": names are RFC 1123 DNS labels. */
export const DNS_LABEL_MAX = 63;

/** Vigil's objective targets (the API's bounds, api/sla/schemas.ts). */
export const TARGET_MIN = 0.001;
export const TARGET_MAX = 0.99999;

export const ROLLING_WINDOWS = { '7d': 7 * 1_440, '28d': 28 * 1_440, '30d': 30 * 1_440 } as const;
export const CALENDAR_WINDOWS = { week: '1w', month: '1M' } as const;
/** The calendar windows' start (go-sdk: Go's time.DateTime layout): a Monday, and the first of a month. */
export const CALENDAR_START = '2024-01-01 00:00:00';
export const UTC_ZONES = ['UTC', 'Etc/UTC'];
/** Vigil has no services; go-sdk v1 requires `spec.service`, so export names Vigil itself. */
export const SERVICE = 'vigil';

/** How problems with the document as a whole are located. */
export const ROOT = '(document)';
export const QUERY_PATH = 'spec.indicator.spec.thresholdMetric.metricSource.spec.query';

export function chars(text: string): number {
  return [...text].length;
}
