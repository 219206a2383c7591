/**
 * The decomposition's faster loops (four moving-average outputs at a time, typed scratch arrays) against the
 * straightforward implementation they replaced: results must be identical to the last bit, not merely close.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seasonalDecompose } from '../../../analytics/decompose.ts';

/** The previous implementation's arithmetic, verbatim (validation omitted: inputs here are valid). */
function reference(x: readonly number[], model: 'additive' | 'multiplicative', period: number) {
  const n = x.length;
  const even = period % 2 === 0;
  const weights = even
    ? Array.from({ length: period + 1 }, (_, j) => (j === 0 || j === period ? 0.5 : 1) / period)
    : new Array<number>(period).fill(1 / period);
  const half = even ? period / 2 : (period - 1) / 2;
  const trend: (number | null)[] = new Array<number | null>(n).fill(null);
  for (let i = half; i < n - half; i++) {
    let s = 0;
    const from = i - half;
    for (let j = 0; j < weights.length; j++) s += weights[j]! * x[from + j]!;
    trend[i] = s;
  }
  const multiplicative = model === 'multiplicative';
  const detrended = trend.map((t, i) => (t === null ? null : multiplicative ? x[i]! / t : x[i]! - t));
  const phase = new Float64Array(period);
  for (let k = 0; k < period; k++) {
    let sum = 0;
    let count = 0;
    for (let i = k; i < n; i += period) {
      const d = detrended[i];
      if (d !== null && d !== undefined) {
        sum += d;
        count++;
      }
    }
    phase[k] = sum / count;
  }
  let phaseMean = 0;
  for (const s of phase) phaseMean += s;
  phaseMean /= period;
  for (let k = 0; k < period; k++) phase[k] = multiplicative ? phase[k]! / phaseMean : phase[k]! - phaseMean;
  const seasonal = Array.from({ length: n }, (_, i) => phase[i % period]!);
  const resid = trend.map((t, i) => {
    if (t === null) return null;
    return multiplicative ? x[i]! / seasonal[i]! / t : detrended[i]! - seasonal[i]!;
  });
  return { model, period, trend, seasonal, resid };
}

/** toEqual treats −0 and 0 as different and NaN as equal to NaN, which is what "same bits" needs here. */
function expectIdentical(a: unknown, b: unknown) {
  expect(a).toEqual(b);
}

describe('seasonalDecompose (faster loops)', () => {
  it('equals the reference bit for bit on random series, periods and both models', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 90 }),
        fc.constantFrom('additive', 'multiplicative') as fc.Arbitrary<'additive' | 'multiplicative'>,
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom(1, 1e-3, 1e10, 123.456),
        (period, extra, model, seed, level) => {
          const n = 2 * period + extra;
          let state = seed;
          const next = () => {
            state = (state * 1103515245 + 12345) % 2147483648;
            return state / 2147483648;
          };
          const x = Array.from({ length: n }, (_, i) => level * (2 + Math.sin(i / 3) + next()));
          expectIdentical(seasonalDecompose(x, { model, period }), reference(x, model, period));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('equals the reference on a node_exporter-sized series with the default period', () => {
    const x = Array.from(
      { length: 2880 },
      (_, i) => 1e10 + 2.5e8 * Math.sin(i / 229) + 4e7 * Math.sin(i / 9.5) + ((i * 7919) % 1013) * 1e5,
    );
    for (const model of ['additive', 'multiplicative'] as const) {
      expectIdentical(seasonalDecompose(x, { model, period: 60 }), reference(x, model, 60));
    }
  });
});
