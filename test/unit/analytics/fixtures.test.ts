/**
 * Parity with the generated statsmodels fixtures (scripts/reference/generate_fixtures.py): many series shapes, every
 * ADF regression/autolag/maxlag variant, HP, ACF, additive and multiplicative decomposition, both aggregate flavours,
 * and the errors statsmodels raises.
 */
import { describe, expect, it } from 'vitest';
import { acf } from '../../../analytics/acf.ts';
import { type AdfOptions, adfuller } from '../../../analytics/adf.ts';
import { resampledAggregates, trailingWindowAggregates } from '../../../analytics/aggregates.ts';
import { type DecomposeModel, seasonalDecompose } from '../../../analytics/decompose.ts';
import { AnalysisError } from '../../../analytics/errors.ts';
import { hpfilter } from '../../../analytics/hp.ts';
import { orderedValues, prepareSeries, timedValues } from '../../../analytics/series.ts';
import {
  type AdfExpected,
  expectAdfClose,
  expectClose,
  expectSeriesClose,
  expectStatsClose,
  fixturesDir,
  jsonFiles,
  maxAbs,
  readJson,
  type Sample,
} from './reference.ts';

interface ExpectedError {
  error: string;
  error_code: string;
}

interface Fixture {
  name: string;
  n: number;
  series: Sample[];
  missing_values?: boolean;
  aggregates: {
    windows: string[];
    resampled: Record<string, Record<string, number | null>>;
    raw: Record<string, Record<string, number | null>>;
  };
  adf?: { params: AdfOptions; expected: AdfExpected | ExpectedError }[];
  hp?: { lambda: number; expected: { trend: number[] } | ExpectedError }[];
  acf?: { nlags: number | null; expected: (number | null)[] }[];
  decompose?: {
    model: DecomposeModel;
    period: number;
    expected: { trend: (number | null)[]; seasonal_phase: number[] } | ExpectedError;
  }[];
}

const fixtures = jsonFiles(fixturesDir).map((file) => readJson<Fixture>(file));

function expectAnalysisError(run: () => unknown, code: string) {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AnalysisError);
    expect((err as AnalysisError).code).toBe(code);
    return;
  }
  expect.fail(`expected an AnalysisError ${code}, got a result`);
}

describe('generated statsmodels fixtures', () => {
  it('has a fixture set', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
  });

  for (const fx of fixtures) {
    describe(fx.name, () => {
      const prepared = prepareSeries(fx.series);

      it('aggregates match pandas', () => {
        const samples = timedValues(prepared);
        const x = samples.map((s) => s.v).filter((v) => !Number.isNaN(v));
        const scale = maxAbs(x);
        const resampled = resampledAggregates(samples, fx.aggregates.windows);
        const raw = trailingWindowAggregates(samples, fx.aggregates.windows);
        for (const rule of fx.aggregates.windows) {
          expectStatsClose(
            { ...resampled[rule] },
            fx.aggregates.resampled[rule]!,
            scale,
            `resampled ${rule}`,
          );
          expectStatsClose({ ...raw[rule] }, fx.aggregates.raw[rule]!, scale, `raw ${rule}`);
        }
      });

      if (fx.missing_values) {
        it('value analyses refuse missing values', () => {
          expectAnalysisError(() => orderedValues(prepared), 'NON_FINITE_VALUE');
        });
        return;
      }

      const x = orderedValues(prepared);
      const scale = maxAbs(x);
      const constant = x.every((v) => v === x[0]);

      for (const { params, expected } of fx.adf ?? []) {
        it(`adfuller(maxlag=${params.maxlag}, regression=${params.regression}, autolag=${params.autolag})`, () => {
          if ('error' in expected) expectAnalysisError(() => adfuller(x, params), expected.error_code);
          else expectAdfClose(adfuller(x, params), expected, 'adf');
        });
      }

      for (const { lambda, expected } of fx.hp ?? []) {
        it(`hpfilter(lamb=${lambda})`, () => {
          if ('error' in expected) {
            expectAnalysisError(() => hpfilter(x, lambda), expected.error_code);
            return;
          }
          const r = hpfilter(x, lambda);
          expectSeriesClose(r.trend, expected.trend, scale, 'trend');
          // statsmodels: cycle = x − trend.
          expectSeriesClose(
            r.cycle,
            x.map((v, i) => v - expected.trend[i]!),
            scale,
            'cycle',
          );
        });
      }

      for (const { nlags, expected } of fx.acf ?? []) {
        it(`acf(nlags=${nlags}) direct and FFT`, () => {
          for (const method of ['direct', 'fft'] as const) {
            const r = acf(x, { nlags, method });
            expect(r.length).toBe(expected.length);
            if (constant) {
              // Deviation: statsmodels divides rounding noise by rounding noise when mean(x) is not exactly x[0]
              // (e.g. 0.1 repeated); an exactly constant series has no autocorrelation, reported as null.
              expect(r.every((v) => v === null)).toBe(true);
            } else {
              r.forEach((v, k) => {
                expectClose(v, expected[k] ?? null, 0, 1e-9, `${method} acf[${k}]`);
              });
            }
          }
        });
      }

      for (const { model, period, expected } of fx.decompose ?? []) {
        it(`seasonal_decompose(model=${model}, period=${period})`, () => {
          if ('error' in expected) {
            expectAnalysisError(() => seasonalDecompose(x, { model, period }), expected.error_code);
            return;
          }
          const r = seasonalDecompose(x, { model, period });
          const seasonal = x.map((_, i) => expected.seasonal_phase[i % period]!);
          // statsmodels: resid = (x − trend) − seasonal, or x / seasonal / trend for the multiplicative model.
          const resid = expected.trend.map((t, i) =>
            t === null ? null : model === 'additive' ? x[i]! - t - seasonal[i]! : x[i]! / seasonal[i]! / t,
          );
          expectSeriesClose(r.trend, expected.trend, scale, 'trend');
          expectSeriesClose(r.seasonal, seasonal, scale, 'seasonal');
          expectSeriesClose(r.resid, resid, model === 'additive' ? scale : 1, 'resid');
        });
      }
    });
  }
});
