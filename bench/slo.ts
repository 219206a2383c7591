/**
 * SLO evaluation and budget reads (issue 14), on a running stack (the test stack with its env, like bench:sla):
 *   - one scheduled counting run over SLAS SLAs with an objective (default 1,000), each already counted up to a
 *     few minutes ago as in steady state (minutes and per-series hours), over a real metric of the stack's
 *     Prometheus: the whole run's time, each SLA's per-series evaluation every 5 minutes included (all of them
 *     in the first run) (target: well under the minute between runs; the run is the sloMinutes workflow on a
 *     real SLO worker);
 *   - GET /slas/:id/budget over SLAs whose 28-day windows are fully counted (40,320 minute rows each), p50/p99
 *     (target p99 < 20 ms). The baseline: the same figures computed from raw samples would need a 28-day
 *     Prometheus query per read, which this design exists to avoid.
 * Run: `VIGIL_PROFILE=test npm run bench:slo` (SLAS=1000 READ_SLAS=20 READS=500 by default).
 *
 * PIPELINE=1 measures both again with the pipeline running (issue 14's target: "1,000 SLAs evaluated every minute
 * on this 2-core machine with the pipeline running; budget reads p99 < 20 ms"), in the same run after the quiet
 * figures: a fleet of PIPELINE_SERIES demo series (default 2,000) backfilled and cycled back to back by real
 * pipeline, analysis and storage worker processes, as bench:cycle runs them (bench/pipeline-load.ts). The counting
 * runs and reads start once the first cycle has been going for PIPELINE_WARMUP_S seconds (default 20: its
 * analysis under way), and the cycles finished meanwhile are printed with them.
 */
import { buildSlaApp } from '../api/sla/app.ts';
import { slaDepsFromEnv } from '../api/sla/deps.ts';
import { BURN_WINDOWS, MINUTE_MS, sloTaskQueue } from '../contracts/slo.ts';
import { deleteMinutesOf, writeMinutes } from '../drizzle/repositories/sla-minutes.ts';
import { deleteSeriesOf, writeSeriesHours } from '../drizzle/repositories/sla-series.ts';
import { createSla, deleteSla } from '../drizzle/repositories/slas.ts';
import { slaFingerprint } from '../sla/fingerprint.ts';
import { objectiveWindow } from '../sla/objective-window.ts';
import { seriesWindowPlan } from '../sla/series-window.ts';
import { startBenchWorker } from './bench-worker.ts';
import { startPipelineLoad } from './pipeline-load.ts';
import { percentile } from './sla-harness.ts';

const SLAS = Number(process.env.SLAS ?? 1000);
const READ_SLAS = Number(process.env.READ_SLAS ?? 20);
const READS = Number(process.env.READS ?? 500);
const PIPELINE = process.env.PIPELINE === '1';
const PIPELINE_SERIES = Number(process.env.PIPELINE_SERIES ?? 2000);
const PIPELINE_WARMUP_S = Number(process.env.PIPELINE_WARMUP_S ?? 20);
const say = (line: string) => process.stderr.write(`${line}\n`);
const HOUR_MS = 60 * MINUTE_MS;

