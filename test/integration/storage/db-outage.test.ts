import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { cycleMessages, toRecord } from '../../support/analysis-messages.ts';
import { testEnv, uniqueName } from '../../support/env.ts';
import {
  drainedAll,
  expectedCounts,
  publish,
  rowCounts,
  runCount,
  StorageWorkerProcess,
  storageSuite,
  waitFor,
} from '../../support/storage.ts';

// MariaDB frozen (SIGSTOP) for 30 s while the drain is storing and messages keep arriving, then thawed: the
// drain waits (its transactions time out and retry on fresh connections), resumes, and stores everything
// exactly once. The lease is shorter than the outage, so the workflow also continues as new meanwhile.
const env = testEnv();
const marker = uniqueName('storage-outage');
const settings = {
  topic: marker,
  group: marker,
  taskQueue: marker,
  extra: {
    VIGIL_DRAIN_CONSUMERS: '2',
    VIGIL_DRAIN_LEASE: '20s',
    VIGIL_DB_TX_TIMEOUT: '10s',
    VIGIL_DRAIN_HEARTBEAT_TIMEOUT: '10s',
    VIGIL_KAFKA_SESSION_TIMEOUT: '10s',
  },
};
const OUTAGE_MS = 30_000;
const N = 120;

let frozen = false;

function mariadbPid(): number {
  const stackDir = process.env.VIGIL_STACK_DIR ?? '.vigil/test';
  return Number(readFileSync(`${stackDir}/run/mysql.pid`, 'utf8').trim());
}

function freeze(on: boolean): void {
  process.kill(mariadbPid(), on ? 'SIGSTOP' : 'SIGCONT');
  frozen = on;
}

describe('storage drain: database outage', () => {
  const suite = storageSuite(env, settings, () => {
    if (frozen) freeze(false);
  });

  it('resumes after the database was stopped for 30 s, losing and duplicating nothing', async () => {
    const { database, kafka } = suite;
    const messages = cycleMessages({
      cycleId: `${marker}-c1`,
      count: N,
      windowEnd: new Date(),
      labels: { suite: marker },
    });
    const worker = await StorageWorkerProcess.start(env, settings);
    suite.worker = worker;
    const temporal = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    try {
      const drain = new Client({
        connection: temporal,
        namespace: env.TEMPORAL_NAMESPACE,
      }).workflow.getHandle(`${settings.taskQueue}-drain`);
      const firstRun = (await drain.describe()).runId;

      await publish(kafka, settings.topic, messages.slice(0, N / 2).map(toRecord));
      await waitFor(async () => (await runCount(database.db, settings.topic)) > 0, 60_000, 'the first runs');

      freeze(true);
      const thawAt = Date.now() + OUTAGE_MS;
      // Messages keep coming while the database is away.
      await publish(kafka, settings.topic, messages.slice(N / 2).map(toRecord));
      await new Promise((r) => setTimeout(r, thawAt - Date.now()));
      freeze(false);

      await drainedAll(database.db, kafka, settings, 120_000, 'the drain to catch up after the outage');
      expect(await rowCounts(database.db, settings.topic)).toEqual(expectedCounts(messages));
      expect((await drain.describe()).runId).not.toBe(firstRun);
      expect(worker.log()).toContain('storing a batch failed; retrying');
    } finally {
      await temporal.close();
    }
  });
});
