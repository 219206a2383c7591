import { Client, Connection } from '@temporalio/client';
import { and, count, eq, inArray, like, ne, sql } from 'drizzle-orm';
import { bigint, mysqlSchema, text, varchar } from 'drizzle-orm/mysql-core';
import { Kafka, logLevel, type Message } from 'kafkajs';
import { afterAll, beforeAll, beforeEach, onTestFailed } from 'vitest';
import type { Env } from '../../config/index.ts';
import type { AnalysisMessage } from '../../contracts/analysis-message.ts';
import { type Database, type Executor, openDatabase } from '../../drizzle/db.ts';
import { mapAnalysisMessage } from '../../drizzle/mapping.ts';
import { applyMigrations } from '../../drizzle/migrate.ts';
import { readOffsets } from '../../drizzle/repositories/analysis-store.ts';
import {
  acfValues,
  adfResults,
  aggregates,
  analysisErrors,
  analysisRuns,
  componentSeries,
  decompositions,
  forecastPoints,
  hpResults,
  series,
} from '../../drizzle/schema.ts';
import { runByMessageId } from './stored-runs.ts';
import { WorkerProcess, waitFor } from './worker-process.ts';

/**
 * Helpers for the storage integration tests: a real `vigil worker storage` child process on its own topic,
 * consumer group and task queue, real Kafka publishing, and row counts read back through Drizzle.
 */

export interface StorageWorkerSettings {
  topic: string;
  group: string;
  taskQueue: string;
  /** Extra environment (timeouts, lease, retention). */
  extra?: Record<string, string>;
}

/** The storage role on its own topic, consumer group and task queue. */
export const StorageWorkerProcess = {
  start: (env: Env, settings: StorageWorkerSettings): Promise<WorkerProcess> =>
    WorkerProcess.start('storage', env, {
      KAFKA_TOPIC: settings.topic,
      VIGIL_STORAGE_GROUP_ID: settings.group,
      VIGIL_STORAGE_TASK_QUEUE: settings.taskQueue,
      ...settings.extra,
    }),
};
export type StorageWorkerProcess = WorkerProcess;

export { waitFor };

export function kafkaFor(env: Env): Kafka {
  return new Kafka({ clientId: 'vigil-test', brokers: env.KAFKA_BROKERS, logLevel: logLevel.NOTHING });
}

export async function createTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
}

/** Kafka's end offset per partition (the drain's stored next offsets must reach these). */
export async function endOffsets(kafka: Kafka, topic: string): Promise<Map<number, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
  } finally {
    await admin.disconnect();
  }
}

/** Waits until the drain's stored offsets reach Kafka's end offsets of `topic` (as they are now). */
export async function drainedAll(
  db: Executor,
  kafka: Kafka,
  settings: Pick<StorageWorkerSettings, 'topic' | 'group'>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const end = await endOffsets(kafka, settings.topic);
  await waitFor(
    async () => {
      const stored = await storedOffsets(db, settings.group, settings.topic);
      return [...end].every(([p, high]) => high === 0 || stored.get(p) === high);
    },
    timeoutMs,
    what,
  );
}

/**
 * The shared frame of a storage test file: migrations applied, a database handle, a Kafka client and the file's
 * topic (three partitions) before its tests; afterwards the worker killed if still running, its Temporal state
 * removed and the database closed. `current` is read by the hooks, so tests assign `current.worker`.
 */
export function storageSuite(
  env: Env,
  settings: StorageWorkerSettings,
  cleanup?: () => void,
): { database: Database; kafka: Kafka; worker: StorageWorkerProcess | undefined } {
  const current = {} as { database: Database; kafka: Kafka; worker: StorageWorkerProcess | undefined };
  beforeAll(async () => {
    await applyMigrations(env.MYSQL_URL);
    current.database = openDatabase(env.MYSQL_URL);
    current.kafka = kafkaFor(env);
    await createTopic(current.kafka, settings.topic, 3);
  });
  beforeEach(() => {
    onTestFailed(() => console.error(`storage worker output:\n${current.worker?.log().slice(-8000)}`));
  });
  afterAll(async () => {
    cleanup?.();
    if (current.worker && current.worker.child.exitCode === null) current.worker.kill('SIGKILL');
    await removeTemporalState(env, settings.taskQueue);
    await current.database?.close();
  });
  return current;
}

/** Publishes in small sends, uncompressed: one realistic message is ~91 KB and Kafka's default limit is 1 MB. */
export async function publish(kafka: Kafka, topic: string, messages: Message[], perSend = 5): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += perSend) {
      await producer.send({ topic, acks: -1, messages: messages.slice(i, i + perSend) });
    }
  } finally {
    await producer.disconnect();
  }
}

export interface RowCounts {
  runs: number;
  adf: number;
  hp: number;
  decompositions: number;
  components: number;
  acf: number;
  aggregates: number;
  forecast: number;
  errors: number;
}

