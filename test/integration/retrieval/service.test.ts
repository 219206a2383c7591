import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetrievalClient } from '../../../api/retrieval/client.ts';
import type { RunQuery } from '../../../api/retrieval/messages.ts';
import { timestampMs } from '../../../api/retrieval/timestamp.ts';
import type { AnalysisMessage } from '../../../contracts/analysis-message.ts';
import { type Database, openDatabase } from '../../../drizzle/db.ts';
import { registry } from '../../../observability/metrics-server.ts';
import { testEnv, wholeMinutesAgo } from '../../support/env.ts';
import {
  drain,
  pipelineMessage,
  startTestServer,
  statusOf,
  storeMessages,
  uniqueMetric,
} from '../../support/retrieval.ts';
import { runByMessageId } from '../../support/stored-runs.ts';

/**
 * The retrieval service against the real MariaDB of the test stack: runs seeded through the drain's batch store
 * from the engine's own reports, read back through every call and compared value for value.
 */
const env = testEnv();
const metric = uniqueMetric('free_bytes');
const otherMetric = uniqueMetric('other');
const DEVICES = ['sda1', 'sdb1', 'sdc1'] as const;
/** The devices in series-id order, which is the order of every answer (ids come from the store's key order). */
let ORDER: string[] = [];
const CYCLES = 3;
const newestEnd = wholeMinutesAgo(10).getTime();
const ends = Array.from({ length: CYCLES }, (_, k) => new Date(newestEnd - (CYCLES - 1 - k) * 5 * 60_000));

let database: Database;
let harness: Awaited<ReturnType<typeof startTestServer>>;
let client: RetrievalClient;
/** Seeded messages by series device and cycle index. */
const seeded = new Map<string, AnalysisMessage>();
const runIds = new Map<string, number>();
let otherRunId: number;

const key = (device: string, cycle: number) => `${device}#${cycle}`;
const ms = (ts: { seconds: number; nanos: number } | null | undefined) => (ts ? timestampMs(ts) : null);
const undef = (v: number | null) => (v === null ? undefined : v);

beforeAll(async () => {
  database = openDatabase(env.MYSQL_URL);
  const messages: AnalysisMessage[] = [];
  DEVICES.forEach((device, d) => {
    ends.forEach((end, k) => {
      const m = pipelineMessage(
        // The newest window of sdc1 has gaps: its points have no exact sample times.
        {
          metric,
          labels: { device, job: 'host' },
          windowEnd: end,
          seed: 100 * d + k,
          gaps: device === 'sdc1' && k === CYCLES - 1,
        },
        `pipeline-${end.toISOString()}`,
      );
      seeded.set(key(device, k), m);
      messages.push(m);
    });
  });
  const other = pipelineMessage(
    { metric: otherMetric, labels: { job: 'host' }, windowEnd: ends[0]!, seed: 999 },
    'pipeline-other',
  );
  messages.push(other);
  await storeMessages(database, messages);
  for (const [k, m] of seeded) runIds.set(k, (await runByMessageId(database.db, m.id))!.id);
  otherRunId = (await runByMessageId(database.db, other.id))!.id;
  harness = await startTestServer(database);
  client = harness.client;
  ORDER = (await client.call('ListSeries', { metric })).series.map((s) => s.series!.labels.device!);
});

afterAll(async () => {
  await harness?.close();
  await database?.close();
});

