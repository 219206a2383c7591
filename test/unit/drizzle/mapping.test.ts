import { describe, expect, it } from 'vitest';
import type { AnalysisMessage } from '../../../contracts/analysis-message.ts';
import { decodeFloat64, sha256Hex } from '../../../drizzle/codec.ts';
import { mapAnalysisMessage, predictedAggregate, rowCount } from '../../../drizzle/mapping.ts';
import { freshMessage } from '../../support/analysis-messages.ts';

const source = { topic: 'prometheusdata', partition: 2, offset: 41 };
const storedAt = new Date('2026-11-26T12:06:00Z');
const message = () =>
  freshMessage({
    cycleId: 'pipeline-2026-11-26T12:05:00Z',
    labels: { instance: 'host-1', job: 'host', mountpoint: '/' },
    windowEnd: new Date('2026-11-26T12:05:00Z'),
  });

function mapped(m: AnalysisMessage) {
  const result = mapAnalysisMessage(m, source, storedAt);
  if (!result.ok) throw new Error(result.detail);
  return result.mapped;
}

describe('mapAnalysisMessage', () => {
  it('maps a full report to its rows', () => {
    const m = message();
    const r = mapped(m);
    expect(r.offset).toBe(41);
    expect(r.series).toMatchObject({
      keyHash: sha256Hex(m.series.key),
      metric: m.series.metric,
      labels: m.series.labels,
    });
    expect(r.run).toMatchObject({
      messageHash: sha256Hex(m.id),
      messageId: m.id,
      cycleId: m.cycle_id,
      windowEnd: new Date(m.window.end),
      points: 1440,
      modelTrend: 'mul',
      modelSeasonal: 'add',
      modelSeasonalPeriods: 550,
      modelDamped: false,
      errorCount: 0,
      sourceTopic: 'prometheusdata',
      sourcePartition: 2,
      sourceOffset: 41,
      storedAt,
    });
    expect(r.components.map((c) => c.component)).toEqual([
      'hp_trend',
      'hp_cycle',
      'decompose_trend',
      'decompose_seasonal',
      'decompose_resid',
    ]);
    const dec = m.report.decompose as { trend: (number | null)[] };
    expect(decodeFloat64(r.components[2]!.data)).toEqual(dec.trend);
    expect(r.acf).toHaveLength(32);
    expect(r.acf[0]).toEqual({ lagIndex: 0, value: 1 });
    expect(r.aggregates.map((a) => `${a.kind}:${a.windowRule}`)).toEqual([
      'trailing:1h',
      'trailing:3h',
      'trailing:12h',
      'resampled:1h',
      'resampled:3h',
      'resampled:12h',
      'predicted:10min',
    ]);
    expect(r.forecast.map((f) => f.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.forecast[0]!.at.toISOString()).toBe(m.forecast[0]!.t);
    expect(r.errors).toEqual([]);
    expect(rowCount(r)).toBe(1 + 3 + 5 + 32 + 7 + 10);
  });

  it("stores the chosen model, its MASE and runner-up, and each point's 80/95 % interval", () => {
    const m = message();
    const f = m.report.forecast as Exclude<
      NonNullable<AnalysisMessage['report']['forecast']>,
      { error: unknown }
    >;
    const r = mapped(m);
    expect(r.run).toMatchObject({
      forecastModel: f.model,
      forecastRanked: f.ranked,
      forecastRankAge: f.rank_age,
      forecastPeriod: f.period,
      forecastPeriodSource: f.period_source,
      forecastMase: f.mase,
      forecastRunnerUp: f.runner_up?.model ?? null,
      forecastRunnerUpMase: f.runner_up?.mase ?? null,
      forecastMethod: f.method,
      forecastParams: f.params,
      anomaly: null,
    });
    expect(r.forecast.map((p) => p.value)).toEqual(f.mean);
    expect(r.forecast.map((p) => [p.lower80, p.upper80])).toEqual(
      f.mean.map((_, k) => [f.bands[0]!.lower[k], f.bands[0]!.upper[k]]),
    );
    expect(r.forecast.map((p) => [p.lower95, p.upper95])).toEqual(
      f.mean.map((_, k) => [f.bands[1]!.lower[k], f.bands[1]!.upper[k]]),
    );
  });

  it('stores a message from before model choice (no forecast section) with the new fields empty', () => {
    const m = message();
    delete m.report.forecast;
    const r = mapped(m);
    expect(r.run).toMatchObject({ forecastModel: null, forecastMase: null, anomaly: null });
    expect(r.forecast.every((p) => p.lower95 === null && p.upper80 === null)).toBe(true);
    expect(r.errors).toEqual([]);
  });

  it("keeps Holt-Winters' fitted initial seasonals only where the fit moved them off the heuristic ones", () => {
    const m = message();
    const hw = m.report.holt_winters as {
      init: { seasonal: number[] };
      params: { initial_seasons: number[] };
    };
    // This series is byte-sized: its fit left the heuristic states in place (the first test's component list).
    expect(hw.params.initial_seasons).toEqual(hw.init.seasonal);
    hw.params.initial_seasons = hw.params.initial_seasons.map((v, j) => (j === 3 ? v + 1 : v));
    const r = mapped(m);
    const kept = r.components.find((c) => c.component === 'hw_initial_seasons');
    expect(decodeFloat64(kept!.data)).toEqual(hw.params.initial_seasons);
    expect(kept!.points).toBe(550);
  });

  it('ignores report keys it does not store (the contract passes them through)', () => {
    const m = message();
    Object.assign(m.report, { meta: 1, notes: null });
    expect(rowCount(mapped(m))).toBe(58);
  });

  it('reads stationarity from the p-value at 5 %', () => {
    const m = message();
    const adf = m.report.adf as { pvalue: number };
    adf.pvalue = 0.049;
    expect(mapped(m).adf?.stationary).toBe(true);
    adf.pvalue = 0.05;
    expect(mapped(m).adf?.stationary).toBe(false);
  });

  it('turns failed sections into error rows and leaves their results out', () => {
    const m = message();
    m.report.hp = { error: { code: 'EMPTY_SERIES', message: 'the series has no samples' } };
    m.report.holt_winters = { error: { code: 'NUMERICAL_FAILURE', message: 'x'.repeat(20_000) } };
    m.forecast = [];
    const r = mapped(m);
    expect(r.hp).toBeNull();
    expect(r.components.map((c) => c.component)).not.toContain('hp_trend');
    expect(r.run).toMatchObject({ errorCount: 2, modelTrend: null, hwSse: null, modelSeasonalPeriods: null });
    expect(r.errors.map((e) => [e.section, e.code])).toEqual([
      ['hp', 'EMPTY_SERIES'],
      ['holt_winters', 'NUMERICAL_FAILURE'],
    ]);
    expect(r.errors[1]!.message.length).toBeLessThanOrEqual(16_000);
    expect(r.aggregates.at(-1)).toMatchObject({ kind: 'predicted', sampleCount: 0, max: null, mean: null });
  });

  it('reports values the database cannot hold as unstorable instead of throwing', () => {
    const m = message();
    m.window.start = '0999-01-01T00:00:00Z';
    expect(mapAnalysisMessage(m, source, storedAt)).toEqual({
      ok: false,
      detail: expect.stringContaining('window.start'),
    });
    const long = message();
    const aggs = long.report.aggregates as Record<string, unknown>;
    aggs['x'.repeat(40)] = { count: 1, max: 1, min: 1, mean: 1, std: null };
    expect(mapAnalysisMessage(long, source, storedAt)).toMatchObject({ ok: false });
  });
});

describe('predictedAggregate', () => {
  const at = (min: number) => new Date(Date.UTC(2026, 10, 26, 12, min));
  const forecast = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((v, i) => ({ at: at(i + 1), value: v * 10 }));

  it('takes the forecast points of the 10 minutes after the last sample', () => {
    expect(predictedAggregate(forecast, at(0), 60)).toEqual({
      kind: 'predicted',
      windowRule: '10min',
      sampleCount: 10,
      bucketCount: null,
      nonEmptyBuckets: null,
      max: 100,
      min: 10,
      mean: 55,
      std: null,
    });
  });

  it('starts one step before the forecast when there is no last sample', () => {
    expect(predictedAggregate(forecast.slice(2), null, 60)).toMatchObject({
      sampleCount: 10,
      min: 30,
      max: 120,
    });
  });
});
