import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { count, countDistinct, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { CycleSummary } from '../../../contracts/pipeline.ts';
import { type Database, openDatabase } from '../../../drizzle/db.ts';
import { applyMigrations } from '../../../drizzle/migrate.ts';
import { analysisRuns, deadLetters } from '../../../drizzle/schema.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import { removeTemporalState } from '../../support/storage.ts';
import { WorkerProcess, waitFor } from '../../support/worker-process.ts';

// Issue 11: a multi-thousand-series cycle with the real worker processes, the analysis worker and then the
// storage worker SIGKILLed in the middle and started again. Every series' run is stored exactly once and nothing
// is dead-lettered: the analysis shards resume from their heartbeated progress on the new process (re-publishing
// at most a chunk, under the same message ids), the drain resumes from the offsets committed with the rows.
const run = promisify(execFile);
const env = testEnv();
const job = uniqueName('crash').replaceAll('-', '_');
const HOSTS = 300;
const N = HOSTS * 7;
const end = wholeMinutesAgo(2);
const topic = uniqueName('crash-topic');
const names = {
  KAFKA_TOPIC: topic,
  VIGIL_TASK_QUEUE: uniqueName('crash-pipeline'),
  VIGIL_ANALYSIS_TASK_QUEUE: uniqueName('crash-analysis'),
  VIGIL_STORAGE_TASK_QUEUE: uniqueName('crash-storage'),
  VIGIL_STORAGE_GROUP_ID: uniqueName('crash-group'),
  VIGIL_SCHEDULE_ID: uniqueName('crash-schedule'),
};

let dir: string;
let database: Database;
let connection: Connection;
let client: Client;
const workers: WorkerProcess[] = [];
let settings: Record<string, string>;

async function start(role: 'pipeline' | 'analysis' | 'storage'): Promise<WorkerProcess> {
  const w = await WorkerProcess.start(role, env, settings);
  workers.push(w);
  return w;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-crash-'));
  // The shipped catalog, selecting only this test's hosts.
  const shipped = JSON.parse(await readFile('config/metrics.catalog.json', 'utf8'));
  shipped.metrics = shipped.metrics.map((m: { matchers: Array<{ label: string }> }) => ({
    ...m,
    matchers: [...m.matchers.filter((x) => x.label !== 'job'), { label: 'job', op: '=', value: job }],
  }));
  const catalog = join(dir, 'catalog.json');
  await writeFile(catalog, JSON.stringify(shipped));
  settings = {
    ...names,
    VIGIL_CATALOG_FILE: catalog,
    // The scheduled cycle stays out of the way: this test starts its one cycle itself.
    VIGIL_SCHEDULE_INTERVAL: '24h',
    VIGIL_DRAIN_HEARTBEAT_TIMEOUT: '5s',
    VIGIL_KAFKA_SESSION_TIMEOUT: '6s',
  };
  await applyMigrations(env.MYSQL_URL);
  database = openDatabase(env.MYSQL_URL);
  connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const args = ['demo', 'backfill', '--job', job, '--instances', String(HOSTS), '--end', end.toISOString()];
  await run(process.execPath, ['bin/vigil.mjs', ...args, '--hours', '25'], { maxBuffer: 16 << 20 });
  await start('pipeline');
  await start('analysis');
  await start('storage');
}, 600_000);

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exit()));
  await client?.schedule
    .getHandle(names.VIGIL_SCHEDULE_ID)
    .delete()
    .catch(() => undefined);
  await removeTemporalState(env, names.VIGIL_STORAGE_TASK_QUEUE);
  await connection?.close();
  await database?.close();
  await rm(dir, { recursive: true, force: true });
}, 120_000);

const stored = async (cycleId: string) =>
  (await database.db.select({ n: count() }).from(analysisRuns).where(eq(analysisRuns.cycleId, cycleId)))[0]!
    .n;

describe('a cycle over thousands of series survives SIGKILLed workers', () => {
  it(`stores each of ${N} series once with nothing dead-lettered`, async () => {
    const cycleId = uniqueName('crash-cycle');
    // Every process's tail, the killed ones included: what a timeout alone cannot say.
    onTestFailed(() => {
      for (const w of workers) console.error(`${w.role} worker output:\n${w.log().slice(-6000)}`);
    });
    const handle = await client.workflow.start('pipelineCycle', {
      taskQueue: names.VIGIL_TASK_QUEUE,
      workflowId: cycleId,
      args: [{ windowEnd: end.toISOString() }],
    });
    const [, analysis, storage] = workers as [WorkerProcess, WorkerProcess, WorkerProcess];

    await waitFor(async () => (await stored(cycleId)) >= N / 4, 480_000, `${N / 4} runs stored`);
    analysis.kill('SIGKILL');
    expect(await analysis.exit()).toBeNull();
    await start('analysis');

    await waitFor(async () => (await stored(cycleId)) >= N / 2, 480_000, `${N / 2} runs stored`);
    storage.kill('SIGKILL');
    expect(await storage.exit()).toBeNull();
    await start('storage');

    const summary = (await handle.result()) as CycleSummary;
    expect(summary.failedMetrics).toEqual([]);
    // Every series reached Kafka: what is missing after this is the drain's to store.
    expect(summary.metrics.reduce((n, m) => n + m.published, 0)).toBe(N);
    await waitFor(async () => (await stored(cycleId)) >= N, 300_000, `all ${N} runs stored`);

    const [runs] = await database.db
      .select({ rows: count(), series: countDistinct(analysisRuns.seriesId) })
      .from(analysisRuns)
      .where(eq(analysisRuns.cycleId, cycleId));
    expect(runs).toEqual({ rows: N, series: N });
    const [dead] = await database.db
      .select({ n: count() })
      .from(deadLetters)
      .where(eq(deadLetters.topic, topic));
    expect(dead!.n).toBe(0);
  }, 900_000);
});