describe('discovery calls', () => {
  it('ListMetrics lists the metric with its series count', async () => {
    const r = await client.call('ListMetrics', {});
    const m = r.metrics.find((x) => x.metric === metric);
    expect(m).toMatchObject({ metric, series_count: 3 });
    expect(ms(m!.last_seen)).toBe(newestEnd);
  });

  it('ListSeries lists and filters series, and pages with a token', async () => {
    const all = await client.call('ListSeries', { metric });
    expect(ORDER.toSorted()).toEqual([...DEVICES]);
    expect(all.series.map((s) => s.series?.labels)).toEqual(ORDER.map((device) => ({ device, job: 'host' })));
    expect(all.series[0]!.series!.key).toBe(seeded.get(key(ORDER[0]!, 0))!.series.key);
    expect(ms(all.series[0]!.first_seen)).toBe(ends[0]!.getTime());
    expect(all.next_page_token).toBe('');

    const ne = await client.call('ListSeries', {
      metric,
      matchers: [{ label: 'device', op: 'NOT_EQUAL', value: 'sdb1' }],
    });
    expect(ne.series.map((s) => s.series?.labels.device)).toEqual(ORDER.filter((d) => d !== 'sdb1'));
    // PromQL regexes, RE2 syntax (JavaScript has no (?i) group), anchored: `sd[ab]` does not match `sda1`.
    const re = await client.call('ListSeries', {
      metric,
      matchers: [{ label: 'device', op: 'MATCH_REGEX', value: '(?i)SD[AB]\\d' }],
    });
    expect(re.series.map((s) => s.series?.labels.device)).toEqual(ORDER.filter((d) => d !== 'sdc1'));
    const nre = await client.call('ListSeries', {
      metric,
      matchers: [{ label: 'device', op: 'NOT_MATCH_REGEX', value: 'sd[ab]' }],
    });
    expect(nre.series.map((s) => s.series?.labels.device)).toEqual(ORDER);

    const first = await client.call('ListSeries', { metric, limit: 2 });
    expect(first.series).toHaveLength(2);
    const second = await client.call('ListSeries', { metric, limit: 2, page_token: first.next_page_token });
    expect(second.series.map((s) => s.series?.labels.device)).toEqual([ORDER[2]]);
    expect(second.next_page_token).toBe('');
  });

  it('ListRuns: latest by default, a time range, a run id, paged by token without gaps or repeats', async () => {
    const latest = await client.call('ListRuns', { metric });
    expect(latest.runs.map((r) => r.run?.run_id)).toEqual(ORDER.map((d) => runIds.get(key(d, CYCLES - 1))));
    const summary = latest.runs[0]!;
    const m = seeded.get(key(ORDER[0]!, CYCLES - 1))!;
    expect(summary.run).toMatchObject({ cycle_id: m.cycle_id, series: { key: m.series.key, metric } });
    expect(ms(summary.run!.window_end)).toBe(Date.parse(m.window.end));
    expect(ms(summary.run!.window_start)).toBe(Date.parse(m.window.start));
    expect(ms(summary.produced_at)).toBe(Date.parse(m.produced_at));
    expect(summary).toMatchObject({ step_seconds: 60, points: m.window.points, errors: [] });
    expect(ms(summary.last_sample)).toBe(Date.parse(m.window.last_sample!));

    const range: RunQuery = { metric, runs: { window_end: { from: { seconds: 0, nanos: 0 } } } };
    const all = await client.call('ListRuns', range);
    const expected = ORDER.flatMap((d) => ends.map((_, k) => runIds.get(key(d, k))));
    expect(all.runs.map((r) => r.run?.run_id)).toEqual(expected);

    const paged: number[] = [];
    let token = '';
    let pages = 0;
    do {
      const page = await client.call('ListRuns', { ...range, limit: 4, page_token: token });
      paged.push(...page.runs.map((r) => r.run!.run_id));
      token = page.next_page_token;
      pages++;
    } while (token);
    expect(paged).toEqual(expected);
    expect(pages).toBe(3);

    const window = await client.call('ListRuns', {
      metric,
      runs: {
        window_end: {
          from: { seconds: ends[1]!.getTime() / 1000, nanos: 0 },
          to: { seconds: ends[2]!.getTime() / 1000, nanos: 0 },
        },
      },
    });
    expect(window.runs.map((r) => r.run?.run_id)).toEqual(ORDER.map((d) => runIds.get(key(d, 1))));

    const one = await client.call('ListRuns', { metric, runs: { run_id: runIds.get(key('sdb1', 0)) } });
    expect(one.runs.map((r) => r.run?.run_id)).toEqual([runIds.get(key('sdb1', 0))]);
  });
});

