import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetrievalClient } from '../../../api/retrieval/client.ts';
import type {
  SeriesBudget as SeriesBudgetMessage,
  SloBudget,
  SloSummary,
} from '../../../api/retrieval/messages.ts';
import { encodePageToken, fingerprint } from '../../../api/retrieval/page-token.ts';
import { timestampMs } from '../../../api/retrieval/timestamp.ts';
import type { SlaDefinition } from '../../../contracts/sla.ts';
import type { BudgetReport, SeriesBudget } from '../../../contracts/slo.ts';
import { type Database, openDatabase } from '../../../drizzle/db.ts';
import { testEnv, wholeMinutesAgo } from '../../support/env.ts';
import { startTestServer, statusOf } from '../../support/retrieval.ts';
import { type SlaHarness, startSla } from '../../support/sla.ts';
import { seedSeries, seedSlo } from '../../support/slo-status.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

/**
 * GetSloBudget and ListSlos (issue 14) against the test stack's MariaDB, beside the REST API they mirror: the
 * evaluations are written into `slo_status` as the SLO counting workflow stores them, then read through both edges.
 */
quietTemporalRuntime();
const env = testEnv();
const at = wholeMinutesAgo(1);

let database: Database;
let harness: Awaited<ReturnType<typeof startTestServer>>;
let client: RetrievalClient;
let rest: SlaHarness;

/** Remaining budget = 100 − bad (10,000 events at 0.99 allow 100 bad); two ties; one beyond exhaustion. */
const BAD = [30, 80, 10, 80, 150, 0, 55];
const evaluated: SlaDefinition[] = [];
let alerting: SlaDefinition;
let noEvents: SlaDefinition;
let stale: SlaDefinition;
let noObjective: SlaDefinition;
let counting: SlaDefinition;

/** The seeded series of evaluated[0]: bad minutes of 1,000 each; two ties. */
const SERIES_BAD = [3, 40, 0, 12, 40, 25, 7];

const iso = (ts: { seconds: number; nanos: number } | null) =>
  ts ? new Date(timestampMs(ts)).toISOString() : null;

/** The gRPC message read back into the REST answer's shape, field by field. */
function asReport(b: SloBudget): BudgetReport {
  return {
    objective: {
      target: b.objective!.target,
      window: b.objective!.window as BudgetReport['objective']['window'],
    },
    window: { start: iso(b.window_start)!, end: iso(b.window_end)!, minutes: b.window_minutes },
    evaluatedMinutes: b.evaluated_minutes,
    ...asShared(b),
    alerts: b.alerts.map((a) => ({
      name: a.name,
      severity: a.severity as 'page' | 'ticket',
      long: a.long_window as BudgetReport['alerts'][number]['long'],
      short: a.short_window as BudgetReport['alerts'][number]['short'],
      threshold: a.threshold,
      burnLong: a.burn_long ?? null,
      burnShort: a.burn_short ?? null,
      active: a.active,
      state: a.state.toLowerCase() as BudgetReport['alerts'][number]['state'],
      since: iso(a.since),
    })),
    absent: b.absent,
    absentSince: iso(b.absent_since),
  };
}

/** The figures an SLA's budget message and a series' share have alike, back in the REST answer's shape. */
function asShared(b: SloBudget | SeriesBudgetMessage): Omit<SeriesBudget, 'labels'> {
  return {
    at: iso(b.at)!,
    events: { good: b.events_good, bad: b.events_bad },
    compliance: b.compliance ?? null,
    budget: {
      allowed: b.budget_allowed,
      consumed: b.budget_consumed,
      remaining: b.budget_remaining,
      remainingPercent: b.budget_remaining_percent ?? null,
    },
    burnRates: Object.fromEntries(
      b.burn_rates.map((r) => [r.window, r.rate ?? null]),
    ) as SeriesBudget['burnRates'],
    exhaustion: { at1h: iso(b.exhaustion_at_1h), at6h: iso(b.exhaustion_at_6h) },
  };
}

/** The gRPC message read back into the REST answer's shape. */
function asSeries(b: SeriesBudgetMessage): SeriesBudget {
  return { labels: b.labels, ...asShared(b) };
}

async function restBudget(id: number): Promise<{ statusCode: number; body: unknown }> {
  const res = await rest.app.inject({ method: 'GET', url: `/slas/${id}/budget` });
  return { statusCode: res.statusCode, body: res.json() };
}

