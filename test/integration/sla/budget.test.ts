import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesBudget } from '../../../contracts/slo.ts';
import { fleetHistory } from '../../../demo/fleet.ts';
import type { BudgetReport } from '../../../sla/budget.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import { auth, backfillFleet, type SlaHarness, startSla } from '../../support/sla.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

/**
 * SLO budgets over a backfilled fleet, end to end: the REST API starts the backfill workflow of an SLA's
 * per-minute counts, the SLA worker counts through Prometheus, and GET /slas/:id/budget answers from MySQL. The
 * expected figures come from the samples written, evaluated here as Prometheus does (the latest sample in the 5
 * minutes up to each minute), independently of the counting code; h5's gap is longer than the lookback, so some
 * minutes have no h5 sample at all.
 */

quietTemporalRuntime();
const env = testEnv();
const HOSTS = 5;
const HOURS = 13;
const MAX = 5000;
const TARGET = 0.99;
const MINUTE = 60_000;
/** The last sample 2 minutes ago: Prometheus' lookback carries it to the minutes up to now. */
const end = wholeMinutesAgo(2);
const endS = end.getTime() / 1000;
const metric = uniqueName('vigil_test_slo').replaceAll('-', '_');
const job = 'slo';
const options = {
  metric,
  job,
  hosts: HOSTS,
  end: endS,
  hours: HOURS,
  episodes: [
    // h4 above the max for the whole last hour: page-fast (1h and 5m burn 20) and ticket fire.
    { host: 4, from: endS - 3600 + 60, to: endS, value: 6000 },
    // h2 above it for 40 minutes, 3 hours ago.
    { host: 2, from: endS - 3 * 3600, to: endS - 3 * 3600 + 39 * 60, value: 6000 },
  ],
  // h5 silent for 20 minutes, 5 hours ago: no event while Prometheus has no sample in the 5 minutes before.
  gaps: [{ host: 5, from: endS - 5 * 3600, to: endS - 5 * 3600 + 19 * 60 }],
};
const history = fleetHistory(options);

/**
 * Good and bad series at minute `t` (ms), from the samples written: each series' latest sample in the lookback
 * [t − 5m, t] (both ends included on Prometheus 2.x, which the stack runs; 3.x leaves the lower end out).
 */
function reference(t: number, max: number, host?: string): { good: number; bad: number } {
  let good = 0;
  let bad = 0;
  for (const s of history) {
    if (host !== undefined && s.labels.host !== host) continue;
    let value: number | undefined;
    for (const [ts, v] of s.samples) if (ts * 1000 <= t && ts * 1000 >= t - 5 * MINUTE) value = v;
    if (value === undefined) continue;
    if (value > max) bad++;
    else good++;
  }
  return { good, bad };
}

const firstSampleMinute = Math.floor(Math.min(...history.map((s) => s.samples[0]![0])) / 60) * 60_000;
const memo = new Map<string, { good: number; bad: number }>();
function referenceOnce(t: number, max: number, host?: string): { good: number; bad: number } {
  const key = `${t}/${max}/${host}`;
  const known = memo.get(key);
  if (known) return known;
  const c = reference(t, max, host);
  memo.set(key, c);
  return c;
}

/** Good and bad series-minutes over [from, to], of every series or of the one of `host`. */
function sums(from: number, to: number, max: number, host?: string) {
  let good = 0;
  let bad = 0;
  // Before the history's first sample every minute is empty: skip them rather than evaluate each.
  const start = Math.max(from, firstSampleMinute);
  for (let t = start; t <= to; t += MINUTE) {
    const c = referenceOnce(t, max, host);
    good += c.good;
    bad += c.bad;
  }
  return { good, bad };
}

const burn = (c: { good: number; bad: number }) =>
  c.good + c.bad === 0 ? null : c.bad / (c.good + c.bad) / (1 - TARGET);