async function main(): Promise<void> {
  const { env, taskQueue, database, temporal, close } = await startBenchWorker('slo');
  const db = database.db;
  const ids: number[] = [];
  /** Each SLA's fingerprint, by id, as the counting activity keys its minutes. */
  const fingerprints = new Map<number, string>();
  const now = new Date();
  const last = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS - MINUTE_MS);
  try {
    // SLAs over the node_exporter series of the stack (a handful of series each), counted up to 5 minutes ago.
    const tag = Date.now().toString(36);
    const t0 = performance.now();
    for (let i = 0; i < SLAS; i++) {
      const sla = await createSla(
        db,
        {
          name: `bench-slo-${tag}-${i}`,
          description: '',
          metric: i % 2 === 0 ? 'node_filefd_allocated' : 'node_memory_MemAvailable_bytes',
          matchers: [{ label: 'job', op: '=~', value: 'host|demo' }],
          min: null,
          max: 1e15 - i,
          forSeconds: 300,
          objective: { target: 0.995, window: '28d' },
        },
        now,
      );
      ids.push(sla.id);
      const fingerprint = slaFingerprint(sla);
      fingerprints.set(sla.id, fingerprint);
      const keepFrom = Math.min(
        objectiveWindow('28d', last).start.getTime(),
        last.getTime() - (BURN_WINDOWS['3d'] - 1) * MINUTE_MS,
      );
      // The window's first 10 minutes and a minute 5 minutes ago: as the activity reads progress (the first and
      // last counted minutes of a contiguous range), everything between is counted; the 10 leave room for the
      // window's start to move on between the runs without a backfill.
      const counted = [
        ...Array.from({ length: 10 }, (_, k) => keepFrom + k * MINUTE_MS),
        last.getTime() - 5 * MINUTE_MS,
      ];
      await writeMinutes(
        db,
        sla.id,
        fingerprint,
        counted.map((t) => ({ minute: new Date(t), good: 1, bad: 0 })),
      );
      // The per-series hours likewise: the first three the windows need and the last final one, marked counted.
      const plan = seriesWindowPlan(objectiveWindow('28d', last), last);
      const need = Math.min(...Object.values(plan.hourStarts));
      const hours = [need, need + HOUR_MS, need + 2 * HOUR_MS, plan.wholeEnd - HOUR_MS];
      await writeSeriesHours(db, sla.id, fingerprint, hours, []);
    }
    process.stderr.write(
      `created ${SLAS} SLAs with objectives in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );

    /** `count` scheduled counting runs over every SLA (the sloMinutes workflow with no SLA named): seconds each. */
    let runNo = 0;
    const countingRuns = async (count: number): Promise<number[]> => {
      const runs: number[] = [];
      for (let r = 0; r < count; r++) {
        const start = performance.now();
        const summary = await temporal.workflow.execute('sloMinutes', {
          taskQueue: sloTaskQueue(taskQueue),
          workflowId: `${taskQueue}-run-${runNo++}`,
          args: [{}],
        });
        runs.push((performance.now() - start) / 1000);
        say(`run ${runNo}: ${JSON.stringify({ ...summary, failed: summary.failed.length })}`);
      }
      return runs;
    };
    const runLine = (runs: number[]) => runs.map((sec) => `${sec.toFixed(2)} s`).join(', ');
    const quietRuns = await countingRuns(3);
    process.stdout.write(
      `one scheduled counting run over ${SLAS} SLAs (first, then steady state): ${runLine(quietRuns)}\n`,
    );

    // Budget reads: READ_SLAS of them with a fully counted 28-day window.
    const full = ids.slice(0, READ_SLAS);
    const w = objectiveWindow('28d', last);
    const t1 = performance.now();
    for (const id of full) {
      const rows: Array<{ minute: Date; good: number; bad: number }> = [];
      for (let t = w.start.getTime(); t <= last.getTime(); t += MINUTE_MS) {
        rows.push({ minute: new Date(t), good: 7, bad: t % 97 === 0 ? 1 : 0 });
      }
      await writeMinutes(db, id, fingerprints.get(id)!, rows);
    }
    process.stderr.write(
      `wrote ${READ_SLAS} × ${w.minutes} minute rows in ${((performance.now() - t1) / 1000).toFixed(1)} s\n`,
    );
    const app = await buildSlaApp(
      { ...slaDepsFromEnv(env, database, temporal) },
      { apiToken: 'bench-token-0123456789abcdef', openReads: true, rateLimitPerMinute: 1_000_000 },
    );
    /** READS budget reads (after 20 not measured), round robin over the fully counted SLAs: ms, sorted. */
    const budgetReads = async (): Promise<number[]> => {
      const latencies: number[] = [];
      for (let i = 0; i < READS + 20; i++) {
        const id = full[i % full.length]!;
        const s = performance.now();
        const res = await app.inject({ method: 'GET', url: `/slas/${id}/budget` });
        if (res.statusCode !== 200) throw new Error(`budget of ${id}: ${res.statusCode} ${res.body}`);
        if (i >= 20) latencies.push(performance.now() - s);
      }
      return latencies.sort((a, b) => a - b);
    };
    const readLine = (latencies: number[]) => {
      const p99 = percentile(latencies, 99);
      return (
        `GET /slas/:id/budget, 28d window of ${w.minutes} minutes, ${READS} reads: p50 ` +
        `${percentile(latencies, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms   target p99 < 20 ms: ` +
        `${p99 < 20 ? 'met' : 'MISSED'}`
      );
    };
    const quietReads = await budgetReads();
    process.stdout.write(`${readLine(quietReads)}\n`);

    if (PIPELINE) {
      const load = await startPipelineLoad(env, { series: PIPELINE_SERIES, say });
      try {
        await load.warmedUp(PIPELINE_WARMUP_S * 1000);
        say(`pipeline load: measuring with the pipeline running`);
        const before = load.finished().length;
        const t = performance.now();
        // The steady-state runs, as the quiet runs after the first.
        const loadedRuns = await countingRuns(3);
        const loadedReads = await budgetReads();
        const measuredS = (performance.now() - t) / 1000;
        const cycles = load.finished();
        const slowest = Math.max(...loadedRuns);
        process.stdout.write(
          `\nwith the pipeline running (${load.series} series, cycles back to back; ${cycles.length - before} ` +
            `cycle(s) finished during the ${measuredS.toFixed(0)} s measured, cycles so far: ` +
            `${cycles.map((c) => `${c.toFixed(1)} s`).join(', ') || 'none finished yet'}):\n` +
            `one scheduled counting run over ${SLAS} SLAs (steady state): ${runLine(loadedRuns)}   ` +
            `target every minute (< 60 s): ${slowest < 60 ? 'met' : 'MISSED'}\n` +
            `${readLine(loadedReads)}\n` +
            `\nquiet → with the pipeline: counting run (steady state, slowest) ` +
            `${Math.max(...quietRuns.slice(1)).toFixed(2)} s → ${slowest.toFixed(2)} s; budget p99 ` +
            `${percentile(quietReads, 99).toFixed(1)} ms → ${percentile(loadedReads, 99).toFixed(1)} ms\n`,
        );
      } finally {
        await load.stop();
      }
    }
    await app.close();
  } finally {
    for (const id of ids) {
      await deleteSla(db, id);
      await deleteMinutesOf(db, id);
      await deleteSeriesOf(db, id);
    }
    await close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
