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
 * accepted.
 */
const DAY =
  '(?:[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])' +
  '|[0-9]{4}-(?:0[13-9]|1[0-2])-(?:29|30)' +
  '|[0-9]{4}-(?:0[13578]|1[02])-31' +
  '|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)';
export const MINUTE_INSTANT = `^${DAY}T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::00(?:\\.0{1,3})?)?Z$`;

/** A Prometheus-style duration such as 90s, 5m or 2h; `for` of an SLA. */
export const DURATION = '^[0-9]{1,7}[smh]$';

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
  name: { type: 'string', minLength: 1, maxLength: 128, pattern: '^\\S(.*\\S)?$' },
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
} as const;

/** POST and PUT: a whole SLA; omitted optional fields take their defaults. */
export const slaBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'metric'],
  properties: {
    ...fieldProperties,
    description: { ...fieldProperties.description, default: '' },
    matchers: { ...fieldProperties.matchers, default: [] },
    min: { ...fieldProperties.min, default: null },
    max: { ...fieldProperties.max, default: null },
    for: { ...fieldProperties.for, default: '0s' },
  },
} as const;

/** PATCH: any non-empty subset of the fields. */
export const slaPatchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: fieldProperties,
} as const;

export const slaSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    ...fieldProperties,
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