describe('analysis calls return what the database holds', () => {
  it('GetDickeyFuller: every ADF field of the latest runs, exact doubles', async () => {
    const r = await client.call('GetDickeyFuller', { metric });
    expect(r.results).toHaveLength(3);
    for (const [i, device] of ORDER.entries()) {
      const report = seeded.get(key(device, CYCLES - 1))!.report.adf;
      if ('error' in report) throw new Error('seeded ADF failed');
      const got = r.results[i]!;
      expect(got.run?.run_id).toBe(runIds.get(key(device, CYCLES - 1)));
      expect(got.adf).toMatchObject({
        statistic: report.statistic,
        pvalue: report.pvalue,
        used_lag: report.usedlag,
        nobs: report.nobs,
        critical_1pct: report.critical['1%'],
        critical_5pct: report.critical['5%'],
        critical_10pct: report.critical['10%'],
        stationary: report.pvalue < 0.05,
      });
      expect(got.adf?.icbest).toBe(undef(report.icbest));
    }
    const filtered = await client.call('GetDickeyFuller', {
      metric,
      matchers: [{ label: 'device', value: 'sdb1' }],
      runs: { run_id: runIds.get(key('sdb1', 1)) },
    });
    expect(filtered.results.map((x) => x.run?.run_id)).toEqual([runIds.get(key('sdb1', 1))]);
  });

  it('ListDecomposition: every point of every component, with sample times when the window has no gaps', async () => {
    const pages = await drain(client.stream('ListDecomposition', { metric, page_size: 500 }));
    for (const [d, device] of DEVICES.entries()) {
      const m = seeded.get(key(device, CYCLES - 1))!;
      const dec = m.report.decompose;
      if ('error' in dec) throw new Error('seeded decomposition failed');
      const mine = pages.filter((p) => p.run?.run_id === runIds.get(key(device, CYCLES - 1)));
      expect(mine.every((p) => p.period === dec.period && p.points.length <= 500)).toBe(true);
      const points = mine.flatMap((p) => p.points);
      expect(points.map((p) => p.index)).toEqual(dec.trend.map((_, i) => i));
      expect(points.map((p) => p.trend)).toEqual(dec.trend.map(undef));
      expect(points.map((p) => p.seasonal)).toEqual(dec.seasonal.map(undef));
      expect(points.map((p) => p.resid)).toEqual(dec.resid.map(undef));
      if (device === 'sdc1') expect(points.every((p) => p.timestamp === null)).toBe(true);
      else {
        const first = Date.parse(m.window.first_sample!);
        expect(points.map((p) => ms(p.timestamp))).toEqual(points.map((_, i) => first + i * 60_000));
      }
      expect(d).toBeLessThan(3);
    }
  });

  it('ListHodrickPrescott: trend and cycle of one run by id', async () => {
    const k = key('sda1', 0);
    const hp = seeded.get(k)!.report.hp;
    if ('error' in hp) throw new Error('seeded HP failed');
    const pages = await drain(
      client.stream('ListHodrickPrescott', { metric, runs: { run_id: runIds.get(k) } }),
    );
    expect(pages.every((p) => p.lambda === hp.lambda && p.run?.run_id === runIds.get(k))).toBe(true);
    const points = pages.flatMap((p) => p.points);
    expect(points.map((p) => p.trend)).toEqual(hp.trend);
    expect(points.map((p) => p.cycle)).toEqual(hp.cycle);
  });

  it('ListAutocorrelation: every lag, in order', async () => {
    const pages = await drain(
      client.stream('ListAutocorrelation', { metric, matchers: [{ label: 'device', value: 'sdb1' }] }),
    );
    const acf = seeded.get(key('sdb1', CYCLES - 1))!.report.acf;
    if ('error' in acf) throw new Error('seeded ACF failed');
    expect(pages.flatMap((p) => p.values).map((v) => [v.lag, v.value])).toEqual(
      acf.map((value, lag) => [lag, undef(value)]),
    );
  });

  it('ListAggregates: trailing, resampled and predicted windows', async () => {
    const pages = await drain(
      client.stream('ListAggregates', { metric, matchers: [{ label: 'device', value: 'sda1' }] }),
    );
    const m = seeded.get(key('sda1', CYCLES - 1))!;
    const aggs = pages.flatMap((p) => p.aggregates);
    const trailing = m.report.aggregates;
    const resampled = m.report.aggregates_resampled;
    if ('error' in trailing || 'error' in resampled) throw new Error('seeded aggregates failed');
    for (const [rule, s] of Object.entries(trailing)) {
      const got = aggs.find((a) => a.kind === 'TRAILING' && a.window === rule)!;
      expect([got.sample_count, got.max, got.min, got.mean, got.std]).toEqual(
        [s.count, s.max, s.min, s.mean, s.std].map((v) => undef(v)),
      );
    }
    for (const [rule, s] of Object.entries(resampled)) {
      const got = aggs.find((a) => a.kind === 'RESAMPLED' && a.window === rule)!;
      expect([got.bucket_count, got.non_empty_buckets, got.max, got.min, got.mean, got.std]).toEqual(
        [s.n_buckets, s.n_nonempty, s.max, s.min, s.mean, s.std].map((v) => undef(v)),
      );
    }
    const predicted = aggs.find((a) => a.kind === 'PREDICTED')!;
    const values = m.forecast.map((p) => p.v);
    expect(predicted).toMatchObject({
      window: '10min',
      sample_count: 10,
      max: Math.max(...values),
      min: Math.min(...values),
    });
    expect(predicted.std).toBeUndefined();
    expect(aggs).toHaveLength(Object.keys(trailing).length + Object.keys(resampled).length + 1);
  });

  it('GetLatestForecast: the forecast points with their times and the fitted model', async () => {
    const r = await client.call('GetLatestForecast', { metric });
    expect(r.forecasts).toHaveLength(3);
    for (const [i, device] of ORDER.entries()) {
      const m = seeded.get(key(device, CYCLES - 1))!;
      const hw = m.report.holt_winters;
      if ('error' in hw) throw new Error('seeded forecast failed');
      const f = r.forecasts[i]!;
      expect(f.points.map((p) => [p.step, ms(p.at), p.value])).toEqual(
        m.forecast.map((p, s) => [s + 1, Date.parse(p.t), p.v]),
      );
      expect(f.model).toMatchObject({
        trend: hw.model.trend ?? '',
        seasonal: hw.model.seasonal ?? '',
        seasonal_periods: hw.model.seasonal_periods,
        damped: hw.model.damped,
        alpha: hw.params.alpha,
        initial_level: hw.params.initial_level,
      });
      expect(f.model?.sse).toBe(undef(hw.sse));
      expect(f.error).toBeNull();
      // The chosen model and each minute's 80/95 % interval, as the analysis published them.
      const chosen = m.report.forecast;
      if (!chosen || 'error' in chosen) throw new Error('seeded model choice failed');
      expect(f.points.map((p) => [p.lower_80, p.upper_80, p.lower_95, p.upper_95])).toEqual(
        chosen.mean.map((_, k) => [
          chosen.bands[0]!.lower[k],
          chosen.bands[0]!.upper[k],
          chosen.bands[1]!.lower[k],
          chosen.bands[1]!.upper[k],
        ]),
      );
      // proto3 optional: what the run has no value for is absent.
      const present = Object.entries({
        period: chosen.period,
        mase: chosen.mase,
        runner_up: chosen.runner_up?.model,
        runner_up_mase: chosen.runner_up?.mase,
      }).filter(([, v]) => v !== null && v !== undefined);
      expect(f.choice).toMatchObject({
        model: chosen.model,
        ranked: chosen.ranked,
        rank_age: chosen.rank_age,
        period_source: chosen.period_source,
        interval_method: chosen.method,
        ...Object.fromEntries(present),
      });
      for (const key of ['period', 'mase', 'runner_up', 'runner_up_mase']) {
        if (!present.some(([k]) => k === key)) expect(f.choice, key).not.toHaveProperty(key);
      }
      expect(f.choice?.anomaly).toBeUndefined();
    }
  });

  it('a stream resumed from a page token continues exactly where the limited stream stopped', async () => {
    const query: RunQuery = {
      metric,
      runs: { window_end: { from: { seconds: 0, nanos: 0 } } },
      page_size: 700,
    };
    const full = (await drain(client.stream('ListHodrickPrescott', query))).flatMap((p) =>
      p.points.map((x) => [p.run!.run_id, x.index, x.trend]),
    );
    const head = await drain(client.stream('ListHodrickPrescott', { ...query, limit: 2000 }));
    const rest = await drain(
      client.stream('ListHodrickPrescott', { ...query, page_token: head.at(-1)!.next_page_token }),
    );
    const joined = [...head, ...rest].flatMap((p) => p.points.map((x) => [p.run!.run_id, x.index, x.trend]));
    expect(head.flatMap((p) => p.points)).toHaveLength(2000);
    expect(joined).toEqual(full);
    const seededPoints = [...seeded.values()].reduce(
      (n, m) => n + ('error' in m.report.hp ? 0 : m.report.hp.trend.length),
      0,
    );
    expect(full).toHaveLength(seededPoints);
  });
});