beforeAll(async () => {
  database = openDatabase(env.MYSQL_URL);
  const db = database.db;
  for (const bad of BAD) evaluated.push(await seedSlo(db, { events: 10_000, bad }, at));
  alerting = await seedSlo(db, { events: 10_000, bad: 40, alerting: true }, at);
  noEvents = await seedSlo(db, { events: 0, bad: 0 }, at);
  stale = await seedSlo(db, { events: 10_000, bad: 20, status: 'stale' }, at);
  noObjective = await seedSlo(db, { events: 0, bad: 0, objective: null }, at);
  counting = await seedSlo(db, { events: 0, bad: 0, status: 'none' }, at);
  await seedSeries(db, evaluated[0]!, SERIES_BAD, at);
  harness = await startTestServer(database);
  client = harness.client;
  // Only the REST reads are exercised: no worker, so nothing recounts the seeded evaluations.
  rest = await startSla(env, { withoutWorker: true });
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await rest?.stop();
  await database?.close();
});

describe('GetSloBudget', () => {
  it('answers what GET /slas/:id/budget answers, for every kind of evaluation', async () => {
    for (const sla of [...evaluated, alerting, noEvents]) {
      const [grpc, http] = await Promise.all([
        client.call('GetSloBudget', { sla_id: sla.id }),
        restBudget(sla.id),
      ]);
      expect(http.statusCode).toBe(200);
      expect(asReport(grpc)).toEqual(http.body);
    }
  });

  it('sets the optional parts when they have values and leaves them absent when not', async () => {
    const a = await client.call('GetSloBudget', { sla_id: alerting.id });
    expect(a.alerts.find((x) => x.name === 'page-fast')).toMatchObject({ state: 'FIRING', active: true });
    expect(a.alerts.find((x) => x.name === 'page-fast')!.since).not.toBeNull();
    expect(a).toMatchObject({ absent: true });
    expect(a.absent_since).not.toBeNull();
    expect(a.exhaustion_at_1h).not.toBeNull();
    expect(a.burn_rates.map((r) => r.window)).toEqual(['5m', '30m', '1h', '6h', '3d']);

    const n = await client.call('GetSloBudget', { sla_id: noEvents.id });
    expect(n.compliance).toBeUndefined();
    expect(n.budget_remaining_percent).toBeUndefined();
    expect(n.burn_rates.every((r) => r.rate === undefined)).toBe(true);
    expect(n.exhaustion_at_1h).toBeNull();
  });

  it('refuses as REST does: NOT_FOUND, FAILED_PRECONDITION, UNAVAILABLE to retry, INVALID_ARGUMENT', async () => {
    const missing = Math.max(...[...evaluated, counting].map((s) => s.id)) + 1_000_000;
    const cases = [
      { id: missing, code: status.NOT_FOUND, http: 404, details: new RegExp(`SLA ${missing} not found`) },
      { id: noObjective.id, code: status.FAILED_PRECONDITION, http: 409, details: /has no objective/ },
      { id: counting.id, code: status.UNAVAILABLE, http: 503, details: /retry shortly/ },
      { id: stale.id, code: status.UNAVAILABLE, http: 503, details: /retry shortly/ },
    ];
    for (const c of cases) {
      const s = await statusOf(client.call('GetSloBudget', { sla_id: c.id }));
      expect(s.code, s.details).toBe(c.code);
      expect(s.details).toMatch(c.details);
      expect(s.details).not.toMatch(/PATCH|select|slo_status/i);
      expect((await restBudget(c.id)).statusCode).toBe(c.http);
    }
    const zero = await statusOf(client.call('GetSloBudget', { sla_id: 0 }));
    expect(zero.code).toBe(status.INVALID_ARGUMENT);
    expect(zero.details).toMatch(/^sla_id: /);
    const unset = await statusOf(client.call('GetSloBudget', {}));
    expect(unset.code).toBe(status.INVALID_ARGUMENT);
  });
});

