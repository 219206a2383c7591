import { durationPattern } from '../../contracts/duration.ts';
import { SLA_FOR } from '../../contracts/sla.ts';
import { OBJECTIVE_WINDOWS } from '../../contracts/slo.ts';

/**
 * JSON schemas of the REST API: they validate requests (every body, query and params object is closed with
 * `additionalProperties: false`), make responses fast to serialize, and generate the OpenAPI document.
 * `nullable` is OpenAPI 3.0's and Ajv's spelling of "or null".
 */

export const METRIC_NAME = '^[a-zA-Z_:][a-zA-Z0-9_:]*$';
const LABEL_NAME = '^[a-zA-Z_][a-zA-Z0-9_]*$';
/**
 * An RFC 3339 UTC instant on a whole minute (`2026-02-28T10:00Z`, seconds `:00` and zero fractions allowed) that
 * exists on the calendar: days per month and leap years are in the pattern, so `2026-02-30` is refused by the
 * schema (400 naming the field) instead of rolling over to 2 March, and the OpenAPI document says exactly what is
 * accepted. Years start at 1970: no metric is older than the Unix epoch.
 */
const YEAR = '(?:19[7-9][0-9]|[2-9][0-9]{3})';
/** Leap years from 1970: every fourth, centuries only when divisible by 400. */
const LEAP_YEAR =
  '(?:19(?:7[26]|8[048]|9[26])|[2-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[3579][26])00)';
const DAY =
  `(?:${YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])` +
  `|${YEAR}-(?:0[13-9]|1[0-2])-(?:29|30)` +
  `|${YEAR}-(?:0[13578]|1[02])-31` +
  `|${LEAP_YEAR}-02-29)`;
export const MINUTE_INSTANT = `^${DAY}T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::00(?:\\.0{1,3})?)?Z$`;

/**
 * Numeric ranges as exact patterns (no leading zeros), so that the schema, not the handler, refuses what is out
 * of range and the OpenAPI document tells clients and fuzzers the truth. test/unit/sla/schemas.test.ts checks
 * each against every number it could hold.
 */
/** 1m to 1440m (a day). */
export const HORIZON = '^(?:[1-9][0-9]{0,2}|1[0-3][0-9]{2}|14[0-3][0-9]|1440)m$';
/** 1m to 9999m, 1h to 720h, 1d to 30d: at most 30 days. */
export const ETL_WINDOW =
  '^(?:[1-9][0-9]{0,3}m|(?:[1-9][0-9]?|[1-6][0-9]{2}|7[01][0-9]|720)h|(?:[1-9]|[12][0-9]|30)d)$';
/** `*`, or a comma-separated list of entity tags (an SLA's ETag is its revision in quotes); parseIfMatch's grammar. */
export const IF_MATCH = '^(?:\\*|(?:W/)?"[0-9]{1,10}"(?: *, *(?:W/)?"[0-9]{1,10}")*)$';

/** A Prometheus-style duration such as 90s, 5m or 2h; `for` of an SLA (the grammar parseDuration reads). */
export const DURATION = durationPattern(SLA_FOR);

export const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          in: { type: 'string' },
          path: { type: 'string' },
          message: { type: 'string' },
          property: { type: 'string' },
        },
      },
    },
  },
  required: ['type', 'title', 'status'],
  // Problems carry extension members (workflowId, checks), which the serializer must keep.
  additionalProperties: true,
} as const;

/** Problem answers for the given statuses, documented as application/problem+json. */
/**
 * An SLA name: no control characters, and no space at either end. Written with explicit code point ranges, not
 * `.` or `\\s`, which JavaScript and other regex dialects (clients validating against this schema) read
 * differently: JavaScript's `.` stops at `\\r`, Python's does not.
 */
export const SLA_NAME =
  '^[^\\u0000-\\u0020\\u007f-\\u00a0](?:[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\u0000-\\u0020\\u007f-\\u00a0])?$';

