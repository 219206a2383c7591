import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { publish as produce } from '../../../activities/kafka/producer.ts';
import {
  ANALYSIS_MESSAGE_SCHEMA_V1,
  ANALYSIS_MESSAGE_SCHEMA_V2,
  type AnalysisMessage,
  encodeAnalysisMessage,
} from '../../../contracts/analysis-message.ts';
import { analysisRuns, deadLetters } from '../../../drizzle/schema.ts';
import { cycleMessages, freshMessage } from '../../support/analysis-messages.ts';
import { testEnv, uniqueName } from '../../support/env.ts';
import {
  drainedAll,
  endOffsets,
  expectedCounts,
  rowCounts,
  rowsOfRun,
  runCount,
  StorageWorkerProcess,
  storageSuite,
} from '../../support/storage.ts';

// The pipeline's producer (activities/kafka/producer.ts) publishing into a real storage worker on this file's
// topic (Kafka's default max.message.bytes, ~1 MB): v1 and v2 messages of one analysis store the same rows,
// and a cycle far over the limit per partition is split into sends that fit, each run stored exactly once.
const env = testEnv();
const marker = uniqueName('storage-size');
const settings = { topic: marker, group: marker, taskQueue: marker };
const suite = storageSuite(env, settings);
const kafkaSettings = { brokers: env.KAFKA_BROKERS, clientId: marker, topic: marker };
const windowEnd = new Date(Date.UTC(2026, 10, 27, 12));

const toOutgoing = (m: AnalysisMessage) => ({ id: m.id, key: m.series.key, value: encodeAnalysisMessage(m) });

/** One analysis as a v1 and a v2 message, under two series identities (one id each, so neither dedupes). */
const versions = [ANALYSIS_MESSAGE_SCHEMA_V1, ANALYSIS_MESSAGE_SCHEMA_V2].map((schema) => ({
  ...freshMessage({
    cycleId: `${marker}-versions`,
    labels: { suite: marker, version: schema },
    windowEnd,
    seed: 3,
  }),
  schema,
})) as [AnalysisMessage, AnalysisMessage];

function drained(): Promise<void> {
  return drainedAll(suite.database.db, suite.kafka, settings, 180_000, 'the drain to store every record');
}

describe('message size: versions, compression and sends under the limit', () => {
  it('stores identical rows from the v1 and the v2 message of one analysis', async () => {
    suite.worker = await StorageWorkerProcess.start(env, settings);
    const [v1, v2] = versions;
    expect(await produce(kafkaSettings, [v1, v2].map(toOutgoing))).toEqual({ published: 2, tooLarge: [] });
    await drained();

    const [rows1, rows2] = [
      await rowsOfRun(suite.database.db, v1.id),
      await rowsOfRun(suite.database.db, v2.id),
    ];
    expect(rows1.components).toHaveLength(5);
    expect(rows1.forecast).toHaveLength(10);
    expect(rows2).toStrictEqual(rows1);
  });

  it('publishes a cycle of 300 series, ~27 MB of messages, under the 1 MB limit; every run stored once', async () => {
    const messages = cycleMessages({
      cycleId: `${marker}-big`,
      count: 300,
      windowEnd,
      labels: { suite: marker },
    });
    const raw = messages.reduce((n, m) => n + encodeAnalysisMessage(m).length, 0);
    const before = await runCount(suite.database.db, marker);
    const offsetsBefore = [...(await endOffsets(suite.kafka, marker)).values()].reduce((a, b) => a + b, 0);
    // Three partitions: each receives ~9 MB of messages from this one publish call.
    expect(raw / 3).toBeGreaterThan(8 * 1024 * 1024);

    const result = await produce(kafkaSettings, messages.map(toOutgoing));
    expect(result).toEqual({ published: 300, tooLarge: [] });
    await drained();

    const offsetsAfter = [...(await endOffsets(suite.kafka, marker)).values()].reduce((a, b) => a + b, 0);
    expect(offsetsAfter - offsetsBefore).toBe(300);
    expect((await runCount(suite.database.db, marker)) - before).toBe(300);
    const stored = await suite.database.db
      .select({ messageId: analysisRuns.messageId })
      .from(analysisRuns)
      .where(
        inArray(
          analysisRuns.messageId,
          messages.map((m) => m.id),
        ),
      );
    expect(stored.map((r) => r.messageId).sort()).toEqual(messages.map((m) => m.id).sort());
    const letters = await suite.database.db.select().from(deadLetters).where(eq(deadLetters.topic, marker));
    expect(letters).toEqual([]);
    // Every table complete: the two messages of the first test and this cycle's 300.
    expect(await rowCounts(suite.database.db, marker)).toEqual(expectedCounts([...versions, ...messages]));
  });
});