/** Row counts of every result table for the runs that came from `topic`. */
export async function rowCounts(db: Executor, topic: string): Promise<RowCounts> {
  const runIds = db
    .select({ id: analysisRuns.id })
    .from(analysisRuns)
    .where(eq(analysisRuns.sourceTopic, topic));
  const of = async (table: typeof adfResults | typeof hpResults | typeof decompositions) =>
    (await db.select({ n: count() }).from(table).where(inArray(table.runId, runIds)))[0]!.n;
  const ofMany = async (
    table:
      | typeof componentSeries
      | typeof acfValues
      | typeof aggregates
      | typeof forecastPoints
      | typeof analysisErrors,
  ) => (await db.select({ n: count() }).from(table).where(inArray(table.runId, runIds)))[0]!.n;
  return {
    runs: (await db.select({ n: count() }).from(analysisRuns).where(eq(analysisRuns.sourceTopic, topic)))[0]!
      .n,
    adf: await of(adfResults),
    hp: await of(hpResults),
    decompositions: await of(decompositions),
    components: await ofMany(componentSeries),
    acf: await ofMany(acfValues),
    aggregates: await ofMany(aggregates),
    forecast: await ofMany(forecastPoints),
    errors: await ofMany(analysisErrors),
  };
}

/** What `messages` must have written, table by table, according to the mapping. */
export function expectedCounts(messages: readonly AnalysisMessage[]): RowCounts {
  const counts: RowCounts = {
    runs: 0,
    adf: 0,
    hp: 0,
    decompositions: 0,
    components: 0,
    acf: 0,
    aggregates: 0,
    forecast: 0,
    errors: 0,
  };
  for (const m of messages) {
    const mapped = mapAnalysisMessage(m, { topic: 't', partition: 0, offset: 0 }, new Date());
    if (!mapped.ok) throw new Error(`test message does not map: ${mapped.detail}`);
    const r = mapped.mapped;
    counts.runs++;
    counts.adf += r.adf ? 1 : 0;
    counts.hp += r.hp ? 1 : 0;
    counts.decompositions += r.decomposition ? 1 : 0;
    counts.components += r.components.length;
    counts.acf += r.acf.length;
    counts.aggregates += r.aggregates.length;
    counts.forecast += r.forecast.length;
    counts.errors += r.errors.length;
  }
  return counts;
}

/** Every row a run wrote, table by table, without the keys that name the run, its series or its Kafka record. */
export async function rowsOfRun(db: Executor, messageId: string) {
  const run = await runByMessageId(db, messageId);
  if (!run) throw new Error(`no run stored for ${messageId}`);
  const {
    id,
    messageHash: _h,
    messageId: _m,
    cycleId: _c,
    seriesId: _s,
    sourceOffset: _o,
    sourcePartition: _p,
    storedAt: _a,
    ...scalars
  } = run;
  const strip = <R extends { runId: number }>(rows: R[]) =>
    rows
      .map(({ runId: _r, ...rest }) => {
        const { seriesId: _sid, ...row } = rest as typeof rest & { seriesId?: number };
        return row;
      })
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    run: scalars,
    adf: strip(await db.select().from(adfResults).where(eq(adfResults.runId, id))),
    hp: strip(await db.select().from(hpResults).where(eq(hpResults.runId, id))),
    decomposition: strip(await db.select().from(decompositions).where(eq(decompositions.runId, id))),
    components: strip(await db.select().from(componentSeries).where(eq(componentSeries.runId, id))),
    acf: strip(await db.select().from(acfValues).where(eq(acfValues.runId, id))),
    aggregates: strip(await db.select().from(aggregates).where(eq(aggregates.runId, id))),
    forecast: strip(await db.select().from(forecastPoints).where(eq(forecastPoints.runId, id))),
    errors: strip(await db.select().from(analysisErrors).where(eq(analysisErrors.runId, id))),
  };
}

export async function runCount(db: Executor, topic: string): Promise<number> {
  return (await db.select({ n: count() }).from(analysisRuns).where(eq(analysisRuns.sourceTopic, topic)))[0]!
    .n;
}

/** The drain's own reading of its stored offsets (the data-access layer's), for assertions. */
export const storedOffsets = readOffsets;

/** Series of the catalog whose key carries `marker` (each test file labels its series uniquely). */
export async function seriesCount(db: Executor, marker: string): Promise<number> {
  return (
    await db
      .select({ n: count() })
      .from(series)
      .where(like(series.seriesKey, `%${marker}%`))
  )[0]!.n;
}

/** Terminates the drain workflow and deletes the cleanup schedule a test worker started. */
export async function removeTemporalState(env: Env, taskQueue: string): Promise<void> {
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
    await client.workflow
      .getHandle(`${taskQueue}-drain`)
      .terminate('test finished')
      .catch(() => undefined);
    await client.schedule
      .getHandle(`${taskQueue}-cleanup`)
      .delete()
      .catch(() => undefined);
  } finally {
    await connection.close();
  }
}

/** The server's thread list; a user sees its own threads, which is all the crash test needs. */
const processlist = mysqlSchema('information_schema').table('PROCESSLIST', {
  id: bigint('ID', { mode: 'number' }),
  db: varchar('DB', { length: 64 }),
  command: varchar('COMMAND', { length: 16 }),
  info: text('INFO'),
});

/** True while another connection of this user runs an INSERT in this database (a batch being stored). */
export async function insertInFlight(db: Executor): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(processlist)
    .where(
      and(
        ne(processlist.id, sql`connection_id()`),
        eq(processlist.db, sql`database()`),
        eq(processlist.command, 'Query'),
        like(processlist.info, 'insert into %'),
      ),
    );
  return (row?.n ?? 0) > 0;
}
