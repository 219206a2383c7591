import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { publish as produce } from '../../../activities/kafka/producer.ts';
import {
  ANALYSIS_MESSAGE_SCHEMA_V1,
  type AnalysisMessage,
  encodeAnalysisMessage,
} from '../../../contracts/analysis-message.ts';
import { NON_RETRYABLE_TYPES } from '../../../contracts/errors.ts';
import { deadLetters } from '../../../drizzle/schema.ts';
import { cycleMessages } from '../../support/analysis-messages.ts';
import { testEnv, uniqueName } from '../../support/env.ts';
import { drainedAll, kafkaFor, runCount, StorageWorkerProcess, storageSuite } from '../../support/storage.ts';
import { runByMessageId } from '../../support/stored-runs.ts';

// A topic whose max.message.bytes (100 kB) a realistic message fits only compressed, and one message that no
// compression brings under it: that one fails alone with MESSAGE_TOO_LARGE naming its series, the rest is
// published in the same call and stored by a real storage worker.
const env = testEnv();
const marker = uniqueName('storage-oversize');
const limitTopic = `${marker}-limited`;
const settings = { topic: limitTopic, group: marker, taskQueue: marker };
const LIMIT = 100_000;
const windowEnd = new Date(Date.UTC(2026, 10, 28, 12));

/** Random bytes do not compress: 20,000 of these float64 are ~160 kB gzip cannot shrink. */
function incompressible(count: number): number[] {
  const bytes = randomBytes(count * 8);
  return Array.from({ length: count }, (_, i) => bytes.readUInt32LE(i * 8) * 1.000_001);
}

// The suite's own topic goes unused: the limited one needs its config at creation, before any drain subscribes.
const suite = storageSuite(env, { ...settings, topic: marker });

describe('a message over the topic limit', () => {
  it('fails alone with a non-retryable MESSAGE_TOO_LARGE naming the series; the rest publishes and stores', async () => {
    const admin = kafkaFor(env).admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        {
          topic: limitTopic,
          numPartitions: 3,
          replicationFactor: 1,
          configEntries: [{ name: 'max.message.bytes', value: String(LIMIT) }],
        },
      ],
      waitForLeaders: true,
    });
    await admin.disconnect();
    suite.worker = await StorageWorkerProcess.start(env, settings);

    const messages: AnalysisMessage[] = cycleMessages({
      cycleId: `${marker}-c1`,
      count: 6,
      windowEnd,
      labels: { suite: marker },
    });
    // v1 JSON is ~157 kB raw, over the limit, but ~57 kB gzipped: it can only arrive compressed.
    messages[1] = { ...messages[1]!, schema: ANALYSIS_MESSAGE_SCHEMA_V1 };
    const huge = messages[3]!;
    messages[3] = {
      ...huge,
      report: { ...huge.report, noise: incompressible(20_000) } as typeof huge.report,
    };
    expect(encodeAnalysisMessage(messages[1]!).length).toBeGreaterThan(LIMIT);

    const result = await produce(
      { brokers: env.KAFKA_BROKERS, clientId: marker, topic: limitTopic },
      messages.map((m) => ({ id: m.id, key: m.series.key, value: encodeAnalysisMessage(m) })),
    );
    expect(result.published).toBe(5);
    expect(result.tooLarge).toEqual([
      {
        code: 'MESSAGE_TOO_LARGE',
        id: huge.id,
        key: huge.series.key,
        bytes: expect.any(Number),
        error: expect.stringContaining(`series ${huge.series.key}`),
      },
    ]);
    expect(result.tooLarge[0]!.bytes).toBeGreaterThan(LIMIT);
    expect(result.tooLarge[0]!.error).toContain(`max.message.bytes (${LIMIT})`);
    expect(NON_RETRYABLE_TYPES).toContain('MESSAGE_TOO_LARGE');

    await drainedAll(suite.database.db, suite.kafka, settings, 120_000, 'the drain to store the rest');
    expect(await runCount(suite.database.db, limitTopic)).toBe(5);
    for (const m of messages) {
      const stored = await runByMessageId(suite.database.db, m.id);
      if (m === messages[3]) expect(stored).toBeUndefined();
      else expect(stored?.sourceTopic).toBe(limitTopic);
    }
    expect(
      await suite.database.db.select().from(deadLetters).where(eq(deadLetters.topic, limitTopic)),
    ).toEqual([]);
  });
});