/**
 * An alert's state at `at` as Prometheus would hold it with `for: 5m`, evaluated every minute of the day before:
 * active while both windows' bad share is at least threshold × (1 − target); pending from the first active minute,
 * firing once that is 5 minutes back.
 */
function expectedAlert(at: number, long: number, short: number, threshold: number) {
  const over = (t: number, minutes: number) => {
    const c = sums(t - (minutes - 1) * MINUTE, t, MAX);
    return c.good + c.bad > 0 && c.bad / (c.good + c.bad) >= threshold * (1 - TARGET);
  };
  let since: number | null = null;
  for (let t = at - 1440 * MINUTE; t <= at; t += MINUTE) {
    if (over(t, long) && over(t, short)) since ??= t;
    else since = null;
  }
  if (since === null) return { state: 'ok', since: null };
  return { state: at - since >= 5 * MINUTE ? 'firing' : 'pending', since: new Date(since).toISOString() };
}

let h: SlaHarness;

beforeAll(async () => {
  await backfillFleet(env, options);
  h = await startSla(env);
}, 240_000);
afterAll(async () => {
  await h?.stop();
});

/**
 * The budget once the backfill workflow has counted every minute of the window up to `at` (503 before its first
 * query, then a growing `evaluatedMinutes`).
 */
async function budget(id: number): Promise<BudgetReport> {
  for (let i = 0; i < 120; i++) {
    const res = await h.app.inject({ method: 'GET', url: `/slas/${id}/budget` });
    expect([200, 503], res.body).toContain(res.statusCode);
    // Until the backfill's first evaluation is stored: 503 with when to ask again.
    if (res.statusCode === 503) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    if (res.statusCode === 200) {
      const b: BudgetReport = res.json();
      const sinceStart = (Date.parse(b.at) - Date.parse(b.window.start)) / MINUTE + 1;
      if (b.evaluatedMinutes === Math.min(b.window.minutes, sinceStart)) return b;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the minutes of SLA ${id} were not all counted within 2 minutes`);
}

/**
 * Every series' budget, a page of two at a time, once the SLA's series are evaluated (503 until then) and `ready`
 * holds of them (a recount replaces them in the next run).
 */
async function seriesBudgets(
  id: number,
  ready: (items: SeriesBudget[]) => boolean = () => true,
): Promise<SeriesBudget[]> {
  for (let i = 0; i < 120; i++) {
    const items: SeriesBudget[] = [];
    let next: string | null = null;
    let status = 200;
    do {
      const url: string = `/slas/${id}/budget/series?limit=2${next ? `&next=${next}` : ''}`;
      const res = await h.app.inject({ method: 'GET', url });
      expect([200, 503], res.body).toContain(res.statusCode);
      status = res.statusCode;
      if (status !== 200) break;
      const page: { items: SeriesBudget[]; next: string | null } = res.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      items.push(...page.items);
      next = page.next;
    } while (next);
    if (status === 200 && ready(items)) return items;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the series of SLA ${id} were not evaluated within 2 minutes`);
}

async function create(body: Record<string, unknown>): Promise<number> {
  const res = await h.app.inject({ method: 'POST', url: '/slas', headers: auth, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('SLO budgets from per-minute counts', () => {
  let id: number;

  beforeAll(async () => {
    id = await create({
      name: uniqueName('slo-fleet'),
      metric,
      matchers: [{ label: 'job', value: job }],
      max: MAX,
      for: '5m',
      objective: { target: TARGET, window: '7d' },
    });
  }, 60_000);

  it('answers compliance, budget, burn rates and alerts equal to the samples written', async () => {
    const b = await budget(id);
    const at = Date.parse(b.at);
    // The counts reach the last whole minute before now.
    expect(at).toBeGreaterThanOrEqual(end.getTime());
    const windowStart = at - 7 * 1440 * MINUTE + MINUTE;
    expect(b.window).toEqual({
      start: new Date(windowStart).toISOString(),
      end: new Date(at + MINUTE).toISOString(),
      minutes: 7 * 1440,
    });
    expect(b.evaluatedMinutes).toBe(7 * 1440);
    const all = sums(windowStart, at, MAX);
    expect(b.events).toEqual(all);
    // h4's last hour (carried past the last sample by the lookback up to `at`) and h2's 40 minutes.
    expect(all.bad).toBeGreaterThanOrEqual(60 + 40);
    expect(b.compliance).toBeCloseTo(all.good / (all.good + all.bad), 12);
    const allowed = (1 - TARGET) * (all.good + all.bad);
    expect(b.budget.allowed).toBeCloseTo(allowed, 9);
    expect(b.budget.consumed).toBe(all.bad);
    expect(b.budget.remaining).toBeCloseTo(allowed - all.bad, 9);
    for (const [w, minutes] of Object.entries({ '5m': 5, '30m': 30, '1h': 60, '6h': 360, '3d': 4320 })) {
      const expected = burn(sums(at - (minutes - 1) * MINUTE, at, MAX));
      expect(b.burnRates[w as keyof typeof b.burnRates], w).toBeCloseTo(expected!, 9);
    }
    const states = Object.fromEntries(b.alerts.map((a) => [a.name, { state: a.state, since: a.since }]));
    // 1 host in 5 bad for the last hour: burn 20 over 1h and 5m; 60 bad of 1,800 over 6h: burn 3.3.
    expect(states).toEqual({
      'page-fast': expectedAlert(at, 60, 5, 14.4),
      'page-slow': expectedAlert(at, 360, 30, 6),
      ticket: expectedAlert(at, 4320, 360, 1),
    });
    // Already burning when the SLA was created: the replay of the day before makes it fire since then.
    expect(states['page-fast']!.state).toBe('firing');
    expect(states['page-slow']!.state).toBe('ok');
    expect(states.ticket!.state).toBe('firing');
    expect(b.absent).toBe(false);
    // Budget already overspent (over 100 bad minutes against 0.01 × ~3,900 events): exhausted as of `at`.
    expect(b.budget.remaining).toBeLessThan(0);
    expect(b.exhaustion).toEqual({ at1h: b.at, at6h: b.at });
  });

  it('answers each series’ budget from that series’ samples alone, least remaining budget first', async () => {
    await budget(id);
    const items = await seriesBudgets(id);
    expect(items.map((i) => i.labels.host).sort()).toEqual(['h1', 'h2', 'h3', 'h4', 'h5']);
    for (const item of items) {
      const host = item.labels.host!;
      expect(item.labels).toEqual({ job, host });
      // Each series' own minute (the scheduled run evaluates series every few minutes).
      const at = Date.parse(item.at);
      const all = sums(at - 7 * 1440 * MINUTE + MINUTE, at, MAX, host);
      expect(item.events, host).toEqual(all);
      const allowed = (1 - TARGET) * (all.good + all.bad);
      const remaining = allowed - all.bad;
      expect(item.compliance).toBeCloseTo(all.good / (all.good + all.bad), 12);
      expect(item.budget.allowed).toBeCloseTo(allowed, 9);
      expect(item.budget.consumed).toBe(all.bad);
      expect(item.budget.remaining).toBeCloseTo(remaining, 9);
      expect(item.budget.remainingPercent).toBeCloseTo((100 * remaining) / allowed, 9);
      for (const [w, minutes] of Object.entries({ '5m': 5, '30m': 30, '1h': 60, '6h': 360, '3d': 4320 })) {
        const expected = burn(sums(at - (minutes - 1) * MINUTE, at, MAX, host));
        expect(item.burnRates[w as keyof typeof item.burnRates], `${host} ${w}`).toBeCloseTo(expected!, 9);
      }
      const exhaustion = (minutes: number) => {
        if (remaining <= 0) return item.at;
        const perMinute = sums(at - (minutes - 1) * MINUTE, at, MAX, host).bad / minutes;
        return perMinute === 0
          ? null
          : new Date(at + MINUTE + (remaining / perMinute) * MINUTE).toISOString();
      };
      expect(item.exhaustion, host).toEqual({ at1h: exhaustion(60), at6h: exhaustion(360) });
    }
    // h4, bad for the whole last hour, has burnt far more than its budget and leads; h2's 40 minutes come next.
    expect(items[0]!.labels.host).toBe('h4');
    expect(items[0]!.burnRates['1h']).toBeCloseTo(1 / (1 - TARGET), 9);
    expect(items[1]!.labels.host).toBe('h2');
    const rank = (i: SeriesBudget) => i.budget.remainingPercent ?? Number.POSITIVE_INFINITY;
    for (let k = 1; k < items.length; k++)
      expect(rank(items[k]!)).toBeGreaterThanOrEqual(rank(items[k - 1]!));

    const foreign = await h.app.inject({
      method: 'GET',
      url: `/slas/${id}/budget/series?next=bm90LWEtY3Vyc29y`,
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().detail).toMatch(/next/);
  });

  it('answers the budget and burn rates at the end of each past hour, as at those minutes', async () => {
    const b = await budget(id);
    const res = await h.app.inject({ method: 'GET', url: `/slas/${id}/budget/history?hours=13` });
    expect(res.statusCode, res.body).toBe(200);
    const { objective, points } = res.json() as {
      objective: unknown;
      points: Array<{
        at: string;
        remainingPercent: number | null;
        consumed: number;
        allowed: number;
        burn1h: number | null;
        burn6h: number | null;
      }>;
    };
    expect(objective).toEqual(b.objective);
    expect(points).toHaveLength(13);
    // The last point is the last hour whose last minute is counted.
    const last = Date.parse(points.at(-1)!.at);
    expect(new Date(last).getUTCMinutes()).toBe(59);
    expect(last).toBeLessThanOrEqual(Date.parse(b.at));
    expect(Date.parse(b.at) - last).toBeLessThan(60 * MINUTE);
    for (const [i, p] of points.entries()) {
      const t = Date.parse(p.at);
      expect(t).toBe(last - (points.length - 1 - i) * 60 * MINUTE);
      const window = sums(t - 7 * 1440 * MINUTE + MINUTE, t, MAX);
      const allowed = (1 - TARGET) * (window.good + window.bad);
      expect(p.consumed, p.at).toBe(window.bad);
      expect(p.allowed).toBeCloseTo(allowed, 9);
      expect(p.remainingPercent).toBeCloseTo((100 * (allowed - window.bad)) / allowed, 9);
      expect(p.burn1h, p.at).toBeCloseTo(burn(sums(t - 59 * MINUTE, t, MAX))!, 9);
      expect(p.burn6h, p.at).toBeCloseTo(burn(sums(t - 359 * MINUTE, t, MAX))!, 9);
    }
    // The episodes show: h2's 40 bad minutes 3 hours ago burn fast within their hour, and the consumed budget grows.
    expect(Math.max(...points.map((p) => p.burn1h ?? 0))).toBeGreaterThan(6);
    expect(points.at(-1)!.consumed).toBeGreaterThan(points[0]!.consumed);
    const bad = await h.app.inject({ method: 'GET', url: `/slas/${id}/budget/history?hours=169` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/hours/);
  });

  it('recounts under new bounds: a max the episodes stay under leaves no bad minute', async () => {
    const res = await h.app.inject({
      method: 'PATCH',
      url: `/slas/${id}`,
      headers: auth,
      payload: { max: 7000 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const b = await budget(id);
    expect(b.events.bad).toBe(0);
    expect(b.events).toEqual(sums(Date.parse(b.window.start), Date.parse(b.at), 7000));
    expect(b.burnRates['1h']).toBe(0);
    expect(b.exhaustion).toEqual({ at1h: null, at6h: null });
    expect(b.alerts.every((a: { state: string }) => a.state === 'ok')).toBe(true);
    // The series are recounted too: none has a bad minute under the new max.
    const items = await seriesBudgets(id, (i) => i.every((s) => s.events.bad === 0));
    expect(items).toHaveLength(HOSTS);
    for (const item of items) {
      const at = Date.parse(item.at);
      expect(item.events).toEqual(sums(at - 7 * 1440 * MINUTE + MINUTE, at, 7000, item.labels.host));
    }
  });

  it('says the SLI is absent when the selector matches nothing', async () => {
    const none = await create({
      name: uniqueName('slo-absent'),
      metric: `${metric}_missing`,
      max: MAX,
      objective: { target: 0.999, window: 'week' },
    });
    const b = await budget(none);
    expect(b.absent).toBe(true);
    // Absent over the whole replayed day: since its first minute.
    expect(b.absentSince).toBe(new Date(Date.parse(b.at) - 1440 * MINUTE).toISOString());
    expect(b.events).toEqual({ good: 0, bad: 0 });
    expect(b.compliance).toBeNull();
    expect(b.burnRates['5m']).toBeNull();
    // The calendar week holding `at`, from Monday 00:00 UTC.
    const start = new Date(b.window.start);
    expect(start.getUTCDay()).toBe(1);
    expect(start.getUTCHours() + start.getUTCMinutes()).toBe(0);
    expect(Date.parse(b.window.end) - start.getTime()).toBe(7 * 1440 * MINUTE);
  });

  it('409 for an SLA without an objective, 400 naming the field for a target outside [0.001, 0.99999]', async () => {
    const plain = await create({ name: uniqueName('slo-none'), metric, max: MAX });
    const res = await h.app.inject({ method: 'GET', url: `/slas/${plain}/budget` });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/has no objective/);
    for (const objective of [
      { target: 1, window: '7d' },
      { target: 0.9, window: 'year' },
    ]) {
      const bad = await h.app.inject({
        method: 'POST',
        url: '/slas',
        headers: auth,
        payload: { name: uniqueName('slo-bad'), metric, max: MAX, objective },
      });
      expect(bad.statusCode, bad.body).toBe(400);
      expect(bad.body).toMatch(/objective/);
    }
  });

  it('lists objectives least remaining budget first, a page at a time, and serves the burn rate', async () => {
    const items: Array<{ id: number; budget: BudgetReport; stale: boolean }> = [];
    let next: string | null = null;
    do {
      const query: string = next ? `&next=${next}` : '';
      const res = await h.app.inject({ method: 'GET', url: `/slos?sort=remaining_budget&limit=2${query}` });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      items.push(...page.items);
      next = page.next;
    } while (next);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const rank = (i: (typeof items)[number]) => i.budget.budget.remainingPercent ?? Number.POSITIVE_INFINITY;
    for (let k = 1; k < items.length; k++)
      expect(rank(items[k]!)).toBeGreaterThanOrEqual(rank(items[k - 1]!));
    const ours = items.find((i) => i.id === id)!;
    expect(ours.stale).toBe(false);
    expect(ours.budget).toEqual(await budget(id));

    const burn = await h.app.inject({ method: 'GET', url: `/slas/${id}/burn-rate` });
    expect(burn.statusCode, burn.body).toBe(200);
    const b = await budget(id);
    expect(burn.json()).toEqual({
      objective: b.objective,
      at: b.at,
      burnRates: b.burnRates,
      exhaustion: b.exhaustion,
      alerts: b.alerts,
      absent: b.absent,
      absentSince: b.absentSince,
    });
    const foreign = await h.app.inject({ method: 'GET', url: '/slos?next=bm90LWEtY3Vyc29y' });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().detail).toMatch(/next/);
  });
});
