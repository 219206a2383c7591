import { describe, expect, it } from 'vitest';
import { fitModelByName } from '../../../../analytics/forecast/models.ts';
import { holtWinters } from '../../../../analytics/holt-winters/index.ts';
import { sineWithNoise } from './simulated-series.ts';

describe('fitModelByName', () => {
  const y = sineWithNoise(1200, 60, 3, 2);

  it("keeps the original's point forecast exactly (trend mul, seasonal add, period 550)", () => {
    const original = holtWinters(y, { trend: 'mul', seasonal: 'add', seasonalPeriods: 550, steps: 10 });
    const dist = fitModelByName(y, 'original', 60).forecast(y, 10);
    expect(Array.from(dist.mean)).toEqual(original.forecast);
    expect(dist.sd).toBeNull();
  });

  it('reproduces predict_linear: the least-squares line extended', () => {
    const line = Array.from({ length: 50 }, (_, i) => 3 + 2 * i);
    const dist = fitModelByName(line, 'linear-trend', null).forecast(line, 2);
    expect(dist.mean[0]).toBeCloseTo(103, 9);
    expect(dist.mean[1]).toBeCloseTo(105, 9);
  });

  it('repeats the last cycle for seasonal naive', () => {
    const dist = fitModelByName(y, 'seasonal-naive', 60).forecast(y, 61);
    expect(dist.mean[0]).toBe(y[1140]);
    expect(dist.mean[60]).toBe(y[1140]);
    expect(dist.sd![60]! / dist.sd![0]!).toBeCloseTo(Math.SQRT2, 12);
  });

  it('refuses what cannot run, naming why', () => {
    expect(() => fitModelByName(y, 'hw-add', null)).toThrow(/needs a seasonal period/);
    expect(() => fitModelByName(y.slice(0, 100), 'hw-add', 60)).toThrow(/two cycles/);
    expect(() => fitModelByName([-1, ...y], 'hw-mul', 60)).toThrow(/strictly positive/);
    expect(() => fitModelByName(y, 'hw-add', 1)).toThrow(/period/);
    expect(() => fitModelByName(y, 'arima' as never, null)).toThrow(/model must be one of/);
    expect(() => fitModelByName([1, Number.NaN, 3], 'holt', null)).toThrow(/finite/);
  });
});
