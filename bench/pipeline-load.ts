import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import type { Env } from '../config/index.ts';
import type { CycleSummary } from '../contracts/pipeline.ts';
import { freeBasePort } from '../test/support/ports.ts';

/**
 * The pipeline as background load for another benchmark (bench:slo with PIPELINE=1), set up as bench:cycle sets it
 * up: a fleet of demo hosts backfilled into the test Prometheus under a job of its own (7 series each), then
 * `vigil worker pipeline`, `vigil worker storage` and `vigil worker analysis` as their own processes on a catalog
 * selecting only that fleet, and pipeline cycles run back to back (each fetches, analyses, publishes to Kafka and is
 * drained into MySQL) until stopped. The measured work then shares the machine's cores, Prometheus, Kafka, MySQL and
 * Temporal with a pipeline that never rests, which is harder than the schedule's one cycle every 5 minutes.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const VIGIL = join(ROOT, 'bin', 'vigil.mjs');
const SERIES_PER_HOST = 7;

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

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function waitForUrl(url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} during start-up`);
    if ((await fetch(url).catch(() => null))?.ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not serve ${url} within 120 s`);
}

export async function startPipelineLoad(env: Env, options: PipelineLoadOptions): Promise<PipelineLoad> {
  const hosts = Math.ceil(options.series / SERIES_PER_HOST);
  const series = hosts * SERIES_PER_HOST;
  const tag = `bench_slo_load_${Date.now().toString(36)}`;
  const children: Array<{ name: string; child: ChildProcess }> = [];
  const vigil = (argv: string[], extraEnv: Record<string, string>): ChildProcess =>
    spawn(process.execPath, [VIGIL, ...argv], {
      env: { ...process.env, VIGIL_LOG_LEVEL: 'warn', ...extraEnv },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  // A bench interrupted must not leave worker processes behind.
  const onSignal = () => {
    for (const c of children) c.child.kill('SIGTERM');
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  // Whole minutes, a few in the past; 25 hours, so that every cycle's 24-hour window ending up to an hour before
  // `end` is fully backfilled.
  const end = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 60_000);
  options.say(`pipeline load: backfilling ${series} series (${hosts} hosts × 7) under job="${tag}"`);
  const backfill = vigil(
    [
      'demo',
      'backfill',
      '--job',
      tag,
      '--instances',
      String(hosts),
      '--end',
      end.toISOString(),
      '--hours',
      '25',
    ],
    {},
  );
  const code = await exited(backfill);
  if (code !== 0) throw new Error(`vigil demo backfill exited with ${code}`);

  const shipped = JSON.parse(await readFile(join(ROOT, 'config', 'metrics.catalog.json'), 'utf8'));
  shipped.metrics = shipped.metrics.map((m: { matchers: Array<{ label: string }> }) => ({
    ...m,
    matchers: [...m.matchers.filter((x) => x.label !== 'job'), { label: 'job', op: '=', value: tag }],
  }));
  const catalog = join(tmpdir(), `${tag}.catalog.json`);
  await writeFile(catalog, JSON.stringify(shipped));

  const common = {
    VIGIL_CATALOG_FILE: catalog,
    KAFKA_TOPIC: tag,
    VIGIL_TASK_QUEUE: `${tag}-pipeline`,
    VIGIL_ANALYSIS_TASK_QUEUE: `${tag}-analysis`,
    VIGIL_STORAGE_TASK_QUEUE: `${tag}-storage`,
    VIGIL_STORAGE_GROUP_ID: `${tag}-storage`,
    VIGIL_SCHEDULE_ID: `${tag}-schedule`,
    // The cycles are started by this module, back to back; the schedule never fires during a bench.
    VIGIL_SCHEDULE_INTERVAL: '24h',
  };
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const start = async (name: string, argv: string[], metricsOffset: number) => {
    const base = await freeBasePort([0, 1, 2, 3, 4]);
    const child = vigil(argv, { ...common, VIGIL_WORKER_METRICS_PORT: String(base) });
    children.push({ name, child });
    await waitForUrl(`http://127.0.0.1:${base + metricsOffset}/metrics`, child, name);
  };
  await start('pipeline', ['worker', 'pipeline'], 0);
  await start('storage', ['worker', 'storage'], 2);
  for (let i = 0; i < (options.analysisWorkers ?? 1); i++) {
    await start(`analysis-${i + 1}`, ['worker', 'analysis'], 1);
  }

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
        taskQueue: common.VIGIL_TASK_QUEUE,
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
      for (const c of children) c.child.kill('SIGTERM');
      await Promise.all(children.map((c) => exited(c.child)));
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      for (const id of [common.VIGIL_SCHEDULE_ID, `${common.VIGIL_STORAGE_TASK_QUEUE}-cleanup`]) {
        await client.schedule
          .getHandle(id)
          .delete()
          .catch(() => undefined);
      }
      await connection.close();
      await rm(catalog, { force: true });
    },
  };
}