describe('ListSlos', () => {
  const key = (s: SloSummary) => s.budget!.budget_remaining_percent ?? Number.POSITIVE_INFINITY;

  it('pages through every evaluated objective once, least remaining budget first', async () => {
    const all: SloSummary[] = [];
    let token = '';
    for (let pages = 0; pages < 1000; pages++) {
      const page = await client.call('ListSlos', { limit: 3, page_token: token });
      expect(page.slos.length).toBeLessThanOrEqual(3);
      all.push(...page.slos);
      token = page.next_page_token;
      if (token === '') break;
      expect(page.slos).toHaveLength(3);
    }
    expect(token).toBe('');
    for (let i = 1; i < all.length; i++) {
      const [prev, next] = [all[i - 1]!, all[i]!];
      expect(key(prev)).toBeLessThanOrEqual(key(next));
      if (key(prev) === key(next)) expect(prev.sla_id).toBeLessThan(next.sla_id);
    }
    const ids = all.map((s) => s.sla_id);
    expect(new Set(ids).size).toBe(ids.length);
    const listed = [...evaluated, alerting, noEvents, stale];
    for (const sla of listed) expect(ids.filter((id) => id === sla.id)).toHaveLength(1);
    expect(ids).not.toContain(noObjective.id);
    expect(ids).not.toContain(counting.id);

    const mine = new Map(all.map((s) => [s.sla_id, s]));
    expect(mine.get(stale.id)).toMatchObject({ stale: true, name: stale.name, metric: stale.metric });
    expect(mine.get(evaluated[0]!.id)).toMatchObject({ stale: false, name: evaluated[0]!.name });
    expect(asReport(mine.get(evaluated[0]!.id)!.budget!)).toEqual((await restBudget(evaluated[0]!.id)).body);
    // The objective without events sorts after every real percentage.
    expect(ids.indexOf(noEvents.id)).toBeGreaterThan(ids.indexOf(evaluated[5]!.id));
  });

  it('refuses a limit above 500 and a token of another query, naming the field', async () => {
    const limit = await statusOf(client.call('ListSlos', { limit: 501 }));
    expect(limit.code).toBe(status.INVALID_ARGUMENT);
    expect(limit.details).toMatch(/^limit: /);
    // A well-formed token of another query (ListRuns'), and one that is no token at all.
    const runs = encodePageToken(fingerprint('ListRuns', { metric: 'up' }), {
      seriesId: 1,
      windowEndMs: at.getTime(),
      runId: 1,
      index: 0,
    });
    for (const foreign of [runs, 'bm90IGEgdG9rZW4']) {
      const s = await statusOf(client.call('ListSlos', { page_token: foreign }));
      expect(s.code).toBe(status.INVALID_ARGUMENT);
      expect(s.details).toMatch(/^page_token: /);
    }
    // A ListSlos token is no token of ListSeries either.
    const first = await client.call('ListSlos', { limit: 1 });
    const s = await statusOf(client.call('ListSeries', { metric: 'up', page_token: first.next_page_token }));
    expect(s.code).toBe(status.INVALID_ARGUMENT);
    expect(s.details).toMatch(/^page_token: /);
  });
});

describe('ListSeriesBudgets', () => {
  it('pages through the SLA’s series least remaining budget first, as GET /slas/:id/budget/series', async () => {
    const id = evaluated[0]!.id;
    const grpc: SeriesBudget[] = [];
    let token = '';
    for (let pages = 0; pages < 100; pages++) {
      const page = await client.call('ListSeriesBudgets', { sla_id: id, limit: 3, page_token: token });
      expect(page.series.length).toBeLessThanOrEqual(3);
      grpc.push(...page.series.map(asSeries));
      token = page.next_page_token;
      if (token === '') break;
    }
    const res = await rest.app.inject({ method: 'GET', url: `/slas/${id}/budget/series?limit=1000` });
    expect(res.statusCode, res.body).toBe(200);
    expect(grpc).toEqual(res.json().items);
    // Most bad minutes first: the same remaining budget ties by series, whichever it is.
    expect(grpc.map((s) => s.events.bad)).toEqual([...SERIES_BAD].sort((a, b) => b - a));
    expect(grpc[0]!.budget.remaining).toBeCloseTo(0.01 * 1000 - 40, 9);
  });

  it('refuses as GetSloBudget does, a limit above 1000 and a token of another SLA', async () => {
    const s = await statusOf(client.call('ListSeriesBudgets', { sla_id: noObjective.id }));
    expect(s.code).toBe(status.FAILED_PRECONDITION);
    // Events in the window but no series evaluated yet: retry shortly.
    const pending = await statusOf(client.call('ListSeriesBudgets', { sla_id: evaluated[1]!.id }));
    expect(pending.code).toBe(status.UNAVAILABLE);
    const limit = await statusOf(client.call('ListSeriesBudgets', { sla_id: evaluated[0]!.id, limit: 1001 }));
    expect(limit.code).toBe(status.INVALID_ARGUMENT);
    expect(limit.details).toMatch(/^limit: /);
    const first = await client.call('ListSeriesBudgets', { sla_id: evaluated[0]!.id, limit: 1 });
    expect(first.next_page_token).not.toBe('');
    const other = await statusOf(
      client.call('ListSeriesBudgets', { sla_id: evaluated[1]!.id, page_token: first.next_page_token }),
    );
    expect(other.code).toBe(status.INVALID_ARGUMENT);
    expect(other.details).toMatch(/^page_token: /);
  });
});
