import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { type Database, openDatabase } from '../../../drizzle/db.ts';
import { applyMigrations } from '../../../drizzle/migrate.ts';
import { cycleMessages, toRecord } from '../../support/analysis-messages.ts';
import { testEnv, uniqueName } from '../../support/env.ts';
import {
  createTopic,
  endOffsets,
  expectedCounts,
  insertInFlight,
  kafkaFor,
  publish,
  removeTemporalState,
  rowCounts,
  runCount,
  StorageWorkerProcess,
  storedOffsets,
  waitFor,
} from '../../support/storage.ts';

// The storage worker process killed with SIGKILL in the middle of storing a batch, then started again: the
// drain resumes from the database's offsets and every message is stored exactly once with all its rows.
const env = testEnv();
const marker = uniqueName('storage-crash');
const settings = {
  topic: marker,
  group: marker,
  taskQueue: marker,
  extra: {
    VIGIL_DRAIN_CONSUMERS: '2',
    // The killed worker's drain activities are restarted once the server misses their heartbeat this long.
    VIGIL_DRAIN_HEARTBEAT_TIMEOUT: '5s',
    VIGIL_KAFKA_SESSION_TIMEOUT: '6s',
  },
};
const N = 240;

let database: Database;
let kafka: Kafka;
let worker: StorageWorkerProcess | undefined;

describe('storage drain: worker killed mid-batch', () => {
  beforeAll(async () => {
    await applyMigrations(env.MYSQL_URL);
    database = openDatabase(env.MYSQL_URL);
    kafka = kafkaFor(env);
    await createTopic(kafka, settings.topic, 3);
  });

  afterAll(async () => {
    if (worker && worker.child.exitCode === null) worker.kill('SIGKILL');
    await removeTemporalState(env, settings.taskQueue);
    await database?.close();
  });

  it('loses and duplicates nothing when SIGKILLed while storing, then restarted', async () => {
    onTestFailed(() => console.error(`storage worker output:\n${worker?.log().slice(-8000)}`));
    const messages = cycleMessages({
      cycleId: `${marker}-c1`,
      count: N,
      windowEnd: new Date(),
      labels: { suite: marker },
    });
    worker = await StorageWorkerProcess.start(env, settings);
    const publishing = publish(kafka, settings.topic, messages.map(toRecord));

    // Kill while an INSERT of a batch transaction is running, once some batches are already stored. Polled
    // tightly: a batch transaction takes a few hundred milliseconds.
    let caughtMidInsert = false;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const stored = await runCount(database.db, settings.topic);
      if (stored >= N) throw new Error('the drain finished before it could be killed');
      if (stored >= N / 10 && (await insertInFlight(database.db))) {
        caughtMidInsert = true;
        break;
      }
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    worker.kill('SIGKILL');
    expect(await worker.exit()).toBeNull();
    const storedAtKill = await runCount(database.db, settings.topic);
    expect(storedAtKill).toBeLessThan(N);
    console.info(`SIGKILL with ${storedAtKill}/${N} runs stored, mid-INSERT: ${caughtMidInsert}`);
    await publishing;

    worker = await StorageWorkerProcess.start(env, settings);
    const end = await endOffsets(kafka, settings.topic);
    await waitFor(
      async () => {
        const stored = await storedOffsets(database.db, settings.group, settings.topic);
        return [...end].every(([p, high]) => stored.get(p) === high);
      },
      150_000,
      'the restarted worker to drain the rest',
    );
    expect(await rowCounts(database.db, settings.topic)).toEqual(expectedCounts(messages));
  });
});