export function problems(...statuses: number[]): Record<number, unknown> {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: 'Problem details', content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  );
}

const matcherSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['label', 'value'],
  properties: {
    label: { type: 'string', pattern: LABEL_NAME, maxLength: 128 },
    op: { type: 'string', enum: ['=', '!=', '=~', '!~'], default: '=' },
    value: { type: 'string', maxLength: 1024 },
  },
} as const;

const fieldProperties = {
  name: {
    type: 'string',
    minLength: 1,
    maxLength: 128,
    pattern: SLA_NAME,
    description: 'Unique; compared exactly (case and accents count) after Unicode NFC normalisation',
  },
  description: { type: 'string', maxLength: 4000 },
  metric: { type: 'string', pattern: METRIC_NAME, maxLength: 255 },
  matchers: { type: 'array', maxItems: 32, items: matcherSchema },
  min: { type: 'number', nullable: true, description: 'Lower bound (inclusive); null for none' },
  max: { type: 'number', nullable: true, description: 'Upper bound (inclusive); null for none' },
  for: {
    type: 'string',
    pattern: DURATION,
    description:
      'How long a breach must last before the SLA fires, e.g. 5m (as in Prometheus alerting rules)',
  },
  objective: {
    type: 'object',
    nullable: true,
    additionalProperties: false,
    required: ['target', 'window'],
    description:
      'The share of good series-minutes (inside the bounds) to keep over a window; null for none. Budget and ' +
      'burn rates: GET /slas/{id}/budget',
    properties: {
      // Inclusive bounds, which OpenAPI 3.0 and Ajv spell alike: 99.999 % leaves under half a minute a month,
      // less than one minute of evaluation can show.
      target: {
        type: 'number',
        minimum: 0.001,
        maximum: 0.99999,
        description: 'The share of good series-minutes, from 0.001 to 0.99999, e.g. 0.995',
      },
      window: {
        type: 'string',
        enum: [...OBJECTIVE_WINDOWS],
        description: 'Rolling 7d, 28d or 30d, or the calendar week (from Monday) or month, in UTC',
      },
    },
  },
} as const;

/** An SLA bounds something: min, max or both are numbers (whether min ≤ max is checked by the handler, 422). */
const someBound = [
  { required: ['min'], properties: { min: { type: 'number' } } },
  { required: ['max'], properties: { max: { type: 'number' } } },
] as const;

/** POST and PUT: a whole SLA; omitted optional fields take their defaults. */
export const slaBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'metric'],
  anyOf: someBound,
  properties: {
    ...fieldProperties,
    description: { ...fieldProperties.description, default: '' },
    matchers: { ...fieldProperties.matchers, default: [] },
    min: { ...fieldProperties.min, default: null },
    max: { ...fieldProperties.max, default: null },
    for: { ...fieldProperties.for, default: '0s' },
    objective: { ...fieldProperties.objective, default: null },
  },
} as const;

/** PATCH: any non-empty subset of the fields. */
export const slaPatchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  // Removing both bounds at once can never be valid; removing the only remaining one is a 422.
  not: { required: ['min', 'max'], properties: { min: { type: 'null' }, max: { type: 'null' } } },
  properties: fieldProperties,
} as const;

export const slaSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    ...fieldProperties,
    // What is stored: names accepted before SLA_NAME (any non-blank text) are still served as they are.
    name: { type: 'string', minLength: 1, maxLength: 128 },
    forSeconds: { type: 'integer' },
    revision: { type: 'integer', description: 'Counts updates, starting at 1' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
  required: [
    'id',
    'name',
    'description',
    'metric',
    'matchers',
    'min',
    'max',
    'for',
    'forSeconds',
    'objective',
    'revision',
  ],
} as const;

export const idParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
} as const;

export const labelsSchema = { type: 'object', additionalProperties: { type: 'string' } } as const;
