import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OpenSloError, type OpenSloSla, OpenSloSyntaxError } from '../../../../api/sla/openslo/document.ts';
import { toOpenSlo } from '../../../../api/sla/openslo/export.ts';
import { fromOpenSlo } from '../../../../api/sla/openslo/import.ts';
import { readOpenSloYaml, writeOpenSloYaml } from '../../../../api/sla/openslo/yaml.ts';
import type { SlaMatcher } from '../../../../contracts/sla.ts';
import { OBJECTIVE_WINDOWS } from '../../../../contracts/slo.ts';
import { parseSelector, selector } from '../../../../prometheus/selectors.ts';

const base: OpenSloSla = {
  name: 'File descriptors (host)',
  description: 'open file descriptors stay below 4,000',
  metric: 'node_filefd_allocated',
  matchers: [
    { label: 'job', op: '=~', value: 'host|demo' },
    { label: 'env', op: '!=', value: 'dev "old"' },
  ],
  min: null,
  max: 4000,
  for: '5m',
  objective: { target: 0.995, window: '28d' },
};

/**
 * Export, to text and back, then import: what POST /slos/openslo does with what GET /slas/:id/openslo wrote. The
 * text must read the same as YAML 1.1 (PyYAML, Go's yaml.v2) as it does as YAML 1.2.
 */
function roundTrip(sla: OpenSloSla): OpenSloSla {
  const text = writeOpenSloYaml(toOpenSlo(sla));
  expect(parse(text, { version: '1.1' })).toEqual(parse(text));
  return fromOpenSlo(readOpenSloYaml(text)).sla;
}

/** Deletes the field at `path` in an edit. */
const DELETE = Symbol('delete');
type Edits = Record<string, unknown>;

/**
 * The exported document of `sla` (a fresh copy) with each dotted path (`spec.objectives.1.op`) set to its value,
 * or deleted: a document import must refuse or accept. (Annotation keys hold dots: edit `metadata.annotations`.)
 */
function edited(edits: Edits, sla: OpenSloSla = base): unknown {
  const doc = structuredClone(toOpenSlo(sla));
  for (const [path, value] of Object.entries(edits)) {
    const keys = path.split('.');
    const last = keys.pop()!;
    const parent = keys.reduce(
      (node, key) => (node as Record<string, unknown>)[key],
      doc as unknown,
    ) as Record<string, unknown>;
    if (value === DELETE) delete parent[last];
    else parent[last] = value;
  }
  return doc;
}

/** The paths import names for `doc` (none when it imports). */
function refusedPaths(doc: unknown): string[] {
  try {
    fromOpenSlo(doc);
    return [];
  } catch (err) {
    if (!(err instanceof OpenSloError)) throw err;
    return err.problems.map((p) => p.path);
  }
}

describe('OpenSLO export', () => {
  it('writes an SLO with an inline Prometheus threshold indicator, Timeslices of 1m and one objective per bound', () => {
    expect(toOpenSlo({ ...base, min: 10, objective: { target: 0.999, window: 'week' } })).toEqual({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: {
        name: 'file-descriptors-host',
        displayName: 'File descriptors (host)',
        annotations: { 'vigil.dev/for': '5m' },
      },
      spec: {
        description: 'open file descriptors stay below 4,000',
        service: 'vigil',
        indicator: {
          metadata: { name: 'node-filefd-allocated' },
          spec: {
            thresholdMetric: {
              metricSource: {
                type: 'Prometheus',
                spec: { query: 'node_filefd_allocated{job=~"host|demo",env!="dev \\"old\\""}' },
              },
            },
          },
        },
        timeWindow: [
          {
            duration: '1w',
            calendar: { startTime: '2024-01-01 00:00:00', timeZone: 'UTC' },
            isRolling: false,
          },
        ],
        budgetingMethod: 'Timeslices',
        objectives: [
          { op: 'gte', value: 10, target: 0.999, timeSliceTarget: 1, timeSliceWindow: '1m' },
          { op: 'lte', value: 4000, target: 0.999, timeSliceTarget: 1, timeSliceWindow: '1m' },
        ],
      },
    });
  });

  it('maps every window: rolling 7d, 28d, 30d; calendar 1w and 1M from a Monday and a 1st, in UTC', () => {
    const calendar = { startTime: '2024-01-01 00:00:00', timeZone: 'UTC' };
    expect(
      OBJECTIVE_WINDOWS.map(
        (window) => toOpenSlo({ ...base, objective: { target: 0.99, window } }).spec.timeWindow,
      ),
    ).toEqual([
      [{ duration: '7d', isRolling: true }],
      [{ duration: '28d', isRolling: true }],
      [{ duration: '30d', isRolling: true }],
      [{ duration: '1w', calendar, isRolling: false }],
      [{ duration: '1M', calendar, isRolling: false }],
    ]);
  });

  it('keeps names and descriptions longer than OpenSLO allows in annotations, and names RFC 1123 labels', () => {
    const name = `Ünïcode ${'x'.repeat(70)}`;
    const description = 'd'.repeat(1051);
    const doc = toOpenSlo({ ...base, name, description });
    expect(doc.metadata).toEqual({
      name: `unicode-${'x'.repeat(55)}`,
      annotations: { 'vigil.dev/for': '5m', 'vigil.dev/name': name, 'vigil.dev/description': description },
    });
    expect(doc.spec).not.toHaveProperty('description');
    expect(toOpenSlo({ ...base, name: '日本' }).metadata.name).toMatch(/^sla-[0-9a-f]{8}$/);
    expect(toOpenSlo({ ...base, description: '' }).spec).not.toHaveProperty('description');
  });

  it('writes YAML that YAML 1.1 readers read alike: numbers with a dot and a signed exponent, dates quoted', () => {
    const sla = {
      ...base,
      name: 'on',
      min: 1e-7,
      max: 1e21,
      objective: { target: 0.99, window: 'month' as const },
    };
    const text = writeOpenSloYaml(toOpenSlo(sla));
    expect(text).toMatch(/^apiVersion: openslo\/v1\nkind: SLO\n/);
    expect(text).toContain('value: 1.0e-7\n');
    expect(text).toContain('value: 1.0e+21\n');
    expect(text).toContain('startTime: "2024-01-01 00:00:00"\n');
    expect(text).toContain('displayName: "on"\n');
    expect(parse(text, { version: '1.1' })).toEqual(parse(text));
    expect(parse(text)).toEqual(toOpenSlo(sla));
  });
});

