/**
 * analyzeSeries: every section runs on its own, degenerate input gives structured section errors while the other
 * sections complete, and the report never throws nor carries NaN/±Infinity.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_ERROR_CODES } from '../../../analytics/errors.ts';
import { type AnalysisReport, analyzeSeries } from '../../../analytics/report.ts';
import type { SampleInput } from '../../../analytics/series.ts';
import { casesDir, expectAdfClose, expectSeriesClose, jsonFiles, maxAbs, readJson } from './reference.ts';

const T0 = Date.parse('2024-03-11T06:13:00Z');

function minuteSeries(values: readonly (number | null)[], start = T0, stepMs = 60_000): SampleInput[] {
  return values.map((v, i) => ({ t: new Date(start + i * stepMs).toISOString(), v }));
}

function wave(n: number, level = 100): number[] {
  return Array.from(
    { length: n },
    (_, i) => level + 10 * Math.sin((2 * Math.PI * i) / 60) + ((i * 7919) % 13) / 3,
  );
}

/** A fast Holt-Winters configuration, so these tests exercise the wiring rather than the optimiser. */
const quickHw = { holt_winters: { trend: null, seasonal: null } } as const;

type SectionName = keyof AnalysisReport;
const SECTIONS: SectionName[] = [
  'adf',
  'hp',
  'acf',
  'decompose',
  'aggregates',
  'aggregates_resampled',
  'holt_winters',
  'forecast',
];
const VALUE_SECTIONS: SectionName[] = ['adf', 'hp', 'acf', 'decompose', 'holt_winters'];

function errorCode(report: AnalysisReport, section: SectionName): string | null {
  const value = report[section] as unknown;
  if (value !== null && typeof value === 'object' && 'error' in value) {
    return (value as { error: { code: string } }).error.code;
  }
  return null;
}

