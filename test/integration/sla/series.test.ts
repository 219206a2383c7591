import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisMessage } from '../../../contracts/analysis-message.ts';
import { seriesKey } from '../../../contracts/series-key.ts';
import { fleetHistory } from '../../../demo/fleet.ts';
import { storeFleetRuns } from '../../support/dashboard.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import { backfillFleet, created, type SlaHarness, startSla } from '../../support/sla.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

/**
 * GET /slas/:id/series (what the dashboard's charts draw) and GET /pipeline/overview over a backfilled fleet with
 * stored analysis runs. Expected samples come from the samples written, evaluated as Prometheus does (the latest
 * sample in the 5 minutes up to each minute); the trend and forecast from the messages stored.
 */

quietTemporalRuntime();
const env = testEnv();
const end = wholeMinutesAgo(3);
const endS = end.getTime() / 1000;
const metric = uniqueName('vigil_test_series').replaceAll('-', '_');
const job = 'series';
const MAX = 5000;
const options = {
  metric,
  job,
  hosts: 3,
  end: endS,
  hours: 25,
  // h3 above the max for the last 40 minutes: its forecast continues above it.
  episodes: [{ host: 3, from: endS - 40 * 60 + 60, to: endS, value: 6000 }],
  // h2 silent for 20 minutes 2 hours ago: its run's window has a gap, so its trend cannot be placed in time.
  gaps: [{ host: 2, from: endS - 2 * 3600, to: endS - 2 * 3600 + 19 * 60 }],
};
const history = fleetHistory(options);

let h: SlaHarness;
let slaId: number;
let messages: AnalysisMessage[];

/** The value Prometheus evaluates at `t` (s): the latest sample in [t − 5m, t]. */
function evaluated(samples: Array<[number, number]>, t: number): number | undefined {
  let value: number | undefined;
  for (const [ts, v] of samples) if (ts <= t && ts >= t - 300) value = v;
  return value;
}

beforeAll(async () => {
  await backfillFleet(env, options);
  h = await startSla(env, { now: () => new Date(end.getTime() + 30_000) });
  messages = await storeFleetRuns(h.database, history, new Date(end.getTime() + 60_000), uniqueName('cycle'));
  const sla = await created(h.app, '/slas', {
    name: uniqueName('series'),
    metric,
    matchers: [{ label: 'job', value: job }],
    max: MAX,
    for: '5m',
  });
  slaId = sla.id;
});
afterAll(async () => {
  await h?.stop();
});

describe('GET /slas/:id/series', () => {
  it('answers each series’ samples, trend and forecast over the last hours', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/slas/${slaId}/series?hours=12` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ slaId, min: null, max: MAX, total: 3, next: null, stepSeconds: 60 });
    expect(body.end).toBe(end.toISOString());
    expect(body.start).toBe(new Date(end.getTime() - 12 * 3600_000).toISOString());
    expect(body.series.map((s: { labels: Record<string, string> }) => s.labels.host)).toEqual([
      'h1',
      'h2',
      'h3',
    ]);

    for (const [i, s] of body.series.entries()) {
      const written = history[i]!;
      expect(s.key).toBe(seriesKey(metric, written.labels));
      const want: Array<[number, number]> = [];
      for (let t = endS - 12 * 3600; t <= endS; t += 60) {
        const v = evaluated(written.samples, t);
        if (v !== undefined) want.push([t, v]);
      }
      expect(s.samples.t).toEqual(want.map(([t]) => t));
      expect(s.samples.v).toEqual(want.map(([, v]) => v));

      const message = messages[i]!;
      const hp = message.report.hp as { trend: number[] };
      if (written.labels.host === 'h2') {
        expect(s.trend).toBeNull();
      } else {
        const first = Date.parse(message.window.first_sample!) / 1000;
        expect(s.trend.v).toEqual(hp.trend);
        expect(s.trend.t).toEqual(hp.trend.map((_, k) => first + k * 60));
      }
      expect(s.forecast.t).toEqual(message.forecast.map((p) => Date.parse(p.t) / 1000));
      expect(s.forecast.v).toEqual(message.forecast.map((p) => p.v));
      // The 95 % band of the chosen model, when the run has one for these points (as the drain stores it).
      const chosen = message.report.forecast as
        | { mean?: number[]; bands?: { level: number; lower: number[]; upper: number[] }[] }
        | undefined;
      const band95 =
        chosen?.mean?.length === message.forecast.length
          ? chosen.bands?.find((b) => Math.abs(b.level - 0.95) < 1e-9)
          : undefined;
      expect(s.forecast.lower).toEqual(band95 ? band95.lower : null);
      expect(s.forecast.upper).toEqual(band95 ? band95.upper : null);
      const breach = message.forecast.find((p) => p.v > MAX);
      expect(s.forecast.firstBreachAt).toBe(breach ? new Date(breach.t).toISOString() : null);
    }
    // h3 sits at 6,000 up to the end: its forecast breaches, the quiet hosts' do not.
    expect(body.series[2].forecast.firstBreachAt).not.toBeNull();
    expect(body.series[0].forecast.firstBreachAt).toBeNull();
  });

  it('pages series by key', async () => {
    const first = await h.app.inject({ method: 'GET', url: `/slas/${slaId}/series?hours=1&limit=2` });
    expect(first.statusCode, first.body).toBe(200);
    const a = first.json();
    expect(a.series.map((s: { labels: Record<string, string> }) => s.labels.host)).toEqual(['h1', 'h2']);
    expect(a.series[0].samples.t).toHaveLength(61);
    expect(a.next).toEqual(expect.any(String));
    const second = await h.app.inject({
      method: 'GET',
      url: `/slas/${slaId}/series?hours=1&limit=2&next=${a.next}`,
    });
    const b = second.json();
    expect(b.series.map((s: { labels: Record<string, string> }) => s.labels.host)).toEqual(['h3']);
    expect(b.next).toBeNull();
    const foreign = await h.app.inject({
      method: 'GET',
      url: `/slas/${slaId}/series?hours=2&next=${a.next}`,
    });
    expect(foreign.statusCode).toBe(422);
  });

  it('refuses what it cannot answer, naming the field', async () => {
    const tooLong = await h.app.inject({ method: 'GET', url: `/slas/${slaId}/series?hours=25` });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('hours');
    const tooMany = await h.app.inject({ method: 'GET', url: `/slas/${slaId}/series?limit=21` });
    expect(tooMany.statusCode).toBe(400);
    const missing = await h.app.inject({ method: 'GET', url: '/slas/999999999/series' });
    expect(missing.statusCode).toBe(404);
  });
});

describe('GET /pipeline/overview', () => {
  it('counts the stored series per metric and links to the Temporal Web UI', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/pipeline/overview?cycles=5' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.metrics).toContainEqual(expect.objectContaining({ metric, seriesCount: 3 }));
    expect(body.cycles.length).toBeLessThanOrEqual(5);
    expect(body.deadLetters.total).toBeGreaterThanOrEqual(body.deadLetters.last24h);
    expect(body.temporalUiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(body.namespace).toBe(env.TEMPORAL_NAMESPACE);
  });

  it('documents the dashboard’s data routes in the OpenAPI document, and hides its files', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/slas/{id}/series', '/pipeline/overview']),
    );
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/ui'))).toEqual([]);
  });
});
