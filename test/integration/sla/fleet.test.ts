import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisMessage } from '../../../contracts/analysis-message.ts';
import { analyzedMessage } from '../../support/analysis-messages.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import { storeMessages } from '../../support/retrieval.ts';
import { auth, type SlaHarness, startSla } from '../../support/sla.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

/**
 * One SLA over a fleet: a few hundred series, enough to cross every former limit (the forecast route used to
 * answer for the first 100 series only). The SLA-wide answer must cover every series, and paging must return
 * every series exactly once.
 */

quietTemporalRuntime();
const env = testEnv();
const FLEET = 300;
const end = wholeMinutesAgo(10);
let h: SlaHarness;

beforeAll(async () => {
  h = await startSla(env);
});
afterAll(async () => {
  await h?.stop();
});

async function createSla(body: Record<string, unknown>): Promise<number> {
  const res = await h.app.inject({ method: 'POST', url: '/slas', headers: auth, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** Every page of a paged route, following `next` until it is null. */
async function allPages(url: string, limit: number): Promise<Record<string, unknown>[]> {
  const pages = [];
  let next: string | null = null;
  do {
    const res: Awaited<ReturnType<typeof h.app.inject>> = await h.app.inject({
      method: 'GET',
      url: `${url}&limit=${limit}${next ? `&next=${next}` : ''}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    pages.push(res.json());
    next = res.json().next;
  } while (next !== null && pages.length <= FLEET);
  return pages;
}

describe('forecast over a fleet', () => {
  const metric = uniqueName('vigil_test_fleet').replaceAll('-', '_');
  const MAX = 1000;
  // Forecast values sit at 900 except two series: #41 breaches at its 6th step, #251 (far beyond the first 100)
  // at its 2nd, so the fleet's first breach comes from #251.
  const breaches: Record<number, number> = { 41: 6, 251: 2 };
  let id: number;
  let messages: AnalysisMessage[];

  beforeAll(async () => {
    const cycleId = uniqueName('cycle');
    messages = Array.from({ length: FLEET }, (_, i) => {
      const m = analyzedMessage({ cycleId, metric, labels: { host: `h${i + 1}` }, windowEnd: end, seed: 3 });
      const breachStep = breaches[i + 1];
      const forecast = m.forecast.map((p, step) => ({
        t: p.t,
        v: breachStep !== undefined && step + 1 >= breachStep ? MAX + step + 1 : 900,
      }));
      return { ...m, forecast };
    });
    await storeMessages(h.database, messages);
    id = await createSla({ name: uniqueName('sla-fleet-forecast'), metric, max: MAX });
  }, 120_000);

  it('answers the first breach, the breaching count and the worst series over every series', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/slas/${id}/forecast?horizon=10m&limit=10` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      selectedSeries: FLEET,
      forecastSeries: FLEET,
      breachingSeries: 2,
      total: FLEET,
      firstBreachAt: messages[250]!.forecast[1]!.t,
      worstSeries: {
        labels: { host: 'h251' },
        firstBreachAt: messages[250]!.forecast[1]!.t,
        breach: 'above_max',
      },
    });
    expect(body.worstSeries.overshoot).toBe(10);
    expect(body.series).toHaveLength(10);
    expect(body.next).toEqual(expect.any(String));
    // Within 1 minute nothing breaches yet: #251 breaches at its 2nd step, #41 later still.
    const short = (await h.app.inject({ method: 'GET', url: `/slas/${id}/forecast?horizon=1m` })).json();
    expect(short).toMatchObject({ breachingSeries: 0, firstBreachAt: null, worstSeries: null });
  });

  it('pages every series exactly once, in series order, with the same totals on every page', async () => {
    const pages = await allPages(`/slas/${id}/forecast?horizon=10m`, 70);
    expect(pages).toHaveLength(Math.ceil(FLEET / 70));
    const hosts = pages.flatMap((p) =>
      (p.series as { labels: { host: string } }[]).map((s) => s.labels.host),
    );
    expect(hosts).toHaveLength(FLEET);
    expect(new Set(hosts).size).toBe(FLEET);
    for (const p of pages) expect(p).toMatchObject({ total: FLEET, breachingSeries: 2 });
    const listed = pages.flatMap(
      (p) => p.series as { labels: { host: string }; firstBreachAt: string | null }[],
    );
    const breaching = listed.filter((s) => s.firstBreachAt !== null).map((s) => s.labels.host);
    expect(breaching).toEqual(['h41', 'h251']);
  });

  it('lists only the breaching series on request', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/slas/${id}/forecast?breaching=true&limit=1` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 2, series: [{ labels: { host: 'h41' } }] });
    const next = res.json().next;
    const second = (
      await h.app.inject({ method: 'GET', url: `/slas/${id}/forecast?breaching=true&limit=1&next=${next}` })
    ).json();
    expect(second).toMatchObject({ total: 2, next: null, series: [{ labels: { host: 'h251' } }] });
  });

  it('refuses a cursor of another query with a 400 naming `next`', async () => {
    const first = (await h.app.inject({ method: 'GET', url: `/slas/${id}/forecast?limit=5` })).json();
    const res = await h.app.inject({
      method: 'GET',
      url: `/slas/${id}/forecast?horizon=5m&limit=5&next=${first.next}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/next/);
  });
});