const label = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,20}$/);
/**
 * Any text without lone surrogates (the API refuses those before anything else sees them), and short ASCII, which
 * finds the strings YAML would read as something else (`on`, `0o7`, `1:20`, `~`).
 */
const text = (maxLength: number, minLength = 0) =>
  fc.oneof(
    fc.string({ unit: 'binary', minLength, maxLength }).filter((s) => !/[\uD800-\uDFFF]/u.test(s)),
    fc.string({ unit: 'grapheme-ascii', minLength, maxLength: Math.min(maxLength, minLength + 8) }),
  );
const matcher: fc.Arbitrary<SlaMatcher> = fc.oneof(
  fc.record({ label, op: fc.constantFrom('=' as const, '!=' as const), value: text(40) }),
  fc.record({
    label,
    op: fc.constantFrom('=~' as const, '!~' as const),
    value: fc.constantFrom('', '.*', 'host|demo', 'a\\.b', '[a-z]+\\d{2}', '(?i)x', '"q"|\\\\'),
  }),
);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const bounds = fc.oneof(
  fc.record({ min: finite, max: fc.constant(null) }),
  fc.record({ min: fc.constant(null), max: finite }),
  fc.tuple(finite, finite).map(([a, b]) => (a <= b ? { min: a, max: b } : { min: b, max: a })),
);
const slas: fc.Arbitrary<OpenSloSla> = fc
  .record({
    // Both sides of OpenSLO's limits: 63 characters of displayName, 1050 of description.
    name: fc.oneof(text(63), text(130, 64)),
    description: fc.oneof(text(60), text(1060, 1040)),
    metric: fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,30}$/),
    matchers: fc.array(matcher, { maxLength: 5 }),
    bounds,
    for: fc.stringMatching(/^[0-9]{1,7}[smh]$/),
    objective: fc.record({
      target: fc.double({ min: 0.001, max: 0.99999, noNaN: true }),
      window: fc.constantFrom(...OBJECTIVE_WINDOWS),
    }),
  })
  .map(({ bounds, ...rest }) => ({ ...rest, ...bounds }));

describe('OpenSLO round trip', () => {
  it('gives back the same SLA for every window, bound combination, name, description and selector', () => {
    fc.assert(
      fc.property(slas, (sla) => {
        expect(roundTrip(sla)).toEqual(sla);
      }),
    );
  });

  it('reads back every selector `selector` writes', () => {
    const metric = fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,20}$/);
    fc.assert(
      fc.property(metric, fc.array(matcher), (name, matchers) => {
        expect(parseSelector(selector(name, matchers))).toEqual({ metric: name, matchers });
      }),
    );
  });
});

const Q = 'spec.indicator.spec.thresholdMetric.metricSource.spec.query';
const W = 'spec.timeWindow.0';
const W0 = 'spec.timeWindow[0]';
const O = 'spec.objectives';
const A = 'metadata.annotations';
const upper = toOpenSlo(base).spec.objectives[0]!;