describe('invalid requests get the right status', () => {
  const cases: [string, () => Promise<unknown>, number, string][] = [
    [
      'missing metric',
      () => client.call('GetDickeyFuller', { metric: '' }),
      status.INVALID_ARGUMENT,
      'metric: required',
    ],
    [
      'metric with SQL in it',
      () => client.call('GetDickeyFuller', { metric: "x' OR 1=1 --" }),
      status.INVALID_ARGUMENT,
      'metric',
    ],
    [
      'bad label name',
      () => client.call('ListRuns', { metric, matchers: [{ label: '1x', value: 'a' }] }),
      status.INVALID_ARGUMENT,
      'matchers[0].label',
    ],
    [
      'a regex RE2 refuses (lookahead)',
      () =>
        client.call('ListRuns', {
          metric,
          matchers: [{ label: 'device', op: 'MATCH_REGEX', value: '(?=sd)sda1' }],
        }),
      status.INVALID_ARGUMENT,
      'matchers[0].value',
    ],
    [
      'limit over the maximum',
      () => client.call('ListRuns', { metric, limit: 5000 }),
      status.INVALID_ARGUMENT,
      'limit',
    ],
    [
      'page size over the maximum',
      () => drain(client.stream('ListDecomposition', { metric, page_size: 50_000 })),
      status.INVALID_ARGUMENT,
      'page_size',
    ],
    [
      'garbage page token',
      () => client.call('ListRuns', { metric, page_token: 'not-a-token' }),
      status.INVALID_ARGUMENT,
      'page_token',
    ],
    [
      'empty range',
      () =>
        client.call('ListRuns', {
          metric,
          runs: { window_end: { from: { seconds: 2000, nanos: 0 }, to: { seconds: 1000, nanos: 0 } } },
        }),
      status.INVALID_ARGUMENT,
      'runs.window_end',
    ],
    [
      'nanos out of range',
      () =>
        client.call('ListRuns', {
          metric,
          runs: { window_end: { from: { seconds: 1, nanos: 2_000_000_000 } } },
        }),
      status.INVALID_ARGUMENT,
      'runs.window_end.from.nanos',
    ],
    [
      'year outside storage',
      () =>
        client.call('ListRuns', {
          metric,
          runs: { window_end: { from: { seconds: -99_999_999_999, nanos: 0 } } },
        }),
      status.INVALID_ARGUMENT,
      'runs.window_end.from',
    ],
    [
      'forecast of a run id',
      () => client.call('GetLatestForecast', { metric, runs: { run_id: 1 } }),
      status.INVALID_ARGUMENT,
      'runs',
    ],
    [
      'unknown metric',
      () => client.call('GetDickeyFuller', { metric: `${metric}_nope` }),
      status.NOT_FOUND,
      'not found',
    ],
    [
      'unknown metric in a stream',
      () => drain(client.stream('ListAggregates', { metric: `${metric}_nope` })),
      status.NOT_FOUND,
      'not found',
    ],
    [
      'no matching series',
      () => client.call('GetDickeyFuller', { metric, matchers: [{ label: 'device', value: 'nvme9' }] }),
      status.NOT_FOUND,
      'device="nvme9"',
    ],
    [
      'unknown run id',
      () => client.call('GetDickeyFuller', { metric, runs: { run_id: 9_000_000_000 } }),
      status.NOT_FOUND,
      'not found',
    ],
  ];
  for (const [name, call, code, text] of cases) {
    it(`${name} → ${status[code]}`, async () => {
      const got = await statusOf(call);
      expect(status[got.code]).toBe(status[code]);
      expect(got.details).toContain(text);
    });
  }

  it('a run id of another metric → NOT_FOUND', async () => {
    const got = await statusOf(client.call('GetDickeyFuller', { metric, runs: { run_id: otherRunId } }));
    expect(got.code).toBe(status.NOT_FOUND);
    expect(got.details).toContain('not a run of the selected series');
  });

  it('a page token of another query → INVALID_ARGUMENT', async () => {
    const first = await client.call('ListRuns', { metric, limit: 1 });
    const got = await statusOf(
      client.call('GetDickeyFuller', { metric, limit: 1, page_token: first.next_page_token }),
    );
    expect(got.code).toBe(status.INVALID_ARGUMENT);
    expect(got.details).toContain('page_token');
  });

  it('a page token edited to a window end storage cannot hold → INVALID_ARGUMENT naming page_token', async () => {
    const first = await client.call('ListRuns', { metric, limit: 1 });
    const body = JSON.parse(Buffer.from(first.next_page_token, 'base64url').toString('utf8'));
    // Beyond the Date range (was INTERNAL), a valid Date after year 9999, and one before year 1000.
    for (const w of [8.64e15 + 1, 1e300, Date.UTC(12000, 0, 1), Date.UTC(900, 0, 1)]) {
      const token = Buffer.from(JSON.stringify({ ...body, w }), 'utf8').toString('base64url');
      const got = await statusOf(client.call('ListRuns', { metric, limit: 1, page_token: token }));
      expect(got.code, String(w)).toBe(status.INVALID_ARGUMENT);
      expect(got.details).toContain('page_token');
    }
    // The same edit within storage's range is still a token of this query.
    const token = Buffer.from(JSON.stringify({ ...body, w: body.w + 1 }), 'utf8').toString('base64url');
    expect((await client.call('ListRuns', { metric, limit: 1, page_token: token })).runs).toBeDefined();
  });

  it('a stream past its deadline ends with DEADLINE_EXCEEDED', async () => {
    const got = await statusOf(
      drain(client.stream('ListDecomposition', { metric, runs: { window_end: {} } }, { deadlineMs: 1 })),
    );
    expect(got.code).toBe(status.DEADLINE_EXCEEDED);
  });

  it('a database that is down → UNAVAILABLE', async () => {
    const down = openDatabase('mysql://vigil:vigil@127.0.0.1:1/vigil');
    const h = await startTestServer(down);
    try {
      expect((await statusOf(h.client.call('GetDickeyFuller', { metric }))).code).toBe(status.UNAVAILABLE);
      expect((await statusOf(h.client.call('ListMetrics', {}))).code).toBe(status.UNAVAILABLE);
    } finally {
      await h.close();
      await down.close();
    }
  });
});

