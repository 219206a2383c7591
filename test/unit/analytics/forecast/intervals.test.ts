import { describe, expect, it } from 'vitest';
import { predictionIntervals } from '../../../../analytics/forecast/intervals.ts';
import { fitModelByName } from '../../../../analytics/forecast/models.ts';
import type { ModelName } from '../../../../analytics/forecast/types.ts';
import { type AdditiveEts, additiveEts } from './simulated-series.ts';

const H = 10;

/**
 * Share of the true future values inside the 80 % and 95 % intervals of `model` fitted on the first n values of
 * `seeds` series drawn from `truth` (all steps pooled).
 */
function coverage(truth: AdditiveEts, model: ModelName, period: number, seeds: number, n = 300) {
  let in80 = 0;
  let in95 = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const y = additiveEts(truth, n + H, seed);
    const train = y.slice(0, n);
    const dist = fitModelByName(train, model, period).forecast(train, H);
    const [b80, b95] = predictionIntervals(dist, [0.8, 0.95], { seed }).bands;
    for (let k = 0; k < H; k++) {
      const v = y[n + k]!;
      if (v >= b80!.lower[k]! && v <= b80!.upper[k]!) in80++;
      if (v >= b95!.lower[k]! && v <= b95!.upper[k]!) in95++;
    }
  }
  return { c80: in80 / (seeds * H), c95: in95 / (seeds * H) };
}

const base: AdditiveEts = {
  alpha: 0.4,
  beta: 0.03,
  gamma: 0,
  phi: 1,
  m: 0,
  sigma: 1,
  level: 50,
  slope: 0.1,
  amplitude: 0,
};

describe('prediction interval coverage on series from known models', () => {
  it('Holt (analytic) on ETS(A,A,N) series covers ~80 % and ~95 %', () => {
    const { c80, c95 } = coverage(base, 'holt', 0, 200);
    expect(c80).toBeGreaterThan(0.74);
    expect(c80).toBeLessThan(0.86);
    expect(c95).toBeGreaterThan(0.92);
    expect(c95).toBeLessThan(0.98);
  });

  it('additive Holt-Winters (analytic) on ETS(A,A,A) series covers ~80 % and ~95 %', () => {
    const truth = { ...base, alpha: 0.3, beta: 0.01, gamma: 0.1, m: 12, amplitude: 5, slope: 0.02 };
    const { c80, c95 } = coverage(truth, 'hw-add', 12, 60, 240);
    expect(c80).toBeGreaterThan(0.72);
    expect(c80).toBeLessThan(0.88);
    expect(c95).toBeGreaterThan(0.9);
    expect(c95).toBeLessThan(0.985);
  });

  it('multiplicative-seasonal Holt-Winters (simulated) on the same series covers ~95 %', () => {
    const truth = {
      ...base,
      alpha: 0.3,
      beta: 0.01,
      gamma: 0.1,
      m: 12,
      amplitude: 5,
      slope: 0.02,
      level: 200,
    };
    const { c95 } = coverage(truth, 'hw-mul', 12, 40, 240);
    expect(c95).toBeGreaterThan(0.9);
    expect(c95).toBeLessThan(0.99);
  });

  it('seasonal naive on a seasonal random walk and the linear trend on a noisy line cover ~95 %', () => {
    const walk = { ...base, alpha: 0, beta: 0, gamma: 1, m: 24, amplitude: 3, slope: 0 };
    expect(coverage(walk, 'seasonal-naive', 24, 200).c95).toBeGreaterThan(0.92);
    expect(coverage(walk, 'seasonal-naive', 24, 200).c95).toBeLessThan(0.98);
    const line = { ...base, alpha: 0, beta: 0 };
    const { c80, c95 } = coverage(line, 'linear-trend', 0, 300);
    expect(c80).toBeGreaterThan(0.75);
    expect(c80).toBeLessThan(0.85);
    expect(c95).toBeGreaterThan(0.92);
    expect(c95).toBeLessThan(0.98);
  });
});

describe('predictionIntervals', () => {
  const y = additiveEts(base, 300, 4);

  it('widens with the horizon and nests the 80 % band in the 95 % band, for every model', () => {
    for (const name of ['holt', 'seasonal-naive', 'linear-trend', 'original'] as const) {
      const dist = fitModelByName(y, name, null).forecast(y, 20);
      const [b80, b95] = predictionIntervals(dist, [0.8, 0.95]).bands;
      const width = (k: number) => b95!.upper[k]! - b95!.lower[k]!;
      expect(width(19), name).toBeGreaterThan(width(0));
      for (let k = 0; k < 20; k++) {
        expect(b95!.lower[k]!).toBeLessThan(b80!.lower[k]!);
        expect(b95!.upper[k]!).toBeGreaterThan(b80!.upper[k]!);
      }
    }
  });

  it('refuses levels outside (0, 1)', () => {
    const dist = fitModelByName(y, 'holt', null).forecast(y, 3);
    expect(() => predictionIntervals(dist, [95])).toThrow(/levels/);
  });
});