/** What import must refuse, the edit that makes a valid document so, and the paths it must name. */
const refusals: Array<[string, Edits, string[]]> = [
  ['another apiVersion', { apiVersion: 'openslo/v1alpha' }, ['apiVersion']],
  ['another kind', { kind: 'SLI' }, ['kind']],
  ['Occurrences', { 'spec.budgetingMethod': 'Occurrences' }, ['spec.budgetingMethod']],
  ['RatioTimeslices', { 'spec.budgetingMethod': 'RatioTimeslices' }, ['spec.budgetingMethod']],
  [
    'a ratio indicator',
    { 'spec.indicator.spec': { ratioMetric: { good: {}, total: {} } } },
    ['spec.indicator.spec.ratioMetric'],
  ],
  [
    'an indicator by reference',
    { 'spec.indicator': DELETE, 'spec.indicatorRef': 'x' },
    ['spec.indicatorRef'],
  ],
  ['alert policies', { 'spec.alertPolicies': [{ alertPolicyRef: 'p' }] }, ['spec.alertPolicies']],
  ['labels', { 'metadata.labels': { team: 'a' } }, ['metadata.labels']],
  ['an SLI description', { 'spec.indicator.spec.description': 'x' }, ['spec.indicator.spec.description']],
  ['an unknown field', { 'spec.budget': 1 }, ['spec.budget']],
  [
    'an unknown Vigil annotation',
    { [A]: { 'vigil.dev/for': '5m', 'vigil.dev/x': '1' } },
    [`${A}["vigil.dev/x"]`],
  ],
  ['annotations that are not a mapping', { [A]: 7 }, [A]],
  ['a for that is not text', { [A]: { 'vigil.dev/for': 5 } }, [`${A}["vigil.dev/for"]`]],
  [
    'another source type',
    { 'spec.indicator.spec.thresholdMetric.metricSource.type': 'Datadog' },
    ['spec.indicator.spec.thresholdMetric.metricSource.type'],
  ],
  [
    'a data source reference',
    { 'spec.indicator.spec.thresholdMetric.metricSource.metricSourceRef': 'prom' },
    ['spec.indicator.spec.thresholdMetric.metricSource.metricSourceRef'],
  ],
  ['a function', { [Q]: 'rate(x[5m])' }, [Q]],
  ['an operator', { [Q]: 'x{a="b"} > 1' }, [Q]],
  ['a range', { [Q]: 'x[5m]' }, [Q]],
  ['an offset', { [Q]: 'x offset 5m' }, [Q]],
  ['a selector without metric name', { [Q]: '{job="a"}' }, [Q]],
  ['a regex RE2 refuses', { [Q]: 'x{a=~"(?=b)"}' }, [Q]],
  ['another rolling window', { [`${W}.duration`]: '14d' }, [`${W0}.duration`]],
  ['a rolling month', { [`${W}.duration`]: '1M' }, [`${W0}.duration`]],
  ['two windows', { 'spec.timeWindow.1': { duration: '7d', isRolling: true } }, ['spec.timeWindow']],
  ['no window', { 'spec.timeWindow': DELETE }, ['spec.timeWindow']],
  [
    'a rolling window with a calendar',
    { [`${W}.calendar`]: { startTime: '2024-01-01 00:00:00', timeZone: 'UTC' } },
    [`${W0}.calendar`],
  ],
  ['a window neither rolling nor calendar', { [`${W}.isRolling`]: false }, [`${W0}.calendar`]],
  [
    'a calendar quarter in another zone',
    { [W]: { duration: '1Q', calendar: { startTime: '2024-01-01 00:00:00', timeZone: 'Europe/Berlin' } } },
    [`${W0}.duration`, `${W0}.calendar.timeZone`],
  ],
  [
    'a calendar week from a Tuesday',
    { [W]: { duration: '1w', calendar: { startTime: '2024-01-02 00:00:00', timeZone: 'UTC' } } },
    [`${W0}.calendar.startTime`],
  ],
  [
    'a calendar month from the 2nd',
    { [W]: { duration: '1M', calendar: { startTime: '2024-01-02 00:00:00', timeZone: 'UTC' } } },
    [`${W0}.calendar.startTime`],
  ],
  ['a strict bound', { [`${O}.0.op`]: 'lt' }, [`${O}[0].op`]],
  ['no bound value', { [`${O}.0.value`]: DELETE }, [`${O}[0].value`]],
  ['a non-finite bound', { [`${O}.0.value`]: Number.POSITIVE_INFINITY }, [`${O}[0].value`]],
  ['a target above Vigil’s', { [`${O}.0.target`]: 0.999999 }, [`${O}[0].target`]],
  ['a target below Vigil’s', { [`${O}.0.target`]: 0 }, [`${O}[0].target`]],
  ['a target and a targetPercent', { [`${O}.0.targetPercent`]: 99 }, [`${O}[0].targetPercent`]],
  ['another slice target', { [`${O}.0.timeSliceTarget`]: 0.9 }, [`${O}[0].timeSliceTarget`]],
  ['another slice window', { [`${O}.0.timeSliceWindow`]: '5m' }, [`${O}[0].timeSliceWindow`]],
  ['a composite objective', { [`${O}.0.indicatorRef`]: 'x' }, [`${O}[0].indicatorRef`]],
  ['no objective', { [O]: [] }, [O]],
  ['three objectives', { [O]: [upper, upper, upper] }, [O]],
  [
    'two objectives with different targets',
    { [`${O}.1`]: { ...upper, op: 'gte', value: 1, target: 0.9 } },
    [`${O}[1].target`],
  ],
  ['two upper bounds', { [`${O}.1`]: { ...upper, value: 1 } }, [`${O}[1].op`]],
  ['a lower bound above the upper', { [`${O}.1`]: { ...upper, op: 'gte', value: 5000 } }, [O]],
  ['no name', { 'metadata.name': DELETE }, ['metadata.name']],
];

