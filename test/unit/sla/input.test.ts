import { describe, expect, it } from 'vitest';
import { Unprocessable } from '../../../api/sla/errors.ts';
import { etlRows } from '../../../api/sla/etl-stats.ts';
import { matchesAll } from '../../../api/sla/matchers.ts';
import { formatFor, parseFor, type SlaBody, toFields } from '../../../api/sla/sla-input.ts';

const body: SlaBody = {
  name: 'fd',
  description: '',
  metric: 'node_filefd_allocated',
  matchers: [{ label: 'job', op: '=', value: 'host' }],
  min: null,
  max: 4000,
  for: '5m',
};

describe('SLA input', () => {
  it('parses and formats `for` exactly', () => {
    expect(parseFor('90s')).toBe(90);
    expect(parseFor('5m')).toBe(300);
    expect(parseFor('2h')).toBe(7200);
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

  it('matches labels with PromQL semantics (anchored regexes, missing label = empty)', () => {
    const labels = { job: 'host', mountpoint: '/data' };
    expect(matchesAll(labels, [{ label: 'job', op: '=', value: 'host' }])).toBe(true);
    expect(matchesAll(labels, [{ label: 'job', op: '=~', value: 'ho' }])).toBe(false);
    expect(matchesAll(labels, [{ label: 'mountpoint', op: '=~', value: '/d.*' }])).toBe(true);
    expect(matchesAll(labels, [{ label: 'device', op: '=', value: '' }])).toBe(true);
    expect(matchesAll(labels, [{ label: 'job', op: '!~', value: 'h.*' }])).toBe(false);
    expect(matchesAll(labels, [{ label: 'job', op: '!=', value: 'x' }])).toBe(true);
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
