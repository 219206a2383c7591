import { describe, expect, it } from 'vitest';
import { naiveScale, rankModels } from '../../../../analytics/forecast/backtest.ts';
import { seededNormal } from '../../../../analytics/forecast/random.ts';
import { additiveEts } from './simulated-series.ts';

const seasonal = {
  alpha: 0.3,
  beta: 0.006,
  gamma: 0.1,
  phi: 1,
  m: 24,
  sigma: 1,
  level: 100,
  slope: 0.05,
  amplitude: 8,
};

describe('rankModels', () => {
  it('picks additive Holt-Winters on ETS(A,A,A) series, with the detected period', () => {
    for (const seed of [1, 2, 3]) {
      const r = rankModels(additiveEts(seasonal, 480, seed), { origins: 10, levels: [] });
      expect(r.period).toBe(24);
      expect(['hw-add', 'hw-add-damped']).toContain(r.chosen);
      expect(r.runnerUp!.mase).toBeGreaterThanOrEqual(r.mase);
    }
  });

  it('picks multiplicative Holt-Winters when the seasonal swing grows with the level', () => {
    for (const seed of [1, 2]) {
      const z = seededNormal(seed);
      const y = Array.from(
        { length: 480 },
        (_, i) => (50 + 0.2 * i) * (1 + 0.4 * Math.sin((2 * Math.PI * i) / 24)) + 0.5 * z(),
      );
      expect(['hw-mul', 'hw-mul-damped']).toContain(rankModels(y, { origins: 10, levels: [] }).chosen);
    }
  });

  it('picks the linear trend on a noisy line, and runs no seasonal model without a period', () => {
    for (const seed of [1, 2, 3]) {
      const z = seededNormal(seed);
      const r = rankModels(
        Array.from({ length: 480 }, (_, i) => 20 + 0.1 * i + 2 * z()),
        { origins: 10, levels: [] },
      );
      expect(r.chosen).toBe('linear-trend');
      expect(r.period).toBeNull();
      const hw = r.ranking.find((s) => s.name === 'hw-add')!;
      expect(hw.mase).toBeNull();
      expect(hw.error?.code).toBe('INVALID_PARAMETER');
    }
  });

  it('scores every candidate and reports coverage of the requested levels', () => {
    const r = rankModels(additiveEts(seasonal, 480, 4), { origins: 8 });
    const ok = r.ranking.filter((s) => s.mase !== null);
    expect(ok.length).toBeGreaterThanOrEqual(7);
    for (let i = 1; i < ok.length; i++) expect(ok[i]!.mase!).toBeGreaterThanOrEqual(ok[i - 1]!.mase!);
    const chosen = r.ranking[0]!;
    expect(chosen.coverage.map((c) => c.level)).toEqual([0.8, 0.95]);
    expect(chosen.coverage[1]!.share).toBeGreaterThan(0.8);
  });

  it('says which field is wrong, and refuses series too short for the backtest', () => {
    expect(() => rankModels([1, 2, 3], {})).toThrow(/needs at least 70 observations/);
    expect(() => rankModels(new Array(100).fill(1), { horizon: 0 })).toThrow(/horizon/);
  });
});

describe('naiveScale', () => {
  it('is the mean absolute one-step difference (Hyndman & Koehler 2006)', () => {
    expect(naiveScale([1, 3, 2, 6])).toBeCloseTo((2 + 1 + 4) / 3, 12);
  });
});
