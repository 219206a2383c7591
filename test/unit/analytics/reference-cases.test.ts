/**
 * Parity with the six statsmodels reference cases (test/fixtures/cases, scripts/reference/generate_cases.py), with the
 * tolerances each case file lists. Holt-Winters is tested by its own suite.
 */
import { describe, expect, it } from 'vitest';
import { acf } from '../../../analytics/acf.ts';
import { adfuller } from '../../../analytics/adf.ts';
import { resampledAggregates, trailingWindowAggregates } from '../../../analytics/aggregates.ts';
import { seasonalDecompose } from '../../../analytics/decompose.ts';
import { hpfilter } from '../../../analytics/hp.ts';
import { prepareSeries, timedValues } from '../../../analytics/series.ts';
import {
  type AdfExpected,
  casesDir,
  expectAdfClose,
  expectClose,
  expectSeriesClose,
  expectStatsClose,
  jsonFiles,
  maxAbs,
  readJson,
  type Sample,
} from './reference.ts';

interface ReferenceCase {
  name: string;
  series: Sample[];
  params: { decompose: { model: 'additive'; period: number }; aggregate_rules: string[] };
  expected: {
    adf: AdfExpected | { error: string };
    adf_fixed: AdfExpected | { error: string };
    adf_aic: AdfExpected | { error: string };
    hp: { lambda: number; trend: number[]; cycle: number[] };
    acf: (number | null)[];
    decompose:
      | { period: number; trend: (number | null)[]; seasonal: number[]; resid: (number | null)[] }
      | { error: string };
    aggregates: Record<string, Record<string, number | null>>;
    aggregates_raw_window: Record<string, Record<string, number | string | null>>;
  };
}

const cases = jsonFiles(casesDir, 'case_').map((file) => readJson<ReferenceCase>(file));

describe('statsmodels reference cases', () => {
  it('finds the six cases', () => {
    expect(cases.length).toBe(6);
  });

  for (const c of cases) {
    describe(c.name, () => {
      const x = c.series.map((s) => s.v as number);
      const scale = maxAbs(x);

      const adfCalls = [
        ['adf', { maxlag: 3, regression: 'c', autolag: 'AIC' }],
        ['adf_fixed', { maxlag: 3, regression: 'c', autolag: null }],
        ['adf_aic', { maxlag: null, regression: 'c', autolag: 'AIC' }],
      ] as const;
      for (const [key, options] of adfCalls) {
        it(`${key}: adfuller(x, maxlag=${options.maxlag}, autolag=${options.autolag})`, () => {
          const expected = c.expected[key];
          if ('error' in expected) {
            expect(() => adfuller(x, options)).toThrow();
            return;
          }
          expectAdfClose(adfuller(x, options), expected, key);
        });
      }

      it('hpfilter(x, 1600)', () => {
        const r = hpfilter(x, c.expected.hp.lambda);
        expectSeriesClose(r.trend, c.expected.hp.trend, scale, 'trend');
        expectSeriesClose(r.cycle, c.expected.hp.cycle, scale, 'cycle');
      });

      it('acf(x) direct and FFT, abs 1e-9', () => {
        for (const method of ['direct', 'fft'] as const) {
          const r = acf(x, { method });
          expect(r.length).toBe(c.expected.acf.length);
          r.forEach((v, k) => {
            expectClose(v, c.expected.acf[k] ?? null, 0, 1e-9, `${method} acf[${k}]`);
          });
        }
      });

      it(`seasonal_decompose(x, period=${c.params.decompose.period})`, () => {
        const expected = c.expected.decompose;
        if ('error' in expected) {
          expect(() => seasonalDecompose(x, c.params.decompose)).toThrow();
          return;
        }
        const r = seasonalDecompose(x, c.params.decompose);
        expect(r.period).toBe(expected.period);
        expectSeriesClose(r.trend, expected.trend, scale, 'trend');
        expectSeriesClose(r.seasonal, expected.seasonal, scale, 'seasonal');
        expectSeriesClose(r.resid, expected.resid, scale, 'resid');
      });

      it('aggregates: resample(rule).last() and trailing raw windows', () => {
        const samples = timedValues(prepareSeries(c.series));
        const rules = c.params.aggregate_rules;
        const resampled = resampledAggregates(samples, rules);
        const raw = trailingWindowAggregates(samples, rules);
        for (const rule of rules) {
          const { buckets: _buckets, ...expected } = c.expected.aggregates[rule] as Record<
            string,
            number | null
          >;
          expectStatsClose({ ...resampled[rule] }, expected, scale, `resampled ${rule}`);
          const {
            window_start_exclusive: _s,
            window_end_inclusive: _e,
            ...rawExpected
          } = c.expected.aggregates_raw_window[rule] as Record<string, number | null>;
          expectStatsClose({ ...raw[rule] }, rawExpected, scale, `raw ${rule}`);
        }
      });
    });
  }
});
