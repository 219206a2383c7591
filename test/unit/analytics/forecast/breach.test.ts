import { describe, expect, it } from 'vitest';
import { breachProbability } from '../../../../analytics/forecast/breach.ts';
import { fitModelByName } from '../../../../analytics/forecast/models.ts';
import { normCdf } from '../../../../analytics/normal.ts';
import { additiveEts } from './simulated-series.ts';

const y = additiveEts(
  { alpha: 0.3, beta: 0.01, gamma: 0.1, phi: 1, m: 12, sigma: 1, level: 100, slope: 0, amplitude: 4 },
  240,
  7,
);

describe('breachProbability', () => {
  for (const name of ['hw-add', 'hw-mul'] as const) {
    const dist = fitModelByName(y, name, 12).forecast(y, 10);
    const last = dist.mean[9]!;

    it(`${name}: ~0 when the forecast is far inside the bounds`, () => {
      const p = breachProbability(dist, { lower: last - 1000, upper: last + 1000 });
      expect(Math.max(...p.perStep)).toBeLessThan(1e-6);
      expect(p.horizon).toBe(0);
      expect(p.expectedFirstBreach).toBeNull();
      expect(p.expectedFirstBreachOrEnd).toBe(11);
    });

    it(`${name}: ~1 when the forecast is far outside, with the first breach at step 1`, () => {
      const p = breachProbability(dist, { upper: Math.min(...dist.mean) - 1000 });
      expect(Math.min(...p.perStep)).toBeGreaterThan(1 - 1e-6);
      expect(p.horizon).toBe(1);
      expect(p.expectedFirstBreach).toBe(1);
    });
  }

  it('uses the normal marginal per step for analytic models and never less for the horizon', () => {
    const dist = fitModelByName(y, 'hw-add', 12).forecast(y, 10);
    const lower = dist.mean[0]! - 1.5 * dist.sd![0]!;
    const p = breachProbability(dist, { lower }, { paths: 4000, seed: 1 });
    expect(p.method).toBe('analytic');
    expect(p.perStep[0]).toBeCloseTo(normCdf(-1.5), 12);
    expect(p.horizon).toBeGreaterThan(Math.max(...p.perStep) - 0.03);
    expect(p.horizon).toBeLessThanOrEqual(1);
    expect(p.expectedFirstBreach!).toBeGreaterThanOrEqual(1);
    expect(p.expectedFirstBreach!).toBeLessThanOrEqual(10);
  });

  it('refuses crossed bounds', () => {
    const dist = fitModelByName(y, 'holt', null).forecast(y, 3);
    expect(() => breachProbability(dist, { lower: 2, upper: 1 })).toThrow(/bounds/);
  });
});
