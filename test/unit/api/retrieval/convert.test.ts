import { describe, expect, it } from 'vitest';
import {
  sampleTimes,
  toAggregate,
  toForecastChoice,
  toForecastPoint,
} from '../../../../api/retrieval/convert.ts';
import { timestampMs, toTimestamp } from '../../../../api/retrieval/timestamp.ts';
import type { RunRow } from '../../../../drizzle/repositories/runs.ts';

const run = (first: number | null, last: number | null, stepSeconds = 60) =>
  ({
    firstSampleAt: first === null ? null : new Date(first),
    lastSampleAt: last === null ? null : new Date(last),
    stepSeconds,
  }) as RunRow;

describe('row conversion', () => {
  it('gives points their sample times only when the window has no gaps', () => {
    const t0 = Date.UTC(2026, 0, 1);
    const times = sampleTimes(run(t0, t0 + 1440 * 60_000), 1441);
    expect(times?.(0).getTime()).toBe(t0);
    expect(times?.(1440).getTime()).toBe(t0 + 1440 * 60_000);
    expect(sampleTimes(run(t0, t0 + 1440 * 60_000), 1400)).toBeNull();
    expect(sampleTimes(run(null, null), 0)).toBeNull();
  });

  it('leaves absent aggregate values absent, not zero', () => {
    const a = toAggregate({
      runId: 1,
      kind: 'predicted',
      windowRule: '10min',
      sampleCount: 0,
      bucketCount: null,
      nonEmptyBuckets: null,
      max: null,
      min: null,
      mean: null,
      std: null,
    });
    expect(a).toEqual({ kind: 'PREDICTED', window: '10min', sample_count: 0 });
  });

  it('leaves the intervals and model choice of runs stored before them absent', () => {
    const at = new Date(Date.UTC(2026, 0, 1));
    const bare = {
      runId: 1,
      step: 1,
      at,
      value: 5,
      lower80: null,
      upper80: null,
      lower95: null,
      upper95: null,
    };
    expect(toForecastPoint(bare)).toEqual({ step: 1, at: toTimestamp(at), value: 5 });
    expect(toForecastPoint({ ...bare, lower80: 4, upper80: 6, lower95: 3, upper95: 7 })).toMatchObject({
      lower_80: 4,
      upper_80: 6,
      lower_95: 3,
      upper_95: 7,
    });
    expect(toForecastChoice({ forecastModel: null } as RunRow)).toBeNull();
    const chosen = toForecastChoice({
      forecastModel: 'holt',
      forecastRanked: true,
      forecastRankAge: 0,
      forecastPeriod: null,
      forecastPeriodSource: 'auto',
      forecastMase: 0.8,
      forecastRunnerUp: null,
      forecastRunnerUpMase: null,
      forecastMethod: 'analytic',
      anomaly: false,
    } as RunRow);
    expect(chosen).toEqual({
      model: 'holt',
      ranked: true,
      rank_age: 0,
      period_source: 'auto',
      interval_method: 'analytic',
      mase: 0.8,
      anomaly: false,
    });
  });

  it('timestamps round-trip milliseconds, before the epoch too', () => {
    for (const ms of [0, 1, 1_795_720_800_123, -1, -1500])
      expect(timestampMs(toTimestamp(new Date(ms)))).toBe(ms);
    expect(toTimestamp(new Date(-1500))).toEqual({ seconds: -2, nanos: 500_000_000 });
  });
});
