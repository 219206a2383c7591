import { describe, expect, it } from 'vitest';
import { Unprocessable } from '../../../../api/sla/errors.ts';
import { etlRows } from '../../../../api/sla/etl-stats.ts';
import { formatFor, type SlaCandidate, toFields } from '../../../../api/sla/sla-input.ts';

const body: SlaCandidate = {
  name: 'fd',
  description: '',
  metric: 'node_filefd_allocated',
  matchers: [{ label: 'job', op: '=', value: 'host' }],
  min: null,
  max: 4000,
  for: '5m',
  objective: null,
};

describe('SLA input', () => {
  it('formats `for` exactly', () => {
    expect([0, 90, 300, 7200].map(formatFor)).toEqual(['0s', '90s', '5m', '2h']);
  });

  it('refuses with 422 what a schema cannot: no bound, min above max, bad regex, too long a for', () => {
    expect(toFields(body)).toMatchObject({ forSeconds: 300, max: 4000, min: null });
    for (const bad of [
      { ...body, max: null },
      { ...body, min: 5000 },
      { ...body, matchers: [{ label: 'job', op: '=~' as const, value: '(' }] },
      { ...body, for: '999h' },
    ]) {
      expect(() => toFields(bad)).toThrow(Unprocessable);
    }
  });

  it('refuses with 422 a regex Prometheus (RE2) would refuse, naming the matcher, and accepts RE2-only syntax', () => {
    const withRegex = (value: string) => ({
      ...body,
      matchers: [
        { label: 'job', op: '=' as const, value: 'host' },
        { label: 'instance', op: '=~' as const, value },
      ],
    });
    for (const bad of ['(?=demo)demo', '(a)\\1', 'a)|(b']) {
      expect(() => toFields(withRegex(bad))).toThrow(/matchers\[1\]\.value/);
    }
    expect(toFields(withRegex('(?i)DEMO')).matchers[1]).toEqual({
      label: 'instance',
      op: '=~',
      value: '(?i)DEMO',
    });
  });
});

describe('ETL rows', () => {
  it('joins count, sum, p95 and max by metric and stage and drops empty groups', () => {
    const l = (metric: string, stage: string) => ({ metric, stage });
    const rows = etlRows({
      count: [
        { labels: l('m', 'fetch'), value: 4 },
        { labels: l('m', 'analyze'), value: 0 },
      ],
      sum: [{ labels: l('m', 'fetch'), value: 2 }],
      p95: [{ labels: l('m', 'fetch'), value: 0.9 }],
      max: [{ labels: l('m', 'fetch'), value: Number.NaN }],
    });
    expect(rows).toEqual([
      { metric: 'm', stage: 'fetch', count: 4, meanSeconds: 0.5, p95Seconds: 0.9, maxSeconds: null },
    ]);
  });
});
