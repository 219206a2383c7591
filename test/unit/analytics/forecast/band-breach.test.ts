import { describe, expect, it } from 'vitest';
import { bandBreachProbability } from '../../../../analytics/forecast/band-breach.ts';
import { forecastStep } from '../../../../analytics/forecast/forecast-step.ts';
import { sineWithNoise } from './simulated-series.ts';

describe('bandBreachProbability', () => {
  const values = sineWithNoise(600, 60, 3, 9);
  const step = forecastStep({ values, model: 'hw-add', period: 60 });
  const band = step.bands.find((b) => b.level === 0.95)!;
  const points = step.mean.map((mean, k) => ({ mean, lower95: band.lower[k]!, upper95: band.upper[k]! }));

  it('gives back the analytic per-step probabilities of a normal forecast from its 95 % band', () => {
    const upper = step.mean[4]! + 1;
    const exact = forecastStep({ values, model: 'hw-add', period: 60, bounds: { upper } }).breach!;
    const fromBand = bandBreachProbability(points, { upper });
    for (const [k, p] of fromBand.perStep.entries()) expect(p).toBeCloseTo(exact.perStep[k]!, 9);
  });

  it('brackets the simulated whole-horizon probability between max p and 1 − Π(1 − p)', () => {
    const upper = step.mean[0]! + 2;
    const simulated = forecastStep({ values, model: 'hw-add', period: 60, bounds: { upper }, paths: 4000 })
      .breach!;
    const fromBand = bandBreachProbability(points, { upper });
    expect(fromBand.horizonAtLeast).toBeLessThanOrEqual(simulated.horizon + 0.02);
    expect(simulated.horizon).toBeLessThanOrEqual(fromBand.horizon + 0.02);
    expect(fromBand.expectedFirstBreachStep).toBeGreaterThanOrEqual(1);
    expect(fromBand.expectedFirstBreachStep).toBeLessThanOrEqual(10);
  });

  it('is ~1 for bounds far below the forecast and ~0 far above, with no first breach then', () => {
    const far = bandBreachProbability(points, { upper: step.mean[0]! - 1e3 });
    expect(far.horizon).toBeCloseTo(1, 12);
    expect(far.perStep.every((p) => p > 1 - 1e-9)).toBe(true);
    expect(far.expectedFirstBreachStep).toBeCloseTo(1, 9);
    const inside = bandBreachProbability(points, { lower: -1e3, upper: 1e4 });
    expect(inside.horizon).toBe(0);
    expect(inside.expectedFirstBreachStep).toBeNull();
  });

  it('takes a zero-width band as certain', () => {
    const flat = [{ mean: 5, lower95: 5, upper95: 5 }];
    expect(bandBreachProbability(flat, { upper: 4 }).perStep).toEqual([1]);
    expect(bandBreachProbability(flat, { upper: 6 }).perStep).toEqual([0]);
  });
});
