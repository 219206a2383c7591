/**
 * Per-series SLO budgets at fleet scale (issue 14), on a running stack (the test stack with its env, like
 * bench:slo): one SLA with a 7-day objective over SERIES hosts (default 10,000) with HOURS (default 26) of 1-minute
 * history backfilled through promtool, one host in a hundred above the max for 40 minutes. Printed:
 *   - the backfill of a new SLA (the sloMinutes workflow for that SLA on a real SLO worker: its minutes, its
 *     per-series hours and the first evaluation of every series);
 *   - one evaluation of every series as the scheduled run makes it, EVALUATIONS times (its stored whole-hour sums
 *     reused), and the grouped read of the whole-hour sums it makes once an hour;
 *   - the baseline, measured in the same run: the same per-series sums counted by Prometheus over the whole
 *     windows at each evaluation (no stored hours), which this design exists to avoid;
 *   - GET /slas/:id/budget/series, first page of 100 and a page deep in the list, p50/p99.
 * Run: `VIGIL_PROFILE=test npm run bench:slo-series` (SERIES=10000 HOURS=26 EVALUATIONS=10 READS=200).
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createSeriesBudgets } from '../activities/sla/slo-series.ts';
import { buildSlaApp } from '../api/sla/app.ts';
import { slaDepsFromEnv } from '../api/sla/deps.ts';
import { MINUTE_MS, sloTaskQueue } from '../contracts/slo.ts';
import { defaultTsdb, waitForBlocks, writeBlocks } from '../demo/backfill.ts';
import { fleetHistory } from '../demo/fleet.ts';
import { deleteMinutesOf } from '../drizzle/repositories/sla-minutes.ts';
import { deleteSeriesOf, hourSumsBySeries } from '../drizzle/repositories/sla-series.ts';
import { createSla, deleteSla } from '../drizzle/repositories/slas.ts';
import { readSloStatus } from '../drizzle/repositories/slo-status.ts';
import { prometheusDriver } from '../prometheus/client.ts';
import { lastMinutesRange } from '../prometheus/selectors.ts';
import { goodAndBadSeries } from '../prometheus/sla-samples.ts';
import { slaFingerprint } from '../sla/fingerprint.ts';
import { objectiveWindow } from '../sla/objective-window.ts';
import { seriesWindowPlan } from '../sla/series-window.ts';
import { startBenchWorker } from './bench-worker.ts';
import { percentile } from './sla-harness.ts';

const SERIES = Number(process.env.SERIES ?? 10_000);
const HOURS = Number(process.env.HOURS ?? 26);
const EVALUATIONS = Number(process.env.EVALUATIONS ?? 10);
const READS = Number(process.env.READS ?? 200);
const say = (line: string) => process.stderr.write(`${line}\n`);
const out = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

async function main(): Promise<void> {
  const { env, taskQueue, database, temporal, close } = await startBenchWorker('slo');
  const db = database.db;
  const prom = prometheusDriver(env.PROMETHEUS_URL);
  let slaId: number | undefined;
  try {
    const metric = 'vigil_bench_slo_series';
    const job = `bench_slo_series_${Date.now().toString(36)}`;
    const end = Math.floor(Date.now() / 60_000) * 60 - 120;
    const episodes = Array.from({ length: Math.ceil(SERIES / 100) }, (_, i) => {
      const from = end - (i % 12) * 3600 - 3600;
      return { host: i * 100 + 1, from, to: from + 40 * 60, value: 6000 };
    });
    let t = performance.now();
    await writeBlocks(
      fleetHistory({ metric, job, hosts: SERIES, end, hours: HOURS, episodes }),
      defaultTsdb(),
    );
    const probe = `count_over_time(${metric}{job="${job}",host=~"h1|h${SERIES}"}[${HOURS}h]) >= ${HOURS * 60 - 1}`;
    if (!(await waitForBlocks(env.PROMETHEUS_URL, `count(${probe}) == 2`, new Date(end * 1000), 600_000))) {
      throw new Error('Prometheus did not load the fleet within 10 minutes');
    }
    out(`backfilled ${SERIES} series x ${HOURS} h into Prometheus in ${seconds(performance.now() - t)}`);

    const sla = await createSla(
      db,
      {
        name: `bench-slo-series-${job}`,
        description: '',
        metric,
        matchers: [{ label: 'job', op: '=', value: job }],
        min: null,
        max: 5000,
        forSeconds: 300,
        objective: { target: 0.99, window: '7d' },
      },
      new Date(),
    );
    slaId = sla.id;
    const objective = sla.objective!;
    t = performance.now();
    const summary = await temporal.workflow.execute('sloMinutes', {
      taskQueue: sloTaskQueue(taskQueue),
      workflowId: `${taskQueue}-backfill-${sla.id}`,
      args: [{ slaId: sla.id }],
    });
    out(
      `new SLA over ${SERIES} series, 7d objective: backfill (minutes, per-series hours, first evaluation of ` +
        `every series) ${seconds(performance.now() - t)} (${summary.minutes} minutes counted)`,
    );

    const status = await readSloStatus(db, sla.id);
    if (!status) throw new Error('the backfill stored no evaluation');
    const at = status.at;
    const bounds = objectiveWindow(objective.window, at);
    const fingerprint = slaFingerprint(sla);
    const series = createSeriesBudgets({ db, prom, now: () => new Date() });
    const activity = new MockActivityEnvironment();
    const definition = { ...sla, objective };
    const evaluations: number[] = [];
    let evaluated = 0;
    for (let i = 0; i < EVALUATIONS; i++) {
      t = performance.now();
      evaluated = await activity.run(() => series.evaluateSeries(definition, fingerprint, bounds, at));
      evaluations.push(performance.now() - t);
    }
    const plan = seriesWindowPlan(bounds, at);
    const grouped: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      await hourSumsBySeries(db, sla.id, fingerprint, plan.hourStarts, plan.wholeEnd);
      grouped.push(performance.now() - t);
    }

    // The baseline: every series' sums over the whole windows, counted by Prometheus at each evaluation.
    const { good, bad } = goodAndBadSeries(metric, sla.matchers, sla);
    const windows = {
      window: (at.getTime() - bounds.start.getTime()) / MINUTE_MS + 1,
      '3d': 4320,
      '6h': 360,
      '1h': 60,
      '30m': 30,
      '5m': 5,
    };
    const parts = Object.entries(windows).flatMap(([name, minutes]) =>
      [
        ['good', good],
        ['bad', bad],
      ].map(
        ([kind, expr]) =>
          `label_replace(count_over_time((${expr})[${lastMinutesRange(minutes)}:1m] @ ${at.getTime() / 1000}), ` +
          `"vigil_count", "${kind}:${name}", "", "")`,
      ),
    );
    out(
      `one evaluation of all ${evaluated} series (stored whole-hour sums reused), ${EVALUATIONS} runs: median ` +
        `${seconds(median(evaluations))}, slowest ${seconds(Math.max(...evaluations))}`,
    );
    out(`  + once an hour, the grouped read of the whole-hour sums: median ${seconds(median(grouped))}`);
    const baseline: number[] = [];
    let refused = '';
    for (let i = 0; i < Math.min(EVALUATIONS, 3) && !refused; i++) {
      t = performance.now();
      try {
        await prom.instantQuery(parts.join(' or '), at);
        baseline.push(performance.now() - t);
      } catch (err) {
        // The client gives up after 30 s: that is the baseline's answer at this scale.
        refused = `no answer after ${seconds(performance.now() - t)} (${(err as { error?: string }).error ?? err})`;
      }
    }
    out(
      `baseline, the same sums counted by Prometheus over the whole windows (no stored hours): ${
        refused ||
        `${baseline.length} runs: median ${seconds(median(baseline))}   → ` +
          `${(median(baseline) / median(evaluations)).toFixed(1)}× the evaluation's time`
      }`,
    );

    const app = await buildSlaApp(
      { ...slaDepsFromEnv(env, database, temporal) },
      { apiToken: 'bench-token-0123456789abcdef', openReads: true, rateLimitPerMinute: 1_000_000 },
    );
    try {
      const first = await app.inject({ method: 'GET', url: `/slas/${sla.id}/budget/series?limit=100` });
      if (first.statusCode !== 200) throw new Error(`budget/series: ${first.statusCode} ${first.body}`);
      // A page half-way down the list: the cursor of the page before it.
      let deep = first.json().next as string;
      for (let i = 0; i < Math.floor(SERIES / 200) - 1 && deep; i++) {
        deep = (
          await app.inject({ method: 'GET', url: `/slas/${sla.id}/budget/series?limit=100&next=${deep}` })
        ).json().next;
      }
      for (const [name, url] of [
        ['first page', `/slas/${sla.id}/budget/series?limit=100`],
        ['a page half-way down', `/slas/${sla.id}/budget/series?limit=100&next=${deep}`],
      ] as const) {
        const latencies: number[] = [];
        for (let i = 0; i < READS + 20; i++) {
          const s = performance.now();
          const res = await app.inject({ method: 'GET', url });
          if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
          if (i >= 20) latencies.push(performance.now() - s);
        }
        latencies.sort((a, b) => a - b);
        out(
          `GET /slas/:id/budget/series?limit=100, ${name}, ${READS} reads: p50 ` +
            `${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
        );
      }
    } finally {
      await app.close();
    }
  } finally {
    if (slaId !== undefined) {
      say('cleaning up');
      await deleteSla(db, slaId);
      await deleteMinutesOf(db, slaId);
      await deleteSeriesOf(db, slaId);
    }
    await close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
