import { describe, expect, it } from 'vitest';
import { rankModels } from '../../../../analytics/forecast/backtest.ts';
import { seriesForecast } from '../../../../analytics/forecast/series-forecast.ts';
import { holtWinters } from '../../../../analytics/holt-winters/index.ts';
import { forecastParamsSchema } from '../../../../analytics/params.ts';
import { sineWithNoise } from './simulated-series.ts';

const params = (over: Record<string, unknown> = {}) => forecastParamsSchema.parse(over);

describe('seriesForecast', () => {
  const values = sineWithNoise(600, 60, 3, 9).map((v) => v + 100);

  it('ranks the candidates, runs the winner with 80/95 % bands and reports its MASE and runner-up', () => {
    const out = seriesForecast({ values, params: params({ period: 'auto' }), horizon: 10 });
    const ranking = rankModels(values, { period: 'auto', levels: [], horizon: 10 });
    expect(out.ranked).toBe(true);
    expect(out.rank_age).toBe(0);
    expect(out.model).toBe(ranking.chosen);
    expect(out.mase).toBe(ranking.mase);
    expect(out.runner_up).toEqual({ model: ranking.runnerUp!.name, mase: ranking.runnerUp!.mase });
    expect(out.period).toBe(60);
    expect(out.period_source).toBe('auto');
    expect(out.bands.map((b) => b.level)).toEqual([0.8, 0.95]);
    const [b80, b95] = out.bands;
    for (let k = 0; k < 10; k++) {
      expect(b95!.lower[k]!).toBeLessThanOrEqual(b80!.lower[k]!);
      expect(b80!.lower[k]!).toBeLessThanOrEqual(out.mean[k]!);
      expect(out.mean[k]!).toBeLessThanOrEqual(b80!.upper[k]!);
      expect(b80!.upper[k]!).toBeLessThanOrEqual(b95!.upper[k]!);
    }
    expect(out.anomaly).toBeNull();
  });

  it('reuses the choice and its parameters for rank_every − 1 cycles, then ranks again', () => {
    const first = seriesForecast({ values, params: params({ period: 60, rank_every: 3 }), horizon: 10 });
    const memory = (f: typeof first, age: number) => ({
      model: f.model,
      period: f.period,
      mase: f.mase,
      runnerUp: f.runner_up,
      rankAge: age,
      params: f.params,
    });
    const later = (shift: number, previous: ReturnType<typeof memory>) =>
      seriesForecast({
        values: values.slice(shift),
        params: params({ period: 60, rank_every: 3 }),
        horizon: 10,
        previous,
      });
    const second = later(5, memory(first, 0));
    expect(second.ranked).toBe(false);
    expect(second.rank_age).toBe(1);
    expect(second.model).toBe(first.model);
    expect(second.mase).toBe(first.mase);
    const third = later(10, memory(second, 2));
    expect(third.ranked).toBe(true);
    expect(third.rank_age).toBe(0);
  });

  it('ranks again when the configured model or period no longer matches the kept choice', () => {
    const kept = { model: 'holt', period: null, mase: 1, runnerUp: null, rankAge: 0, params: null };
    const out = seriesForecast({ values, params: params({ period: 60 }), horizon: 10, previous: kept });
    expect(out.ranked).toBe(true);
    const fixed = seriesForecast({ values, params: params({ model: 'hw-add', period: 60 }), horizon: 10 });
    expect(fixed.model).toBe('hw-add');
    expect(fixed.mase).toBeNull();
  });

  it('runs without seasonality when "auto" finds none', () => {
    const noise = sineWithNoise(600, 60, 0, 5).map((v) => v + 50);
    const out = seriesForecast({
      values: noise,
      params: params({ model: 'holt', period: 'auto' }),
      horizon: 10,
    });
    expect(out.period).toBeNull();
    expect(out.model).toBe('holt');
  });

  it('gives the original model’s point forecast exactly as the holt_winters section has it', () => {
    const memory = sineWithNoise(1200, 550, 2, 3).map((v) => 1e9 + 1e7 * v);
    const hw = holtWinters(memory, { trend: 'mul', seasonal: 'add', seasonalPeriods: 550, steps: 10 });
    const out = seriesForecast({
      values: memory,
      params: params({ model: 'original' }),
      horizon: 10,
      original: hw,
    });
    expect(out.mean).toEqual(hw.forecast);
    expect(out.bands[1]!.lower[9]! - out.bands[1]!.lower[0]!).not.toBe(0);
  });

  it('starts a new series with the original model, ranking it in the cycle its slot picks', () => {
    const memory = sineWithNoise(1200, 550, 2, 3).map((v) => 1e9 + 1e7 * v);
    const hw = holtWinters(memory, { trend: 'mul', seasonal: 'add', seasonalPeriods: 550, steps: 10 });
    const config = params({ rank_every: 12 });
    const first = seriesForecast({
      values: memory,
      params: config,
      horizon: 10,
      original: hw,
      slot: 12 * 7 + 11,
    });
    expect(first).toMatchObject({ model: 'original', ranked: false, rank_age: 11, mase: null, period: 550 });
    expect(first.mean).toEqual(hw.forecast);
    // Its slot's cycle: the next one ranks (rank_age 11 + 1 reaches rank_every).
    const kept = {
      model: first.model,
      period: first.period,
      mase: null,
      runnerUp: null,
      rankAge: 11,
      params: null,
    };
    const next = seriesForecast({
      values: memory,
      params: config,
      horizon: 10,
      original: hw,
      previous: kept,
    });
    expect(next.ranked).toBe(true);
    expect(next.mase).toBeGreaterThan(0);
  });

  it('flags the latest sample outside the previous cycle’s 95 % band for its minute', () => {
    const band = { start: 1000, step: 60, lower: [0, 0, 0], upper: [10, 10, 10] };
    const run = (v: number, t = 1060) =>
      seriesForecast({
        values,
        params: params({ model: 'holt' }),
        horizon: 10,
        previousBand: band,
        latest: { t, v },
      }).anomaly;
    expect(run(11)).toEqual({ anomalous: true, step: 2, lower: 0, upper: 10 });
    expect(run(5)?.anomalous).toBe(false);
    expect(run(5, 2000)).toBeNull();
  });
});
