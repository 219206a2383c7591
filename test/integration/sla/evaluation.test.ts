import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLA_WINDOWS, type SlaWindow } from '../../../contracts/sla.ts';
import { sloMinutesWorkflowId } from '../../../contracts/sla-workflow-id.ts';
import type { DemoSeries } from '../../../demo/node-history.ts';
import { getSla } from '../../../drizzle/repositories/slas.ts';
import { readSloStatus, writeSloStatus } from '../../../drizzle/repositories/slo-status.ts';
import { slaFingerprint } from '../../../sla/fingerprint.ts';
import { analyzedMessage } from '../../support/analysis-messages.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import { backfillDemo, expectedDemo } from '../../support/pipeline.ts';
import { storeMessages } from '../../support/retrieval.ts';
import { auth, type SlaHarness, startSla } from '../../support/sla.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

quietTemporalRuntime();
const env = testEnv();
const job = uniqueName('sla').replaceAll('-', '_');
// Whole minutes, a little in the past: the known episodes sit at fixed offsets before this end.
const end = wholeMinutesAgo(10);
const demo = expectedDemo(job, end);
const GiB = 1024 ** 3;

function demoSeries(metric: string, mountpoint?: string): DemoSeries {
  return demo.find((s) => s.metric === metric && (!mountpoint || s.labels.mountpoint === mountpoint))!;
}

interface Expected {
  violatingSamples: number;
  above: number;
  below: number;
  intervals: { kind: string; start: string; samples: number; extreme: number; fired: boolean }[];
}

/**
 * The expected result straight from the demo values, written without the code under test: samples in
 * (end − window, end], plain comparisons, runs of the same side.
 */
function expected(
  s: DemoSeries,
  window: SlaWindow,
  min: number | null,
  max: number | null,
  forSeconds: number,
): Expected {
  const endS = end.getTime() / 1000;
  const inWindow = s.samples.filter(([t]) => t > endS - SLA_WINDOWS[window] && t <= endS);
  const side = (v: number) =>
    max !== null && v > max ? 'above_max' : min !== null && v < min ? 'below_min' : '';
  const out: Expected = { violatingSamples: 0, above: 0, below: 0, intervals: [] };
  let current: { kind: string; t0: number; values: number[] } | null = null;
  const flush = () => {
    if (!current) return;
    const extreme = current.kind === 'above_max' ? Math.max(...current.values) : Math.min(...current.values);
    out.intervals.push({
      kind: current.kind,
      start: new Date(current.t0 * 1000).toISOString(),
      samples: current.values.length,
      extreme,
      fired: (current.values.length - 1) * 60 >= forSeconds,
    });
    current = null;
  };
  for (const [t, v] of inWindow) {
    const k = side(v);
    if (k === 'above_max') out.above++;
    if (k === 'below_min') out.below++;
    if (current && current.kind !== k) flush();
    if (!k) continue;
    current ??= { kind: k, t0: t, values: [] };
    current.values.push(v);
  }
  flush();
  out.violatingSamples = out.above + out.below;
  return out;
}

let h: SlaHarness;
const ids: Record<string, number> = {};

