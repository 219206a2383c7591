import { describe, expect, it } from 'vitest';
import { forecastStep } from '../../../../analytics/forecast/forecast-step.ts';
import { sineWithNoise } from './simulated-series.ts';

describe('forecastStep', () => {
  const values = sineWithNoise(600, 60, 3, 9);

  it('gives the chosen model’s forecast, 80 % and 95 % bands and, with bounds, breach probabilities', () => {
    const out = forecastStep({ values, model: 'hw-add', period: 60, bounds: { upper: 1e9 } });
    expect(out.mean).toHaveLength(10);
    expect(out.bands.map((b) => b.level)).toEqual([0.8, 0.95]);
    expect(out.method).toBe('analytic');
    expect(out.breach?.horizon).toBe(0);
    expect(forecastStep({ values, model: 'hw-add', period: 60 }).breach).toBeNull();
  });

  it('is deterministic for simulated models', () => {
    const a = forecastStep({ values, model: 'hw-mul', period: 60, levels: [0.9], horizon: 5 });
    const b = forecastStep({ values, model: 'hw-mul', period: 60, levels: [0.9], horizon: 5 });
    expect(a.method).toBe('simulated');
    expect(a.bands).toEqual(b.bands);
  });
});

describe('forecastStep with kept smoothing parameters', () => {
  // Byte-sized values: the full fit leaves the initial level and seasonals at their heuristic values
  // (fitted-states.ts) and moves only the smoothing parameters and the initial trend, so kept parameters must
  // forecast close to the full fit, well inside its interval.
  const bytes = sineWithNoise(600, 60, 3, 4).map((v) => v * 1e7);

  it('forecasts close to the full fit on the same window and on the next one', () => {
    const full = forecastStep({ values: bytes, model: 'hw-add-damped', period: 60 });
    const kept = forecastStep({ values: bytes, model: 'hw-add-damped', period: 60, keep: full.params });
    const fullWidth = full.bands[1]!.upper[0]! - full.bands[1]!.lower[0]!;
    for (let k = 0; k < 10; k++)
      expect(Math.abs(kept.mean[k]! - full.mean[k]!)).toBeLessThan(0.1 * fullWidth);
    const next = bytes.slice(5);
    const nextFull = forecastStep({ values: next, model: 'hw-add-damped', period: 60 });
    const nextKept = forecastStep({ values: next, model: 'hw-add-damped', period: 60, keep: full.params });
    const width = nextFull.bands[1]!.upper[0]! - nextFull.bands[1]!.lower[0]!;
    for (let k = 0; k < 10; k++)
      expect(Math.abs(nextKept.mean[k]! - nextFull.mean[k]!)).toBeLessThan(0.1 * width);
  });

  it('keeps the fitted initial trend, so a trending series an hour later still forecasts its slope', () => {
    const z = sineWithNoise(780, 60, 0, 8);
    const disk = z.map((v, i) => 4e10 + 2e6 * i + 1e6 * v);
    const old = disk.slice(0, 720);
    const now = disk.slice(60);
    const first = forecastStep({ values: old, model: 'holt', period: null });
    const kept = forecastStep({ values: now, model: 'holt', period: null, keep: first.params });
    const full = forecastStep({ values: now, model: 'holt', period: null });
    const width = full.bands[1]!.upper[0]! - full.bands[1]!.lower[0]!;
    for (let k = 0; k < 10; k++) expect(Math.abs(kept.mean[k]! - full.mean[k]!)).toBeLessThan(0.25 * width);
  });

  it('names the missing smoothing parameter', () => {
    expect(() =>
      forecastStep({
        values: bytes,
        model: 'hw-add',
        period: 60,
        keep: { alpha: 0.3, beta: 0.01, gamma: null, phi: null },
      }),
    ).toThrow(/keep\.gamma/);
  });
});
