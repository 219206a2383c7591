import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBatch } from '../../../activities/storage/batch.ts';
import { storeDurably } from '../../../activities/storage/store.ts';
import { type Database, openDatabase } from '../../../drizzle/db.ts';
import { applyMigrations } from '../../../drizzle/migrate.ts';
import { deadLetters } from '../../../drizzle/schema.ts';
import { cycleMessages, toRecord } from '../../support/analysis-messages.ts';
import { testEnv, uniqueName } from '../../support/env.ts';
import { storedOffsets } from '../../support/storage.ts';
import { runByMessageId } from '../../support/stored-runs.ts';

// The batch store against the real database, without Kafka: a message the server itself refuses is isolated
// by storing the batch record by record, dead-lettered as UNSTORABLE, and every other record is stored.
const env = testEnv();
const topic = uniqueName('storage-store');
let database: Database;

describe('storeDurably', () => {
  beforeAll(async () => {
    await applyMigrations(env.MYSQL_URL);
    database = openDatabase(env.MYSQL_URL);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('dead-letters a message the database refuses and stores the rest of its batch', async () => {
    const messages = cycleMessages({
      cycleId: `${topic}-c1`,
      count: 3,
      windowEnd: new Date(),
      labels: { suite: topic },
    });
    const records = messages.map((m, i) => ({
      offset: String(10 + i),
      key: Buffer.from(m.series.key),
      value: toRecord(m).value,
      timestamp: String(Date.now()),
    }));
    const source = { topic, partition: 0, consumerGroup: topic, receivedAt: new Date() };
    const prepared = prepareBatch(records, source);
    // Slips past the mapping's checks on purpose: VARCHAR(255) cannot hold it (strict mode: ER_DATA_TOO_LONG).
    prepared.runs[1]!.series.metric = 'm'.repeat(300);

    const stored = await storeDurably(
      { database, txTimeoutMs: 30_000, signal: new AbortController().signal, log: pino({ level: 'silent' }) },
      {
        consumerGroup: topic,
        topic,
        partition: 0,
        nextOffset: 13,
        runs: prepared.runs,
        deadLetters: prepared.deadLetters,
        at: new Date(),
      },
      new Map(records.map((r) => [Number(r.offset), r])),
      source,
    );

    expect(stored).toMatchObject({ runs: 2, deadLetters: { UNSTORABLE: 1 } });
    expect(await runByMessageId(database.db, messages[0]!.id)).toBeDefined();
    expect(await runByMessageId(database.db, messages[1]!.id)).toBeUndefined();
    expect(await runByMessageId(database.db, messages[2]!.id)).toBeDefined();
    const [letter] = await database.db.select().from(deadLetters).where(eq(deadLetters.topic, topic));
    expect(letter).toMatchObject({ kafkaOffset: 11, reason: 'UNSTORABLE' });
    expect(letter!.detail).toContain('ER_DATA_TOO_LONG');
    expect(letter!.payload).toEqual(records[1]!.value);
    expect(await storedOffsets(database.db, topic, topic)).toEqual(new Map([[0, 13]]));
  });
});
