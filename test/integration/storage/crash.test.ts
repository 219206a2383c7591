import { describe, expect, it } from 'vitest';
import { cycleMessages, toRecord } from '../../support/analysis-messages.ts';
import { testEnv, uniqueName } from '../../support/env.ts';
import {
  drainedAll,
  expectedCounts,
  insertInFlight,
  publish,
  rowCounts,
  runCount,
  StorageWorkerProcess,
  storageSuite,
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

describe('storage drain: worker killed mid-batch', () => {
  const suite = storageSuite(env, settings);

  it('loses and duplicates nothing when SIGKILLed while storing, then restarted', async () => {
    const { database, kafka } = suite;
    const messages = cycleMessages({
      cycleId: `${marker}-c1`,
      count: N,
      windowEnd: new Date(),
      labels: { suite: marker },
    });
    let worker = await StorageWorkerProcess.start(env, settings);
    suite.worker = worker;
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
    suite.worker = worker;
    await drainedAll(database.db, kafka, settings, 150_000, 'the restarted worker to drain the rest');
    expect(await rowCounts(database.db, settings.topic)).toEqual(expectedCounts(messages));
  });
});