async function createSla(body: Record<string, unknown>): Promise<number> {
  const res = await h.app.inject({ method: 'POST', url: '/slas', headers: auth, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const SLAS = {
  // The fd leak 6 h before the end climbs 3,000 over an hour: one long breach above 4,000.
  fd: {
    metric: 'node_filefd_allocated',
    min: null,
    max: 4000,
    for: '10m',
    series: () => demoSeries('node_filefd_allocated'),
  },
  // The runaway log 90 minutes before the end takes 8 GiB from / for 25 minutes.
  root: {
    metric: 'node_filesystem_avail_bytes',
    min: 30 * GiB,
    max: null,
    for: '5m',
    series: () => demoSeries('node_filesystem_avail_bytes', '/'),
    matchers: [{ label: 'mountpoint', op: '=', value: '/' }],
  },
  // Both bounds: the memory squeeze 3 h before the end goes below, the daily peak may go above.
  memory: {
    metric: 'node_memory_MemAvailable_bytes',
    min: 5 * GiB,
    max: 10 * GiB,
    for: '15m',
    series: () => demoSeries('node_memory_MemAvailable_bytes'),
  },
} as const;

beforeAll(async () => {
  await backfillDemo(job, end);
  h = await startSla(env);
  for (const [name, s] of Object.entries(SLAS)) {
    ids[name] = await createSla({
      name: uniqueName(`sla-${name}`),
      metric: s.metric,
      matchers: [{ label: 'job', op: '=', value: job }, ...('matchers' in s ? s.matchers : [])],
      min: s.min,
      max: s.max,
      for: s.for,
    });
  }
});
afterAll(async () => {
  await h?.stop();
});

describe('violations over backfilled history', () => {
  for (const name of Object.keys(SLAS) as (keyof typeof SLAS)[]) {
    for (const window of Object.keys(SLA_WINDOWS) as SlaWindow[]) {
      it(`${name} over ${window}: exact counts and intervals`, async () => {
        const s = SLAS[name];
        const want = expected(s.series(), window, s.min, s.max, Number.parseInt(s.for, 10) * 60);
        const res = await h.app.inject({
          method: 'GET',
          url: `/slas/${ids[name]}/violations?window=${window}&end=${end.toISOString()}`,
        });
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json();
        expect(body.workflowId).toBe(
          `violations-${ids[name]}-r1-${window}-${end.toISOString().slice(0, 16)}Z`,
        );
        expect(body.series).toHaveLength(1);
        const got = body.series[0];
        expect(got.samples).toBe(SLA_WINDOWS[window] / 60);
        expect(got.violatingSamples).toBe(want.violatingSamples);
        expect(got.violatingMinutes).toBe(want.violatingSamples);
        expect(got.aboveMax).toEqual({ samples: want.above, minutes: want.above });
        expect(got.belowMin).toEqual({ samples: want.below, minutes: want.below });
        expect(
          got.intervals.map((i: Expected['intervals'][number]) => ({
            kind: i.kind,
            start: i.start,
            samples: i.samples,
            extreme: i.extreme,
            fired: i.fired,
          })),
        ).toEqual(want.intervals);
        for (const i of got.intervals) {
          expect(i.durationSeconds).toBe(i.samples * 60);
          expect(i.overshoot).toBeCloseTo(
            i.kind === 'above_max' ? i.extreme - s.max! : s.min! - i.extreme,
            3,
          );
        }
        expect(body.totals.violatingSamples).toBe(want.violatingSamples);
      });
    }
  }

  it('sees the known episodes where the demo put them', async () => {
    const fd12 = expected(SLAS.fd.series(), '12h', null, 4000, 600);
    expect(fd12.intervals).toHaveLength(1);
    const leakStart = end.getTime() - 6 * 3600_000;
    const breachStart = Date.parse(fd12.intervals[0]!.start);
    expect(breachStart).toBeGreaterThan(leakStart);
    expect(breachStart).toBeLessThan(leakStart + 3600_000);
    expect(expected(SLAS.fd.series(), '3h', null, 4000, 600).intervals).toEqual([]);
    const root3 = expected(SLAS.root.series(), '3h', 30 * GiB, null, 300);
    expect(root3.intervals.map((i) => i.kind)).toEqual(['below_min']);
    expect(root3.below).toBeGreaterThanOrEqual(25);
    expect(expected(SLAS.root.series(), '1h', 30 * GiB, null, 300).intervals).toEqual([]);
  });

  it('two identical concurrent requests share one workflow execution', async () => {
    const id = await createSla({
      name: uniqueName('sla-concurrent'),
      metric: 'node_filefd_allocated',
      matchers: [{ label: 'job', op: '=', value: job }],
      max: 4000,
    });
    const url = `/slas/${id}/violations?window=12h&end=${end.toISOString()}`;
    const [a, b] = await Promise.all([
      h.app.inject({ method: 'GET', url }),
      h.app.inject({ method: 'GET', url }),
    ]);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.statusCode, b.body).toBe(200);
    expect(a.json().workflowId).toBe(b.json().workflowId);
    expect(a.json().runId).toBe(b.json().runId);
    expect(a.json().series).toEqual(b.json().series);
    const workflowId = a.json().workflowId as string;
    let runs: string[] = [];
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      runs = [];
      for await (const w of h.temporal.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
        runs.push(w.runId);
      if (runs.length > 0) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(runs).toEqual([a.json().runId]);
  });

  it('answers a repeated check from the stored result, and checks a new revision anew', async () => {
    const id = await createSla({
      name: uniqueName('sla-reuse'),
      metric: 'node_filefd_allocated',
      matchers: [{ label: 'job', op: '=', value: job }],
      max: 4000,
    });
    const url = `/slas/${id}/violations?window=1h&end=${end.toISOString()}`;
    const first = await h.app.inject({ method: 'GET', url });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ reused: false, revision: 1 });
    const again = await h.app.inject({ method: 'GET', url });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ reused: true, runId: first.json().runId });
    expect(again.json().totals).toEqual(first.json().totals);
    // Temporal holds exactly one run of that id: the repeat started nothing.
    const runs: string[] = [];
    for await (const w of h.temporal.workflow.list({ query: `WorkflowId = '${first.json().workflowId}'` }))
      runs.push(w.runId);
    expect(runs).toEqual([first.json().runId]);

    // A lower bound changes the answer: the new revision is checked, not served from the old result.
    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/slas/${id}`,
      headers: auth,
      payload: { max: 1 },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const changed = await h.app.inject({ method: 'GET', url });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ reused: false, revision: 2 });
    expect(changed.json().workflowId).not.toBe(first.json().workflowId);
    expect(changed.json().totals.violatingSamples).toBe(changed.json().totals.samples);
  });

  it('refuses an end older than the data Prometheus keeps, naming end', async () => {
    const old = new Date(Math.floor(Date.now() / 60_000) * 60_000 - env.VIGIL_REST_CHECK_MAX_AGE - 60_000);
    const res = await h.app.inject({
      method: 'GET',
      url: `/slas/${ids.fd}/violations?window=1h&end=${old.toISOString()}`,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().detail).toMatch(/^end .* older than the 30d of data Prometheus keeps$/);
  });

  it('waits on a bounded number of checks at once, answering 503 with Retry-After past it', async () => {
    const capped = await startSla(env, { withoutWorker: true, checkTimeoutMs: 3_000, checksInFlight: 1 });
    try {
      const at = (minutes: number) => new Date(end.getTime() - minutes * 60_000).toISOString();
      const waiting = capped.app.inject({
        method: 'GET',
        url: `/slas/${ids.fd}/violations?window=1h&end=${at(2)}`,
      });
      await new Promise((r) => setTimeout(r, 500));
      const refused = await capped.app.inject({
        method: 'GET',
        url: `/slas/${ids.fd}/violations?window=1h&end=${at(3)}`,
      });
      expect(refused.statusCode, refused.body).toBe(503);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.json().detail).toMatch(/violation checks are already running/);
      // The refused request started no workflow.
      const none: string[] = [];
      const refusedId = `violations-${ids.fd}-r1-1h-${at(3).slice(0, 16)}Z`;
      for await (const w of capped.temporal.workflow.list({ query: `WorkflowId = '${refusedId}'` }))
        none.push(w.runId);
      expect(none).toEqual([]);
      const first = await waiting;
      expect(first.statusCode).toBe(503);
      await capped.temporal.workflow.getHandle(first.json().workflowId).terminate('test done');
    } finally {
      await capped.stop();
    }
  });

  it('a check started for another revision than the SLA has fails at once, non-retryable', async () => {
    const workflowId = uniqueName('violations-stale');
    const handle = await h.temporal.workflow.start('violationCheck', {
      taskQueue: h.env.VIGIL_SLA_TASK_QUEUE,
      workflowId,
      args: [{ slaId: ids.fd, revision: 99, window: '1h', end: end.toISOString() }],
    });
    const failure = await handle.result().then(
      () => undefined,
      (err: { cause?: { type?: string; message?: string } }) => err.cause,
    );
    expect(failure).toMatchObject({ type: 'REVISION_CHANGED' });
    expect(failure?.message).toMatch(/at revision 1, not 99/);
  });

  it('answers 503 with the workflow id when no worker finishes the check in time', async () => {
    const slow = await startSla(env, { withoutWorker: true, checkTimeoutMs: 500 });
    try {
      const res = await slow.app.inject({
        method: 'GET',
        url: `/slas/${ids.fd}/violations?window=1h&end=${new Date(end.getTime() - 60_000).toISOString()}`,
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.json().workflowId).toMatch(/^violations-/);
      await slow.temporal.workflow.getHandle(res.json().workflowId).terminate('test done');
    } finally {
      await slow.stop();
    }
  });
});

describe('status', () => {
  async function statusAt(at: Date, id: number) {
    const pinned = await startSla(env, { withoutWorker: true, now: () => at });
    try {
      const res = await pinned.app.inject({ method: 'GET', url: `/slas/${id}/status?samples=5` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    } finally {
      await pinned.stop();
    }
  }

  it('is pending at the start of a breach, firing once it held for `for`, ok outside', async () => {
    const fd = SLAS.fd.series();
    const first = fd.samples.find(([, v]) => v > 4000)![0] * 1000;
    const pending = await statusAt(new Date(first + 5 * 60_000), ids.fd!);
    expect(pending).toMatchObject({ state: 'pending' });
    expect(pending.series[0]).toMatchObject({
      activeSince: new Date(first).toISOString(),
      breach: 'above_max',
    });
    expect(pending.series[0].samples).toHaveLength(5);
    const firing = await statusAt(new Date(first + 10 * 60_000), ids.fd!);
    expect(firing).toMatchObject({ state: 'firing' });
    expect(firing.series[0].firingSince).toBe(new Date(first + 10 * 60_000).toISOString());
    const ok = await statusAt(new Date(first - 30 * 60_000), ids.fd!);
    expect(ok).toMatchObject({ state: 'ok' });
    expect(ok.series[0].value).toBe(fd.samples.find(([t]) => t * 1000 === first - 30 * 60_000)![1]);
  });
});

describe('forecast', () => {
  it('lists the stored forecast points outside the bounds, the first predicted breach and the model', async () => {
    const metric = uniqueName('vigil_test_sla').replaceAll('-', '_');
    const labels = { job, instance: 'forecast-1' };
    const message = analyzedMessage({
      cycleId: uniqueName('cycle'),
      metric,
      labels,
      windowEnd: end,
      seed: 3,
    });
    await storeMessages(h.database, [message]);
    const values = message.forecast.map((p) => p.v);
    const max = [...values].sort((a, b) => a - b)[6]!;
    const id = await createSla({
      name: uniqueName('sla-forecast'),
      metric,
      matchers: [{ label: 'instance', op: '=~', value: 'forecast-.*' }],
      max,
    });
    const res = await h.app.inject({ method: 'GET', url: `/slas/${id}/forecast?horizon=10m` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const breaching = message.forecast.filter((p) => p.v > max);
    expect(body.series).toHaveLength(1);
    expect(body.series[0].points).toHaveLength(10);
    expect(body.series[0].violations.map((p: { at: string }) => p.at)).toEqual(breaching.map((p) => p.t));
    expect(body.firstBreachAt).toBe(breaching[0]?.t ?? null);
    expect(body.series[0].model).toMatchObject({ method: 'holt_winters' });
    const short = (await h.app.inject({ method: 'GET', url: `/slas/${id}/forecast?horizon=3m` })).json();
    expect(short.series[0].points).toHaveLength(3);
    // No objective: nothing to cost.
    expect(body.budgetCost).toBeNull();

    // With an objective evaluated (a budget of 100 bad minutes, 60 left), each predicted breaching minute is
    // one bad minute of it.
    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/slas/${id}`,
      headers: auth,
      payload: { objective: { target: 0.99, window: '7d' } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const sla = (await getSla(h.database.db, id))!;
    await h.temporal.workflow.getHandle(sloMinutesWorkflowId(id, slaFingerprint(sla))).result();
    const evaluated = (await readSloStatus(h.database.db, id))!;
    const budget = { allowed: 100, consumed: 40, remaining: 60, remainingPercent: 60 };
    await writeSloStatus(
      h.database.db,
      { ...evaluated, report: { ...evaluated.report, budget } },
      new Date(),
    );
    const costed = (await h.app.inject({ method: 'GET', url: `/slas/${id}/forecast?horizon=10m` })).json();
    expect(costed.budgetCost).toEqual({
      badMinutes: breaching.length,
      budgetPercent: breaching.length,
      remainingAfter: 60 - breaching.length,
      exhausts: false,
    });
  });
  it("answers each minute's breach probability from the stored 95 % band: ~1 far past a bound, ~0 far inside", async () => {
    const metric = uniqueName('vigil_test_sla').replaceAll('-', '_');
    const message = analyzedMessage({
      cycleId: uniqueName('cycle'),
      metric,
      labels: { job, instance: 'odds-1' },
      windowEnd: end,
      seed: 5,
    });
    await storeMessages(h.database, [message]);
    const chosen = message.report.forecast as {
      model: string;
      mase: number;
      bands: { lower: number[]; upper: number[] }[];
    };
    const band95 = chosen.bands[1]!;
    const lowest = Math.min(...band95.lower);
    const highest = Math.max(...band95.upper);
    const spread = highest - lowest;
    const odds = async (bounds: { max?: number; min?: number }) => {
      const id = await createSla({
        name: uniqueName('sla-odds'),
        metric,
        matchers: [{ label: 'instance', op: '=', value: 'odds-1' }],
        ...bounds,
      });
      const res = await h.app.inject({ method: 'GET', url: `/slas/${id}/forecast?horizon=10m` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().series[0];
    };
    // The whole forecast far above the max: every minute breaches, the first one expected at the first minute.
    const above = await odds({ max: lowest - 10 * spread });
    expect(above.choice).toMatchObject({
      model: chosen.model,
      mase: chosen.mase,
      periodSource: 'configured',
    });
    expect(above.points.map((p: { lower95: number }) => p.lower95)).toEqual(band95.lower);
    for (const p of above.points) expect(p.breachProbability).toBeGreaterThan(0.999999);
    expect(above.breachProbability).toBeGreaterThan(0.999999);
    expect(above.breachProbabilityAtLeast).toBeGreaterThan(0.999999);
    expect(above.expectedFirstBreachAt).toBe(message.forecast[0]!.t);
    // Far inside the bounds: no breach to expect.
    const inside = await odds({ max: highest + 10 * spread, min: lowest - 10 * spread });
    for (const p of inside.points) expect(p.breachProbability).toBeLessThan(1e-6);
    expect(inside.breachProbability).toBeLessThan(1e-6);
    // A max at the mean of the last minute: that minute breaches with probability ~1/2, earlier ones less.
    const mean = message.forecast[9]!.v;
    const half = await odds({ max: mean });
    expect(half.points[9].breachProbability).toBeCloseTo(0.5, 6);
    expect(half.breachProbabilityAtLeast).toBeGreaterThanOrEqual(half.points[9].breachProbability);
    expect(half.breachProbability).toBeGreaterThanOrEqual(half.breachProbabilityAtLeast);
  });
});

describe('regex matchers run as Prometheus runs them (RE2)', () => {
  const fsMetric = 'node_filesystem_avail_bytes';

  it('select the same series in status (Prometheus) and forecast (stored series): \\p{L} is a letter class', async () => {
    // Both demo filesystems, stored as analyzed series too, so forecast has the same candidates as Prometheus.
    const filesystems = demo.filter((s) => s.metric === fsMetric);
    expect(filesystems.map((s) => s.labels.mountpoint).sort()).toEqual(['/', '/data']);
    await storeMessages(
      h.database,
      filesystems.map((s, i) =>
        analyzedMessage({
          cycleId: uniqueName('cycle'),
          metric: fsMetric,
          labels: s.labels,
          windowEnd: end,
          seed: i + 1,
        }),
      ),
    );
    const id = await createSla({
      name: uniqueName('sla-letters'),
      metric: fsMetric,
      matchers: [
        { label: 'job', op: '=', value: job },
        { label: 'mountpoint', op: '=~', value: '/\\p{L}+' },
      ],
      min: 0,
    });
    const pinned = await startSla(env, { withoutWorker: true, now: () => end });
    try {
      const status = await pinned.app.inject({ method: 'GET', url: `/slas/${id}/status` });
      expect(status.statusCode, status.body).toBe(200);
      const forecast = await pinned.app.inject({ method: 'GET', url: `/slas/${id}/forecast?horizon=10m` });
      expect(forecast.statusCode, forecast.body).toBe(200);
      const mountpoints = (body: { series: { labels: Record<string, string> }[] }) =>
        body.series.map((x) => x.labels.mountpoint);
      expect(mountpoints(status.json())).toEqual(['/data']);
      expect(mountpoints(forecast.json())).toEqual(['/data']);
    } finally {
      await pinned.stop();
    }
  });

  it('accept (?i) as PromQL does and match case-insensitively', async () => {
    const id = await createSla({
      name: uniqueName('sla-case'),
      metric: 'node_filefd_allocated',
      matchers: [{ label: 'job', op: '=~', value: `(?i)${job.toUpperCase()}` }],
      max: 4000,
    });
    const pinned = await startSla(env, { withoutWorker: true, now: () => end });
    try {
      const res = await pinned.app.inject({ method: 'GET', url: `/slas/${id}/status` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().series.map((x: { labels: { job: string } }) => x.labels.job)).toEqual([job]);
    } finally {
      await pinned.stop();
    }
  });

  it('refuse with 422, naming the matcher, what RE2 cannot run (lookahead, backreference)', async () => {
    for (const value of ['(?=demo)demo', '(demo)\\1']) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/slas',
        headers: auth,
        payload: {
          name: uniqueName('sla-lookahead'),
          metric: 'node_filefd_allocated',
          matchers: [
            { label: 'job', op: '=', value: job },
            { label: 'instance', op: '=~', value },
          ],
          max: 1,
        },
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().detail).toContain('matchers[1].value');
    }
  });

  it('a pathological regex over a long label answers, correctly, without stalling the API', async () => {
    const metric = uniqueName('vigil_test_redos').replaceAll('-', '_');
    // As long as a stored series key allows (a backtracking engine would take years on it).
    const long = 'a'.repeat(400);
    await storeMessages(h.database, [
      analyzedMessage({
        cycleId: uniqueName('cycle'),
        metric,
        labels: { job, instance: long },
        windowEnd: end,
      }),
      analyzedMessage({
        cycleId: uniqueName('cycle'),
        metric,
        labels: { job, instance: `${long}X` },
        windowEnd: end,
      }),
    ]);
    const id = await createSla({
      name: uniqueName('sla-redos'),
      metric,
      matchers: [{ label: 'instance', op: '=~', value: '(?:.*){12}X' }],
      max: 1e12,
    });
    const [forecast, health] = await Promise.all([
      h.app.inject({ method: 'GET', url: `/slas/${id}/forecast?horizon=10m` }),
      h.app.inject({ method: 'GET', url: '/healthz' }),
    ]);
    expect(forecast.statusCode, forecast.body).toBe(200);
    expect(forecast.json().series.map((x: { labels: { instance: string } }) => x.labels.instance)).toEqual([
      `${long}X`,
    ]);
    expect(health.statusCode).toBeLessThan(500);
  });
});

describe('ETL execution time', () => {
  it('answers per metric and stage from Prometheus (empty when the pipeline has not run)', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/etl/execution-time?window=12h' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.window).toBe('12h');
    for (const row of body.stages) {
      expect(row).toEqual({
        metric: expect.any(String),
        stage: expect.stringMatching(/^(discover|fetch|analyze|publish|cycle)$/),
        count: expect.any(Number),
        meanSeconds: expect.any(Number),
        p95Seconds: expect.anything(),
        maxSeconds: expect.anything(),
      });
    }
  });
});