/** JSON round trip must be lossless: JSON.stringify turns NaN/Infinity into null, which would change the value. */
function expectJsonSafe(report: AnalysisReport) {
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'number') expect(Number.isFinite(v), `${path} is ${v}`).toBe(true);
    else if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`);
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(report, 'report');
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
}

describe('analyzeSeries', () => {
  it('runs every analysis on a well-formed series', () => {
    const report = analyzeSeries({ series: minuteSeries(wave(720)), params: quickHw });
    for (const s of SECTIONS) expect(errorCode(report, s), s).toBeNull();
    expect(Object.keys(report.aggregates)).toEqual(['1h', '3h', '12h']);
    expectJsonSafe(report);
  });

  it('agrees with the statsmodels reference cases through the report', () => {
    for (const file of jsonFiles(casesDir, 'case_')) {
      const c = readJson<{
        series: SampleInput[];
        params: { decompose: { period: number } };
        expected: {
          adf: Parameters<typeof expectAdfClose>[1];
          hp: { trend: number[] };
          decompose: { trend: (number | null)[] };
        };
      }>(file);
      const report = analyzeSeries({
        series: c.series,
        params: { decompose: { period: c.params.decompose.period }, ...quickHw },
      });
      const scale = maxAbs(c.series.map((s) => s.v as number));
      expectAdfClose(report.adf as never, c.expected.adf, file);
      expectSeriesClose((report.hp as { trend: number[] }).trend, c.expected.hp.trend, scale, 'hp');
      expectSeriesClose(
        (report.decompose as { trend: number[] }).trend,
        c.expected.decompose.trend,
        scale,
        'dec',
      );
    }
  });

  it('constant series: ADF refuses, ACF is null, the rest completes', () => {
    const report = analyzeSeries({ series: minuteSeries(new Array(200).fill(1048576)), params: quickHw });
    expect(errorCode(report, 'adf')).toBe('CONSTANT_SERIES');
    expect(report.acf).toEqual(new Array(24).fill(null));
    for (const s of ['hp', 'decompose', 'aggregates', 'aggregates_resampled', 'holt_winters'] as const) {
      expect(errorCode(report, s), s).toBeNull();
    }
    expectJsonSafe(report);
  });

  it('too few points: ADF and decomposition refuse, HP/ACF/aggregates complete', () => {
    const report = analyzeSeries({ series: minuteSeries([1.5, 1.7, 1.2, 1.9, 1.4]) });
    expect(errorCode(report, 'adf')).toBe('TOO_FEW_POINTS');
    expect(errorCode(report, 'decompose')).toBe('TOO_FEW_POINTS');
    for (const s of ['hp', 'acf', 'aggregates', 'aggregates_resampled'] as const)
      expect(errorCode(report, s)).toBeNull();
    expectJsonSafe(report);
  });

  it('non-positive values: multiplicative models refuse, additive ones run', () => {
    const values = wave(300, 0).map((v, i) => (i % 50 === 0 ? 0 : v));
    const report = analyzeSeries({
      series: minuteSeries(values),
      params: { decompose: { model: 'multiplicative' }, holt_winters: { trend: 'mul', seasonal: null } },
    });
    expect(errorCode(report, 'decompose')).toBe('NON_POSITIVE_VALUES');
    expect(errorCode(report, 'holt_winters')).toBe('NON_POSITIVE_VALUES');
    expect(errorCode(report, 'adf')).toBeNull();
    expect(errorCode(report, 'hp')).toBeNull();
    expectJsonSafe(report);
  });

  it('missing values (null): value analyses refuse, aggregates skip them like pandas', () => {
    const values: (number | null)[] = wave(240);
    values[17] = null;
    const report = analyzeSeries({ series: minuteSeries(values), params: quickHw });
    for (const s of VALUE_SECTIONS) expect(errorCode(report, s), s).toBe('NON_FINITE_VALUE');
    expect(errorCode(report, 'aggregates')).toBeNull();
    expect((report.aggregates as Record<string, { count: number }>)['12h']!.count).toBe(239);
    expectJsonSafe(report);
  });

  it('NaN and Infinity given programmatically never leak into the report', () => {
    const values = wave(240);
    values[3] = Number.NaN;
    values[9] = Number.POSITIVE_INFINITY;
    const report = analyzeSeries({ series: minuteSeries(values), params: quickHw });
    for (const s of VALUE_SECTIONS) expect(errorCode(report, s), s).toBe('NON_FINITE_VALUE');
    expect(errorCode(report, 'aggregates')).toBe('NON_FINITE_VALUE');
    expectJsonSafe(report);
  });

  it('unsorted timestamps: order-dependent analyses refuse, aggregates sort by time', () => {
    const series = minuteSeries(wave(240));
    [series[10], series[11]] = [series[11]!, series[10]!];
    const report = analyzeSeries({ series, params: quickHw });
    for (const s of VALUE_SECTIONS) expect(errorCode(report, s), s).toBe('UNSORTED_TIMESTAMPS');
    const sorted = analyzeSeries({ series: minuteSeries(wave(240)), params: quickHw });
    expect(report.aggregates).toEqual(sorted.aggregates);
    expect(report.aggregates_resampled).toEqual(sorted.aggregates_resampled);
  });

  it('duplicate timestamps: every analysis refuses', () => {
    const series = minuteSeries(wave(240));
    series[5] = { ...series[5]!, t: series[4]!.t };
    const report = analyzeSeries({ series, params: quickHw });
    for (const s of SECTIONS) expect(errorCode(report, s), s).toBe('DUPLICATE_TIMESTAMPS');
  });

  it('a non-adjacent duplicate in an unsorted series is still found', () => {
    const series = minuteSeries(wave(30));
    series[20] = { ...series[20]!, t: series[2]!.t };
    const report = analyzeSeries({ series, params: quickHw });
    expect(errorCode(report, 'aggregates')).toBe('DUPLICATE_TIMESTAMPS');
  });

  it('invalid timestamps: every analysis refuses', () => {
    const series = minuteSeries(wave(240));
    series[7] = { ...series[7]!, t: 'yesterday' };
    const report = analyzeSeries({ series, params: quickHw });
    for (const s of SECTIONS) expect(errorCode(report, s), s).toBe('INVALID_TIMESTAMP');
  });

  it('empty series: every section is EMPTY_SERIES', () => {
    const report = analyzeSeries({ series: [] });
    for (const s of SECTIONS) expect(errorCode(report, s), s).toBe('EMPTY_SERIES');
  });

  it('an invalid parameter fails only its own section', () => {
    const report = analyzeSeries({
      series: minuteSeries(wave(240)),
      params: { hp: { lambda: -1 }, ...quickHw } as never,
    });
    expect(errorCode(report, 'hp')).toBe('INVALID_PARAMETER');
    expect((report.hp as { error: { message: string } }).error.message).toContain('params.hp.lambda');
    for (const s of ['adf', 'acf', 'decompose', 'aggregates', 'holt_winters'] as const) {
      expect(errorCode(report, s), s).toBeNull();
    }
  });

  it('gaps: value analyses run on the values present, aggregates count empty buckets', () => {
    const values = wave(300);
    const series = minuteSeries(values).filter((_, i) => i < 100 || i >= 175);
    const report = analyzeSeries({ series, params: quickHw });
    expect(errorCode(report, 'adf')).toBeNull();
    expect((report.hp as { trend: number[] }).trend.length).toBe(225);
    const resampled = report.aggregates_resampled as Record<
      string,
      { n_buckets: number; n_nonempty: number }
    >;
    expect(resampled['1h']!.n_buckets).toBeGreaterThan(resampled['1h']!.n_nonempty);
  });

  it('never throws and never emits a non-finite number, whatever the series', () => {
    const sample = fc.record({
      t: fc.oneof(
        {
          weight: 8,
          arbitrary: fc.integer({ min: 0, max: 600 }).map((m) => new Date(T0 + m * 60_000).toISOString()),
        },
        { weight: 1, arbitrary: fc.string({ maxLength: 25 }) },
      ),
      v: fc.oneof(
        { weight: 8, arbitrary: fc.double({ min: -1e12, max: 1e12, noNaN: true }) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(null, Number.NaN, Number.POSITIVE_INFINITY, 0, 1e300, -1e-300),
        },
      ),
    });
    fc.assert(
      fc.property(fc.array(sample, { maxLength: 40 }), fc.boolean(), (samples, sortByTime) => {
        const series = sortByTime
          ? [...samples].sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0))
          : samples;
        const report = analyzeSeries({
          series,
          params: { decompose: { period: 4 }, holt_winters: { trend: 'add', seasonal: null, steps: 3 } },
        });
        expect(Object.keys(report).sort()).toEqual([...SECTIONS].sort());
        for (const s of SECTIONS) {
          const code = errorCode(report, s);
          if (code !== null) expect(ANALYSIS_ERROR_CODES).toContain(code);
        }
        expectJsonSafe(report);
      }),
      { numRuns: 150 },
    );
  });
});