describe('security and observability', () => {
  it('with a token configured, calls without it or with a wrong one are UNAUTHENTICATED', async () => {
    const token = 'retrieval-test-token-0123456789';
    const secured = await startTestServer(database, { token });
    const wrong = await startTestServer(database, { token, clientToken: 'a-wrong-token-of-enough-length' });
    const { RetrievalClient } = await import('../../../api/retrieval/client.ts');
    const anonymous = new RetrievalClient({ address: secured.address });
    try {
      expect((await secured.client.call('GetDickeyFuller', { metric })).results).toHaveLength(3);
      expect((await statusOf(anonymous.call('GetDickeyFuller', { metric }))).code).toBe(
        status.UNAUTHENTICATED,
      );
      expect((await statusOf(drain(anonymous.stream('ListAggregates', { metric })))).code).toBe(
        status.UNAUTHENTICATED,
      );
      expect((await statusOf(wrong.client.call('ListMetrics', {}))).code).toBe(status.UNAUTHENTICATED);
    } finally {
      anonymous.close();
      await secured.close();
      await wrong.close();
    }
  });

  it('counts calls per method and status code', async () => {
    const text = await registry.metrics();
    expect(text).toMatch(/vigil_retrieval_requests_total\{method="GetDickeyFuller",code="OK"[^}]*\} \d+/);
    expect(text).toMatch(
      /vigil_retrieval_requests_total\{method="GetDickeyFuller",code="NOT_FOUND"[^}]*\} \d+/,
    );
    expect(text).toMatch(
      /vigil_retrieval_request_duration_seconds_bucket\{le="0.01",method="ListRuns",code="OK"/,
    );
    expect(text).toMatch(/vigil_retrieval_streamed_items_total\{method="ListDecomposition"[^}]*\} \d+/);
  });
});
