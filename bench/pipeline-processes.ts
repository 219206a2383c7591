/**
 * Vigil's pipeline as real processes over a demo fleet of its own, for the benchmarks that run it (bench:cycle,
 * and bench/pipeline-load.ts for bench:slo with PIPELINE=1): the fleet backfilled into the test Prometheus under a
 * job of its own, a catalog selecting only that job, and `vigil worker pipeline`, `vigil worker storage` and
 * `vigil worker analysis` started as their own processes on a Kafka topic, task queues and schedule of one run's
 * own, so that runs never pick up each other's (or the stack's) work. Kept in one place so that what a benchmark
 * measures is the same pipeline whichever benchmark starts it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { METRICS_PORT_OFFSETS, type ProcessRole } from '../config/env.ts';
import { freeBasePort } from '../test/support/ports.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const VIGIL = join(ROOT, 'bin', 'vigil.mjs');

/** Series of one demo host: `vigil demo backfill` writes 7 series per instance (demo/node-history.ts). */
export const SERIES_PER_HOST = 7;

/** A fleet of whole demo hosts holding at least `series` series. */
export function demoFleet(series: number): { hosts: number; series: number } {
  const hosts = Math.ceil(series / SERIES_PER_HOST);
  return { hosts, series: hosts * SERIES_PER_HOST };
}

/** Every process started here and still running: an interrupted benchmark must not leave them behind. */
const running = new Set<ChildProcess>();

function onSignal(): void {
  for (const child of running) child.kill('SIGTERM');
  process.exit(130);
}

/**
 * Until the returned function is called, SIGINT and SIGTERM stop every process started here, then the benchmark
 * (exit code 130).
 */
export function stopProcessesOnSignal(): () => void {
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** `vigil <argv>` as a child process, logging warnings and errors only (its output is the benchmark's). */
function vigil(argv: string[], extraEnv: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [VIGIL, ...argv], {
    env: { ...process.env, VIGIL_LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** The exit code (null when ended by a signal), at once for a process that has already ended. */
function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Polls a worker's /metrics until it answers: served once its Temporal worker runs (runtime/lifecycle.ts). */
async function waitForUrl(url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} during start-up`);
    if ((await fetch(url).catch(() => null))?.ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not serve ${url} within 120 s`);
}

/** Whole minutes, a few in the past: the window end of a cycle that just ran, whose samples Prometheus has. */
export function recentWindowEnd(): Date {
  return new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 60_000);
}

/**
 * A demo fleet of the benchmark's own: `hosts` demo hosts backfilled under job=`job` (`vigil demo backfill`, 25
 * hours up to `end`, so that every cycle's 24-hour window ending up to an hour before `end` is fully backfilled),
 * and the shipped catalog (its metrics and parameters) with every metric selecting that job only, written to a
 * temporary file. Returns that file (the workers' VIGIL_CATALOG_FILE), for the caller to remove.
 */
export async function prepareDemoFleet(job: string, hosts: number, end: Date): Promise<string> {
  const child = vigil(
    [
      'demo',
      'backfill',
      '--job',
      job,
      '--instances',
      String(hosts),
      '--end',
      end.toISOString(),
      '--hours',
      '25',
    ],
    {},
  );
  const code = await exited(child);
  if (code !== 0) throw new Error(`vigil demo backfill exited with ${code}`);

  const shipped = JSON.parse(await readFile(join(ROOT, 'config', 'metrics.catalog.json'), 'utf8'));
  shipped.metrics = shipped.metrics.map((m: { matchers: Array<{ label: string }> }) => ({
    ...m,
    matchers: [...m.matchers.filter((x) => x.label !== 'job'), { label: 'job', op: '=', value: job }],
  }));
  const file = join(tmpdir(), `${job}.catalog.json`);
  await writeFile(file, JSON.stringify(shipped));
  return file;
}

/** The pipeline, storage and analysis worker processes of one run, on a catalog, topic and queues of its own. */
export class PipelineWorkers {
  /**
   * Their configuration (read by `config()`): Kafka topic, task queues, consumer group and schedule named after
   * the run, so that only this run's workers see its work.
   */
  readonly env: {
    VIGIL_CATALOG_FILE: string;
    KAFKA_TOPIC: string;
    VIGIL_TASK_QUEUE: string;
    VIGIL_ANALYSIS_TASK_QUEUE: string;
    VIGIL_STORAGE_TASK_QUEUE: string;
    VIGIL_STORAGE_GROUP_ID: string;
    VIGIL_SCHEDULE_ID: string;
    VIGIL_SCHEDULE_INTERVAL: string;
  };
  /** Those started so far, in order (`pipeline`, `storage`, `analysis-1`, …). */
  readonly started: Array<{ name: string; child: ChildProcess }> = [];

  /** `extraEnv`: more configuration for every one of them (e.g. VIGIL_ANALYSIS_THREADS). */
  constructor(
    run: string,
    catalogFile: string,
    private readonly extraEnv: Record<string, string> = {},
  ) {
    this.env = {
      VIGIL_CATALOG_FILE: catalogFile,
      KAFKA_TOPIC: run,
      VIGIL_TASK_QUEUE: `${run}-pipeline`,
      VIGIL_ANALYSIS_TASK_QUEUE: `${run}-analysis`,
      VIGIL_STORAGE_TASK_QUEUE: `${run}-storage`,
      VIGIL_STORAGE_GROUP_ID: `${run}-storage`,
      VIGIL_SCHEDULE_ID: `${run}-schedule`,
      // The benchmark starts the cycles it measures; the pipeline worker's schedule never fires during one.
      VIGIL_SCHEDULE_INTERVAL: '24h',
    };
  }

  /**
   * Starts them one after another, the next once the last serves /metrics. Each gets a VIGIL_WORKER_METRICS_PORT
   * of its own, free at every role's offset, so that none collides with the stack's workers or another's.
   */
  async start(analysisWorkers: number): Promise<void> {
    await this.startOne('pipeline', 'pipeline');
    await this.startOne('storage', 'storage');
    for (let i = 0; i < analysisWorkers; i++) await this.startOne(`analysis-${i + 1}`, 'analysis');
  }

  private async startOne(name: string, role: ProcessRole): Promise<void> {
    const base = await freeBasePort(Object.values(METRICS_PORT_OFFSETS));
    const child = vigil(['worker', role], {
      ...this.env,
      ...this.extraEnv,
      VIGIL_WORKER_METRICS_PORT: String(base),
    });
    this.started.push({ name, child });
    await waitForUrl(`http://127.0.0.1:${base + METRICS_PORT_OFFSETS[role]}/metrics`, child, name);
  }

  /** SIGTERM to each (a worker then stops gracefully: runtime/lifecycle.ts), resolved once all have exited. */
  async stop(): Promise<void> {
    for (const w of this.started) w.child.kill('SIGTERM');
    await Promise.all(this.started.map((w) => exited(w.child)));
  }

  /** Deletes the schedules the workers created for this run (the pipeline's and the storage clean-up's). */
  async deleteSchedules(client: Client): Promise<void> {
    for (const id of [this.env.VIGIL_SCHEDULE_ID, `${this.env.VIGIL_STORAGE_TASK_QUEUE}-cleanup`]) {
      await client.schedule
        .getHandle(id)
        .delete()
        .catch(() => undefined);
    }
  }
}
