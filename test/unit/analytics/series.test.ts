import { describe, expect, it } from 'vitest';
import { resampledAggregates, trailingWindowAggregates } from '../../../analytics/aggregates.ts';
import { parseWindowRule } from '../../../analytics/duration.ts';
import { AnalysisError } from '../../../analytics/errors.ts';
import { orderedValues, parseIsoInstant, prepareSeries, timedValues } from '../../../analytics/series.ts';

describe('parseIsoInstant', () => {
  it.each([
    ['2024-03-11T06:13:00Z', Date.UTC(2024, 2, 11, 6, 13, 0)],
    ['2024-03-11T06:13:00.250Z', Date.UTC(2024, 2, 11, 6, 13, 0, 250)],
    ['2024-03-11T06:13:00,5Z', Date.UTC(2024, 2, 11, 6, 13, 0, 500)],
    ['2024-03-11T08:13:00+02:00', Date.UTC(2024, 2, 11, 6, 13, 0)],
    ['2024-03-11T01:43:00-0430', Date.UTC(2024, 2, 11, 6, 13, 0)],
    ['2024-03-11T06:13Z', Date.UTC(2024, 2, 11, 6, 13, 0)],
    ['2024-03-11 06:13:00', Date.UTC(2024, 2, 11, 6, 13, 0)],
    ['2024-03-11T06:13:00', Date.UTC(2024, 2, 11, 6, 13, 0)],
    ['2024-03-11', Date.UTC(2024, 2, 11)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('parses %s', (text, expected) => {
    expect(parseIsoInstant(text)).toBe(expected);
  });

  it('does not read years below 100 as 19xx (a Date.UTC pitfall)', () => {
    expect(new Date(parseIsoInstant('0099-01-01T00:00:00Z')).getUTCFullYear()).toBe(99);
  });

  it('keeps sub-millisecond precision', () => {
    expect(parseIsoInstant('2024-03-11T06:13:00.000250Z') - Date.UTC(2024, 2, 11, 6, 13)).toBeCloseTo(
      0.25,
      9,
    );
  });

  it.each([
    'yesterday',
    '',
    '2024-3-11T06:13:00Z',
    '2024-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-03-11T24:00:00Z',
    '2024-03-11T06:60:00Z',
    '2024-03-11T06:13:61Z',
    '2024-13-01T00:00:00Z',
    '2024-03-11T06:13:00+25:00',
    '1710137580',
    'Mon, 11 Mar 2024 06:13:00 GMT',
  ])('rejects %j', (text) => {
    expect(Number.isNaN(parseIsoInstant(text))).toBe(true);
  });
});

describe('prepareSeries', () => {
  const t = (m: number) => new Date(Date.UTC(2024, 0, 1, 0, m)).toISOString();

  it('passes a clean series through', () => {
    const p = prepareSeries([
      { t: t(0), v: 1 },
      { t: t(1), v: 2 },
    ]);
    expect(orderedValues(p)).toEqual([1, 2]);
    expect(timedValues(p).map((s) => s.v)).toEqual([1, 2]);
  });

  it('names the first offending sample', () => {
    const p = prepareSeries([
      { t: t(0), v: 1 },
      { t: t(2), v: 2 },
      { t: t(1), v: 3 },
    ]);
    expect(() => orderedValues(p)).toThrow(/sample 2/);
    expect(timedValues(p).map((s) => s.v)).toEqual([1, 3, 2]);
  });

  it('separates NaN (skipped by aggregates) from Infinity (refused)', () => {
    const nan = prepareSeries([
      { t: t(0), v: null },
      { t: t(1), v: 2 },
    ]);
    expect(() => orderedValues(nan)).toThrow(AnalysisError);
    expect(timedValues(nan)).toHaveLength(2);
    const inf = prepareSeries([
      { t: t(0), v: Number.NEGATIVE_INFINITY },
      { t: t(1), v: 2 },
    ]);
    expect(() => timedValues(inf)).toThrow(/infinite/);
  });
});

describe('aggregates', () => {
  const at = (iso: string, v: number) => ({ t: parseIsoInstant(iso), v });

  it('uses the half-open window (t_last − W, t_last]', () => {
    const samples = [
      at('2024-01-01T00:00:00Z', 1),
      at('2024-01-01T00:00:01Z', 2),
      at('2024-01-01T01:00:00Z', 3),
    ];
    const r = trailingWindowAggregates(samples, ['1h']);
    // 00:00:00 is exactly t_last − 1h and excluded.
    expect(r['1h']).toEqual({ count: 2, max: 3, min: 2, mean: 2.5, std: Math.SQRT1_2 });
  });

  it('gives a null std for a single value, like pandas NaN', () => {
    const r = trailingWindowAggregates([at('2024-01-01T00:00:00Z', 5)], ['1h']);
    expect(r['1h']).toEqual({ count: 1, max: 5, min: 5, mean: 5, std: null });
  });

  it('resample buckets are closed on the left, aligned to midnight UTC, and count empty buckets', () => {
    const samples = [
      at('2024-01-01T10:59:59Z', 1),
      at('2024-01-01T11:00:00Z', 2),
      at('2024-01-01T11:30:00Z', 3),
      at('2024-01-01T13:10:00Z', 4),
    ];
    const r = resampledAggregates(samples, ['1h', '3h']);
    // 1h buckets 10:00, 11:00, 12:00 (empty), 13:00 → last values 1, 3, 4.
    expect(r['1h']).toMatchObject({ n_buckets: 4, n_nonempty: 3, max: 4, min: 1 });
    expect(r['1h']!.mean).toBeCloseTo(8 / 3, 14);
    // 3h buckets 09:00 and 12:00 → last values 3 and 4.
    expect(r['3h']).toMatchObject({ n_buckets: 2, n_nonempty: 2, max: 4, min: 3, mean: 3.5 });
  });

  it('rejects an invalid window rule', () => {
    expect(() => resampledAggregates([at('2024-01-01T00:00:00Z', 1)], ['1H'])).toThrow(/not a valid rule/);
  });
});

describe('parseWindowRule', () => {
  it.each([
    ['1h', 3_600_000],
    ['h', 3_600_000],
    ['3h', 10_800_000],
    ['12h', 43_200_000],
    ['15s', 15_000],
    ['30min', 1_800_000],
    ['1D', 86_400_000],
    ['2d', 172_800_000],
  ])('%s = %d ms', (rule, ms) => {
    expect(parseWindowRule(rule)).toBe(ms);
  });

  it.each(['1H', '0h', '-1h', '1m', '1M', '1w', 'h1', '', '1.5h'])('rejects %j', (rule) => {
    expect(parseWindowRule(rule)).toBeNull();
  });
});
