import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisMessage } from '../../../contracts/analysis-message.ts';
import { type FleetOptions, fleetHistory } from '../../../demo/fleet.ts';
import { analyzedMessage } from '../../support/analysis-messages.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import { storeMessages } from '../../support/retrieval.ts';
import { auth, backfillFleet, type SlaHarness, startSla } from '../../support/sla.ts';
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
async function allPages(url: string, limit: number, app = h.app): Promise<Record<string, unknown>[]> {
  const pages = [];
  let next: string | null = null;
  do {
    const res: Awaited<ReturnType<typeof h.app.inject>> = await app.inject({
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

  it('refuses a cursor of another query with a 422 naming `next`', async () => {
    const first = (await h.app.inject({ method: 'GET', url: `/slas/${id}/forecast?limit=5` })).json();
    const res = await h.app.inject({
      method: 'GET',
      url: `/slas/${id}/forecast?horizon=5m&limit=5&next=${first.next}`,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ field: 'next', detail: expect.stringMatching(/next/) });
  });
});

describe('violations and status over a fleet', () => {
  const endS = end.getTime() / 1000;
  const MIN = 60;
  const fleet: FleetOptions = {
    metric: 'vigil_test_fleet_fds',
    job: uniqueName('fleet').replaceAll('-', '_'),
    hosts: FLEET,
    end: endS,
    hours: 13,
    // Scrapes 30 s off the evaluation grid: every evaluation reads the sample 30 s before it, and a gap's end
    // never falls on the 5-minute lookback's boundary.
    offsetSeconds: 30,
    episodes: [
      { host: 41, from: endS - 8 * 3600, to: endS - 7 * 3600, value: 7000 },
      { host: 251, from: endS - 5 * 3600, to: endS - 5 * 3600 + 30 * MIN, value: 6000 },
      { host: 251, from: endS - 2 * 3600, to: endS - 2 * 3600 + 3 * MIN, value: 5500 },
      { host: 300, from: endS - 10 * MIN, to: endS, value: 5001 },
    ],
    gaps: [
      // A gap inside a breach (longer than the lookback: the breach splits in two) and one in a quiet series.
      { host: 251, from: endS - 5 * 3600 + 10 * MIN, to: endS - 5 * 3600 + 17 * MIN },
      { host: 7, from: endS - 3 * 3600, to: endS - 3 * 3600 + 20 * MIN },
    ],
  };
  const MAX = 5000;
  const FOR = 300;

  interface Want {
    samples: number;
    violatingSamples: number;
    intervals: { start: string; samples: number; fired: boolean }[];
  }

  /**
   * What each host should show over `windowS` ending at `end`, straight from the samples written: an evaluation
   * every minute takes the latest sample of the 5 minutes before it, breaches are values above the max, runs
   * are consecutive breaching evaluations.
   */
  function expectedFleet(windowS: number): Map<string, Want> {
    const out = new Map<string, Want>();
    for (const s of fleetHistory(fleet)) {
      const want: Want = { samples: 0, violatingSamples: 0, intervals: [] };
      let run: number[] = [];
      const close = () => {
        if (run.length === 0) return;
        const start = new Date(run[0]! * 1000).toISOString();
        want.intervals.push({ start, samples: run.length, fired: (run.length - 1) * MIN >= FOR });
        run = [];
      };
      let i = 0;
      for (let t = endS - windowS + MIN; t <= endS; t += MIN) {
        while (i < s.samples.length && s.samples[i]![0] <= t) i++;
        const latest = s.samples[i - 1];
        const value = latest && latest[0] > t - 300 ? latest[1] : undefined;
        if (value !== undefined) want.samples++;
        if (value === undefined || value <= MAX) {
          close();
          continue;
        }
        want.violatingSamples++;
        run.push(t);
      }
      close();
      out.set(s.labels.host!, want);
    }
    return out;
  }

  let id: number;
  beforeAll(async () => {
    await backfillFleet(env, fleet);
    id = await createSla({
      name: uniqueName('sla-fleet'),
      metric: fleet.metric,
      matchers: [{ label: 'job', op: '=', value: fleet.job }],
      max: MAX,
      for: '5m',
    });
  }, 240_000);

  it('counts every series exactly over 12h, worst first, paged once each, totals the sum of the pages', async () => {
    const want = expectedFleet(12 * 3600);
    const url = `/slas/${id}/violations?window=12h&end=${end.toISOString()}`;
    const pages = await allPages(url, 70);
    expect(pages).toHaveLength(Math.ceil(FLEET / 70));
    type Listed = {
      labels: { host: string };
      samples: number;
      violatingSamples: number;
      intervals: Want['intervals'];
    };
    const listed = pages.flatMap((p) => p.series as Listed[]);
    expect(listed.map((s) => s.labels.host).sort()).toEqual([...want.keys()].sort());
    for (const s of listed) {
      const w = want.get(s.labels.host)!;
      expect({ host: s.labels.host, samples: s.samples, violating: s.violatingSamples }).toEqual({
        host: s.labels.host,
        samples: w.samples,
        violating: w.violatingSamples,
      });
      expect(s.intervals.map((i) => ({ start: i.start, samples: i.samples, fired: i.fired }))).toEqual(
        w.intervals,
      );
    }
    // The gaps are really there: h7 misses 21 minutes minus the lookback, h251's breach is split.
    expect(want.get('h7')!.samples).toBe(720 - 21 + 5);
    expect(want.get('h251')!.intervals).toHaveLength(3);
    const worst = [...want.entries()]
      .filter(([, w]) => w.violatingSamples > 0)
      .sort(([a, x], [b, y]) => y.violatingSamples - x.violatingSamples || (a < b ? -1 : 1))
      .map(([host]) => host);
    expect(worst).toEqual(['h41', 'h251', 'h300']);
    expect(listed.slice(0, 3).map((s) => s.labels.host)).toEqual(worst);

    const sum = (f: (s: Listed) => number) => listed.reduce((n, s) => n + f(s), 0);
    for (const p of pages) {
      expect(p.total).toBe(FLEET);
      expect(p.totals).toMatchObject({
        series: FLEET,
        violatingSeries: 3,
        samples: sum((s) => s.samples),
        violatingSamples: sum((s) => s.violatingSamples),
        intervals: sum((s) => s.intervals.length),
        firedIntervals: sum((s) => s.intervals.filter((i) => i.fired).length),
      });
    }
    expect(pages[0]!.workflowId).toBe(`violations-${id}-r1-12h-${end.toISOString().slice(0, 16)}Z-l70`);
    expect(new Set(pages.map((p) => p.workflowId)).size).toBe(pages.length);
  });

  it('answers a 1h window the same way (only h300 breaches in it)', async () => {
    const want = expectedFleet(3600);
    const res = await h.app.inject({
      method: 'GET',
      url: `/slas/${id}/violations?window=1h&end=${end.toISOString()}&limit=1`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.series[0].labels.host).toBe('h300');
    expect(body.series[0].violatingSamples).toBe(want.get('h300')!.violatingSamples);
    expect(body.totals.violatingSamples).toBe(want.get('h300')!.violatingSamples);
    expect(body.totals.samples).toBe([...want.values()].reduce((n, w) => n + w.samples, 0));
  });

  /** Status pages as answered at `at` (the fleet's history ends at `end`, before the real now). */
  async function statusAt(at: Date, query: string, limit: number) {
    const pinned = await startSla(env, { withoutWorker: true, now: () => at });
    try {
      return await allPages(`/slas/${id}/status?${query}`, limit, pinned.app);
    } finally {
      await pinned.stop();
    }
  }

  it('status: the breaching series first with its state, counts over every series, every series paged once', async () => {
    const h300 = expectedFleet(12 * 3600)
      .get('h300')!
      .intervals.at(-1)!;
    const pages = await statusAt(end, 'samples=5', 50);
    const first = pages[0]!;
    expect(first).toMatchObject({
      state: 'firing',
      counts: { firing: 1, pending: 0, ok: FLEET - 1 },
      total: FLEET,
      evaluatedAt: end.toISOString(),
    });
    const series = first.series as { samples: { v: number }[] }[];
    expect(series).toHaveLength(50);
    expect(series[0]).toMatchObject({
      labels: { host: 'h300' },
      state: 'firing',
      breach: 'above_max',
      value: 5001,
      at: end.toISOString(),
      activeSince: h300.start,
      firingSince: new Date(Date.parse(h300.start) + FOR * 1000).toISOString(),
    });
    expect(series[0]!.samples.map((p) => p.v)).toEqual([5001, 5001, 5001, 5001, 5001]);
    expect(series[1]).toMatchObject({ state: 'ok', breach: null, activeSince: null });
    expect(series[1]!.samples).toHaveLength(5);
    expect(pages).toHaveLength(Math.ceil(FLEET / 50));
    const seen = pages.flatMap((p) => (p.series as { labels: { host: string } }[]).map((x) => x.labels.host));
    expect(seen).toHaveLength(FLEET);
    expect(new Set(seen).size).toBe(FLEET);
  });

  it('status: pending, then firing once the breach held for `for`, whichever series it is in', async () => {
    const h41 = expectedFleet(12 * 3600).get('h41')!.intervals[0]!;
    const start = Date.parse(h41.start);
    const [pending] = await statusAt(new Date(start + 2 * 60_000), 'samples=1', 1000);
    expect(pending).toMatchObject({ state: 'pending', counts: { pending: 1, firing: 0 } });
    expect((pending!.series as unknown[])[0]).toMatchObject({
      labels: { host: 'h41' },
      state: 'pending',
      activeSince: h41.start,
    });
    // Within `for` plus the 15 steps the route looks back, so the breach's start is seen.
    const [firing] = await statusAt(new Date(start + 12 * 60_000), 'samples=1', 1000);
    expect(firing).toMatchObject({ state: 'firing', counts: { firing: 1, pending: 0, ok: FLEET - 1 } });
    expect((firing!.series as unknown[])[0]).toMatchObject({
      labels: { host: 'h41' },
      activeSince: h41.start,
      firingSince: new Date(start + FOR * 1000).toISOString(),
    });
  });

  it('refuses a cursor of another check with a 400 naming `next`', async () => {
    const first = (
      await h.app.inject({
        method: 'GET',
        url: `/slas/${id}/violations?window=3h&end=${end.toISOString()}&limit=5`,
      })
    ).json();
    const res = await h.app.inject({
      method: 'GET',
      url: `/slas/${id}/violations?window=1h&end=${end.toISOString()}&limit=5&next=${first.next}`,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ field: 'next', detail: expect.stringMatching(/next/) });
  });
});
