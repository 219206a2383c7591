import { describe, expect, it } from 'vitest';
import {
  buildMessage,
  forecastPoints,
  sectionErrors,
} from '../../../../activities/pipeline/build-message.ts';
import { analyzeSeries } from '../../../../analytics/report.ts';
import {
  analysisMessageSchema,
  decodeAnalysisMessage,
  encodeAnalysisMessage,
} from '../../../../contracts/analysis-message.ts';
import { seriesKey } from '../../../../contracts/series-key.ts';

function series(n: number, start = Date.parse('2026-11-25T00:00:00Z')) {
  return Array.from({ length: n }, (_, i) => ({
    t: new Date(start + i * 60_000).toISOString(),
    v: 8e9 + 1e8 * Math.sin((2 * Math.PI * i) / 60) + 1e6 * ((i * 7919) % 13),
  }));
}

describe('analysis message', () => {
  const samples = series(200);
  const report = analyzeSeries({ series: samples, params: { holt_winters: { seasonal_periods: 60 } } });
  const ref = {
    key: seriesKey('node_memory_MemFree_bytes', { job: 'host' }),
    metric: 'node_memory_MemFree_bytes',
    labels: { job: 'host' },
  };
  const window = { start: '2026-11-24T23:59:00.000Z', end: '2026-11-25T03:19:00.000Z', stepSeconds: 60 };
  const message = buildMessage(
    'pipeline-2026-11-25T03:20:00Z',
    window,
    ref,
    samples,
    report,
    new Date('2026-11-25T03:20:01Z'),
  );

  it('carries a deterministic id, the window and a timestamped forecast one step apart after the last sample', () => {
    expect(message.id).toBe('pipeline-2026-11-25T03:20:00Z:node_memory_MemFree_bytes{job="host"}');
    expect(message.window).toMatchObject({
      points: 200,
      first_sample: samples[0]!.t,
      last_sample: samples[199]!.t,
    });
    expect(message.forecast).toHaveLength(10);
    expect(message.forecast[0]!.t).toBe('2026-11-25T03:20:00.000Z');
    expect(message.forecast[9]!.t).toBe('2026-11-25T03:29:00.000Z');
    // The chosen model's mean; its bands are in the report, step for step.
    const chosen = report.forecast as { mean: number[]; bands: { lower: number[]; upper: number[] }[] };
    expect(message.forecast.map((p) => p.v)).toEqual(chosen.mean);
    expect(chosen.bands.map((b) => b.lower.length)).toEqual([10, 10]);
  });

  it("carries the original's Holt-Winters forecast unchanged when the original's model is configured", () => {
    const params = { holt_winters: { seasonal_periods: 60 }, forecast: { model: 'original' as const } };
    const original = analyzeSeries({ series: samples, params });
    const m = buildMessage('c', window, ref, samples, original, new Date('2026-11-25T03:20:01Z'));
    expect(m.forecast.map((p) => p.v)).toEqual((original.holt_winters as { forecast: number[] }).forecast);
  });

  it('validates against the shared schema and survives encode/decode unchanged', () => {
    expect(analysisMessageSchema.safeParse(message).success).toBe(true);
    const decoded = decodeAnalysisMessage(encodeAnalysisMessage(message));
    expect(decoded).toEqual({ ok: true, message: JSON.parse(JSON.stringify(message)) });
  });

  it('has no forecast points when both forecasts failed, and names the failed sections', () => {
    // A multiplicative trend cannot fit a series that touches zero: statsmodels raises, so does the engine.
    const withZero = series(100).map((s, i) => (i === 50 ? { ...s, v: 0 } : s));
    const short = analyzeSeries({ series: withZero, params: { forecast: { model: 'hw-mul', period: 12 } } });
    expect(short.holt_winters).toMatchObject({ error: { code: 'NON_POSITIVE_VALUES' } });
    expect(short.forecast).toMatchObject({ error: { code: 'NON_POSITIVE_VALUES' } });
    expect(forecastPoints(short, withZero, 60)).toEqual([]);
    // With the chosen model failed alone, the points are the Holt-Winters forecast.
    const hwOnly = { ...report, forecast: short.forecast };
    expect(forecastPoints(hwOnly, samples, 60).map((p) => p.v)).toEqual(
      (report.holt_winters as { forecast: number[] }).forecast,
    );
    expect(sectionErrors(short)).toContain(
      `holt_winters:${(short.holt_winters as { error: { code: string } }).error.code}`,
    );
  });

  it('rejects undecodable records with a reason instead of throwing', () => {
    expect(decodeAnalysisMessage(Buffer.from('{not json'))).toMatchObject({ ok: false, reason: 'BAD_JSON' });
    expect(decodeAnalysisMessage(JSON.stringify({ ...message, schema: 'vigil.analysis.v9' }))).toMatchObject({
      ok: false,
      reason: 'UNKNOWN_SCHEMA',
    });
    expect(decodeAnalysisMessage(JSON.stringify({ ...message, id: '' }))).toMatchObject({
      ok: false,
      reason: 'INVALID',
    });
    expect(decodeAnalysisMessage(null)).toMatchObject({ ok: false, reason: 'BAD_JSON' });
  });
});
