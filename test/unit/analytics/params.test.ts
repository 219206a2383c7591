import { describe, expect, it } from 'vitest';
import { analyzeRequestSchema, parseParams } from '../../../analytics/params.ts';

describe('analyze params', () => {
  it('defaults every key to the original settings', () => {
    const result = parseParams(undefined);
    expect(result).toEqual({
      ok: true,
      params: {
        adf: { maxlag: 3, regression: 'c', autolag: 'AIC' },
        hp: { lambda: 1600 },
        acf: { nlags: null },
        decompose: { model: 'additive', period: 60 },
        aggregates: { windows: ['1h', '3h', '12h'] },
        holt_winters: {
          trend: 'mul',
          seasonal: 'add',
          seasonal_periods: 550,
          damped: false,
          steps: 10,
          params: null,
        },
        forecast: { model: 'auto', period: 550, rank_every: 12, origins: 6 },
      },
    });
  });

  it('fills missing keys inside a partly given section', () => {
    const result = parseParams({ adf: { autolag: null }, holt_winters: { seasonal_periods: 60 } });
    expect(result.ok && result.params.adf).toEqual({ maxlag: 3, regression: 'c', autolag: null });
    expect(result.ok && result.params.holt_winters.seasonal_periods).toBe(60);
    expect(result.ok && result.params.holt_winters.trend).toBe('mul');
  });

  it('accepts maxlag null (Schwert) and the other regressions and autolags', () => {
    for (const adf of [
      { maxlag: null, regression: 'n', autolag: 'BIC' },
      { maxlag: 0, regression: 'ct', autolag: 't-stat' },
    ]) {
      expect(parseParams({ adf }).ok).toBe(true);
    }
  });

  it.each([
    [{ adf: { maxlag: 3, typo: 1 } }, 'params.adf: Unrecognized key'],
    [{ unknown_section: {} }, 'params: Unrecognized key'],
    [{ adf: { maxlag: -1 } }, 'params.adf.maxlag'],
    [{ adf: { maxlag: 2.5 } }, 'params.adf.maxlag'],
    [{ adf: { regression: 'ctt' } }, 'params.adf.regression'],
    [{ adf: { autolag: 'aic' } }, 'params.adf.autolag'],
    [{ hp: { lambda: -5 } }, 'params.hp.lambda'],
    [{ acf: { nlags: -1 } }, 'params.acf.nlags'],
    [{ decompose: { period: 0 } }, 'params.decompose.period'],
    [{ decompose: { model: 'mul' } }, 'params.decompose.model'],
    [{ aggregates: { windows: ['1H'] } }, 'params.aggregates.windows.0'],
    [{ holt_winters: { seasonal_periods: 1 } }, 'params.holt_winters.seasonal_periods'],
    [{ holt_winters: { steps: 0 } }, 'params.holt_winters.steps'],
    [{ forecast: { period: 'yes' } }, 'params.forecast.period'],
    [{ forecast: { period: 1 } }, 'params.forecast.period'],
    [{ forecast: { model: 'arima' } }, 'params.forecast.model'],
    [{ forecast: { rank_every: 0 } }, 'params.forecast.rank_every'],
    [{ holt_winters: { params: { alpha: 0.5 } } }, 'params.holt_winters.params.initial_level'],
  ])('rejects %j', (params, where) => {
    const result = parseParams(params);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(where);
  });

  it('accepts known Holt-Winters parameters', () => {
    const result = parseParams({
      holt_winters: {
        params: {
          alpha: 0.5,
          beta: 0.1,
          gamma: 0.2,
          initial_level: 10,
          initial_trend: 1,
          initial_seasons: [0, 1],
        },
      },
    });
    expect(result.ok).toBe(true);
  });
});

describe('analyze request', () => {
  it('needs a series of { t, v } samples, v possibly null', () => {
    expect(analyzeRequestSchema.safeParse({ series: [{ t: '2024-01-01T00:00:00Z', v: null }] }).success).toBe(
      true,
    );
    expect(analyzeRequestSchema.safeParse({}).success).toBe(false);
    expect(analyzeRequestSchema.safeParse({ series: [{ t: 1, v: 1 }] }).success).toBe(false);
    expect(analyzeRequestSchema.safeParse({ series: [{ t: 'x', v: '1' }] }).success).toBe(false);
    expect(analyzeRequestSchema.safeParse({ series: [], extra: 1 }).success).toBe(false);
  });
});