describe('OpenSLO import', () => {
  it('reads documents written elsewhere: targetPercent, a name without displayName, 4w, a numeric slice', () => {
    const doc = readOpenSloYaml(`
apiVersion: openslo/v1
kind: SLO
metadata:
  name: api-latency
  labels: {}
  annotations:
    other.example.com/owner: team-a
spec:
  service: api
  indicator:
    metadata: { name: latency, displayName: Latency }
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: " api_latency_seconds { quantile = '0.99', path=~\`/v1/.*\`, } "
  timeWindow: [{ duration: 4w, isRolling: true }]
  budgetingMethod: Timeslices
  alertPolicies: []
  objectives:
    - displayName: fast
      op: lte
      value: 0.25
      targetPercent: 99.95
      timeSliceTarget: 1
      timeSliceWindow: 1
`);
    expect(fromOpenSlo(doc).sla).toEqual({
      name: 'api-latency',
      description: '',
      metric: 'api_latency_seconds',
      matchers: [
        { label: 'quantile', op: '=', value: '0.99' },
        { label: 'path', op: '=~', value: '/v1/.*' },
      ],
      min: null,
      max: 0.25,
      for: '0s',
      objective: { target: 0.9995, window: '28d' },
    });
  });

  it('says where each field came from, to name it in refusals found later', () => {
    const sla = { ...base, min: 1, name: 'n'.repeat(64) };
    const [lower, upperBound] = toOpenSlo(sla).spec.objectives;
    const doc = edited({ [O]: [upperBound, lower] }, sla);
    expect(fromOpenSlo(doc).sources).toEqual({
      name: `${A}["vigil.dev/name"]`,
      description: 'spec.description',
      metric: Q,
      matchers: Q,
      min: `${O}[1].value`,
      max: `${O}[0].value`,
      for: `${A}["vigil.dev/for"]`,
      objective: `${O}[0].target`,
    });
  });

  it.each(refusals)('refuses %s, naming the field', (_what, edits, paths) => {
    expect(refusedPaths(edited(edits))).toEqual(paths);
  });

  it('names every field at fault at once', () => {
    const doc = edited({
      'spec.budgetingMethod': 'Occurrences',
      'spec.indicator.spec': { ratioMetric: {} },
      'spec.alertPolicies': [{ alertPolicyRef: 'p' }],
      [`${W}.duration`]: '2w',
    });
    expect(refusedPaths(doc).sort()).toEqual(
      [
        'spec.alertPolicies',
        'spec.budgetingMethod',
        'spec.indicator.spec.ratioMetric',
        `${W0}.duration`,
      ].sort(),
    );
  });

  it('accepts what loses nothing: empty labels and alert policies, other implementations’ annotations', () => {
    const doc = edited({
      'metadata.labels': {},
      'spec.alertPolicies': [],
      [A]: { 'vigil.dev/for': '5m', 'openslo.com/x': 'y' },
      [`${O}.0.displayName`]: 'fast enough',
    });
    expect(fromOpenSlo(doc).sla).toEqual(base);
  });

  it('reads one YAML document, refusing several, text that is not YAML, and alias bombs', () => {
    expect(refusedPaths(['a'])).toEqual(['(document)']);
    expect(refusedPaths(null)).toEqual(['(document)']);
    expect(readOpenSloYaml('a: 1\n---\n')).toEqual({ a: 1 });
    expect(() => readOpenSloYaml('a: 1\n---\nb: 2\n')).toThrow(OpenSloError);
    expect(() => readOpenSloYaml('a: [')).toThrow(OpenSloSyntaxError);
    expect(() => readOpenSloYaml('a: 1\na: 2\n')).toThrow(OpenSloSyntaxError);
    const laughs = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ];
    expect(() => readOpenSloYaml(laughs.join('\n'))).toThrow(OpenSloSyntaxError);
  });
});
