import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { Kafka, logLevel } from 'kafkajs';
import { ensureTopic } from '../../activities/kafka/producer.ts';
import { type Catalog, loadCatalog } from '../../config/catalog.ts';
import type { Env } from '../../config/index.ts';
import { type AnalysisMessage, decodeAnalysisMessage } from '../../contracts/analysis-message.ts';
import { type DemoSeries, demoHistory } from '../../demo/node-history.ts';
import { toOpenMetrics } from '../../demo/openmetrics.ts';
import type { Database } from '../../drizzle/db.ts';
import { prometheusDriver } from '../../prometheus/client.ts';
import { createAnalysisWorker } from '../../workers/analysis.ts';
import { createPipelineWorker } from '../../workers/pipeline.ts';
import { uniqueName } from './env.ts';

const run = promisify(execFile);
const VIGIL = fileURLToPath(new URL('../../bin/vigil.mjs', import.meta.url));

/** The demo history's instance and seed, passed to the CLI, so tests can recompute exactly what it wrote. */
const DEMO = { instance: 'demo-1:9100', seed: 42 };

/** The series `backfillDemo(job, end, hours)` writes, sample for sample. */
export function expectedDemo(job: string, end: Date, hours = 24): DemoSeries[] {
  return demoHistory({ end: end.getTime() / 1000, hours, stepSeconds: 60, job, ...DEMO });
}

/** Backfills the demo history under `job` into the test Prometheus through the real CLI and waits for it. */
export async function backfillDemo(job: string, end: Date, hours = 24): Promise<void> {
  const args = ['demo', 'backfill', '--job', job, '--end', end.toISOString(), '--hours', String(hours)];
  await run(process.execPath, [VIGIL, ...args, '--instance', DEMO.instance, '--seed', String(DEMO.seed)], {
    env: process.env,
  });
}

/** The shipped catalog, but selecting only `job`'s series, so each test sees exactly its own data. */
export function catalogForJob(job: string, batchSize?: number): Catalog {
  const shipped = loadCatalog('config/metrics.catalog.json');
  return {
    ...shipped,
    batchSize: batchSize ?? shipped.batchSize,
    metrics: shipped.metrics.map((m) => ({
      ...m,
      matchers: [
        ...m.matchers.filter((x) => x.label !== 'job'),
        { label: 'job', op: '=' as const, value: job },
      ],
    })),
  };
}

/**
 * Writes `series` (all of `metric`, ending at the same sample) into the test Prometheus with promtool, as `vigil
 * demo backfill` does, and waits until Prometheus serves every one (it loads new blocks about once a minute).
 */
export async function backfillSeries(env: Env, series: DemoSeries[], metric: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-test-'));
  try {
    const file = join(dir, 'series.om');
    await writeFile(file, toOpenMetrics(series));
    const tsdb = join(process.env.VIGIL_STACK_DIR ?? resolve('.vigil', 'test'), 'data', 'prometheus', 'tsdb');
    await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', file, tsdb], { maxBuffer: 16 << 20 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const prom = prometheusDriver(env.PROMETHEUS_URL);
  const last = new Date(series[0]!.samples.at(-1)![0] * 1000);
  const jobs = [...new Set(series.map((s) => s.labels['job']))].join('|');
  const query = `count(count_over_time(${metric}{job=~"${jobs}"}[1h]))`;
  const deadline = Date.now() + 150_000;
  for (;;) {
    const r = await prom.instantQuery(query, last).catch(() => null);
    if (Number(r?.result[0]?.value.value) === series.length) return;
    if (Date.now() > deadline)
      throw new Error(`Prometheus did not load the ${series.length} series of ${jobs}`);
    await new Promise((r2) => setTimeout(r2, 2000));
  }
}

export interface PipelineHarness {
  env: Env;
  client: Client;
  stop: () => Promise<void>;
}

/**
 * Real pipeline and analysis workers, in this process, on their own task queues and Kafka topic. With a database,
 * the analysis worker warm-starts Holt-Winters from the fits stored there (as `vigil worker analysis` does);
 * without, every fit is cold.
 */
export async function startPipeline(
  base: Env,
  catalog: Catalog,
  partitions?: number,
  database?: Database,
): Promise<PipelineHarness> {
  const env: Env = {
    ...base,
    KAFKA_TOPIC: uniqueName('analysis'),
    VIGIL_TASK_QUEUE: uniqueName('pipeline'),
    VIGIL_ANALYSIS_TASK_QUEUE: uniqueName('analysis'),
  };
  await ensureTopic({ brokers: env.KAFKA_BROKERS, clientId: 'test', topic: env.KAFKA_TOPIC }, partitions);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const workers: Worker[] = [
    await createPipelineWorker(env, catalog, connection),
    await createAnalysisWorker(env, connection, database),
  ];
  const running = workers.map((w) => w.run());
  const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE });
  return {
    env,
    client,
    stop: async () => {
      for (const w of workers) w.shutdown();
      await Promise.allSettled(running);
      await clientConnection.close();
      await connection.close();
    },
  };
}

/**
 * Reads the whole topic from the beginning with a fresh consumer group until `settleMs` pass without a new
 * record (after at least `min` records), returning every decoded message, duplicates included.
 */
export async function readTopic(
  env: Env,
  min: number,
  settleMs = 3000,
  timeoutMs = 90_000,
): Promise<AnalysisMessage[]> {
  const kafka = new Kafka({
    clientId: 'test-reader',
    brokers: env.KAFKA_BROKERS,
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  const messages: AnalysisMessage[] = [];
  let last = Date.now();
  await consumer.connect();
  await consumer.subscribe({ topic: env.KAFKA_TOPIC, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const decoded = decodeAnalysisMessage(message.value);
      if (!decoded.ok) throw new Error(`undecodable message on the topic: ${decoded.detail}`);
      messages.push(decoded.message);
      last = Date.now();
    },
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && (messages.length < min || Date.now() - last < settleMs)) {
    await new Promise((r) => setTimeout(r, 250));
  }
  await consumer.disconnect();
  return messages;
}
