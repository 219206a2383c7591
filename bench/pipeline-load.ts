import { rm } from 'node:fs/promises';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import type { Env } from '../config/index.ts';
import type { CycleSummary } from '../contracts/pipeline.ts';
import {
  demoFleet,
  PipelineWorkers,
  prepareDemoFleet,
  recentWindowEnd,
  stopProcessesOnSignal,
} from './pipeline-processes.ts';

/**
 * The pipeline as background load for another benchmark (bench:slo with PIPELINE=1), set up as bench:cycle sets it
 * up (bench/pipeline-processes.ts): a fleet of demo hosts backfilled into the test Prometheus under a job of its
 * own (7 series each), then `vigil worker pipeline`, `vigil worker storage` and `vigil worker analysis` as their
 * own processes on a catalog selecting only that fleet, and pipeline cycles run back to back (each fetches,
 * analyses, publishes to Kafka and is drained into MySQL) until stopped. The measured work then shares the
 * machine's cores, Prometheus, Kafka, MySQL and Temporal with a pipeline that never rests, which is harder than
 * the schedule's one cycle every 5 minutes.
 */

export interface PipelineLoadOptions {
  /** Series of the fleet (rounded up to whole hosts of 7). */
  series: number;
  analysisWorkers?: number;
  /** Progress lines (stderr). */
  say: (line: string) => void;
}

export interface PipelineLoad {
  series: number;
  /** Resolves once the first cycle has been running for `ms` (its analysis is under way). */
  warmedUp: (ms: number) => Promise<void>;
  /** Cycles finished so far, with their wall times in seconds. */
  finished: () => number[];
  /** Ends the cycle in flight, stops the processes and removes what was made for them. */
  stop: () => Promise<void>;
}

export async function startPipelineLoad(env: Env, options: PipelineLoadOptions): Promise<PipelineLoad> {
  const { hosts, series } = demoFleet(options.series);
  const tag = `bench_slo_load_${Date.now().toString(36)}`;
  // A bench interrupted must not leave worker processes behind.
  const releaseSignals = stopProcessesOnSignal();

  const end = recentWindowEnd();
  options.say(`pipeline load: backfilling ${series} series (${hosts} hosts × 7) under job="${tag}"`);
  const catalog = await prepareDemoFleet(tag, hosts, end);

  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const workers = new PipelineWorkers(tag, catalog);
  await workers.start(options.analysisWorkers ?? 1);

  let stopping = false;
  let current: WorkflowHandle | undefined;
  const seconds: number[] = [];
  let firstStartedAt: number | undefined;
  const loop = (async () => {
    // Each cycle over a window a minute earlier than the one before: a new window each time, as the schedule's.
    for (let k = 0; !stopping && k < 60; k++) {
      const t0 = performance.now();
      firstStartedAt ??= Date.now();
      current = await client.workflow.start('pipelineCycle', {
        taskQueue: workers.env.VIGIL_TASK_QUEUE,
        workflowId: `${tag}-cycle-${k}`,
        args: [{ windowEnd: new Date(end.getTime() - k * 60_000).toISOString() }],
      });
      const summary = (await current.result().catch(() => null)) as CycleSummary | null;
      if (stopping) break;
      if (summary === null) throw new Error(`pipeline cycle ${k} failed`);
      seconds.push((performance.now() - t0) / 1000);
      options.say(`pipeline load: cycle ${k + 1} over ${series} series in ${seconds.at(-1)!.toFixed(1)} s`);
    }
  })();
  loop.catch(() => undefined);

  return {
    series,
    async warmedUp(ms) {
      while (firstStartedAt === undefined) await new Promise((r) => setTimeout(r, 100));
      const left = firstStartedAt + ms - Date.now();
      if (left > 0) await new Promise((r) => setTimeout(r, left));
    },
    finished: () => [...seconds],
    async stop() {
      stopping = true;
      await current?.terminate('benchmark over').catch(() => undefined);
      await loop.catch((err) => options.say(`pipeline load: ${(err as Error).message}`));
      await workers.stop();
      releaseSignals();
      await workers.deleteSchedules(client);
      await connection.close();
      await rm(catalog, { force: true });
    },
  };
}
