import { eq } from 'drizzle-orm';
import { ConfigResourceTypes } from 'kafkajs';
import { beforeAll, describe, expect, it } from 'vitest';
import { messageId, seriesKey } from '../../../contracts/series-key.ts';
import type { DemoSeries } from '../../../demo/node-history.ts';
import { mulberry32 } from '../../../demo/prng.ts';
import { analysisRuns, deadLetters } from '../../../drizzle/schema.ts';
import type { pipelineCycle } from '../../../workflows/pipeline/index.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import {
  backfillSeries,
  catalogForJob,
  type PipelineHarness,
  readTopic,
  startPipeline,
} from '../../support/pipeline.ts';
import { drainedAll, StorageWorkerProcess, storageSuite } from '../../support/storage.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

// Cycles through the real pipeline (Prometheus → analysis → Kafka) whose messages do not fit Kafka's limits as
// they come: one far over the per-partition batch limit, one with messages over the topic's max.message.bytes.
quietTemporalRuntime();
const env = testEnv();
const METRIC = 'node_filefd_allocated';
const end = wholeMinutesAgo(5);
const many = uniqueName('many').replaceAll('-', '_');
const oversize = uniqueName('oversize').replaceAll('-', '_');

/** Open file descriptors of a host over `minutes`: a level, a daily swing, an hourly cycle and noise. */
function host(job: string, h: number, minutes: number, rand: () => number): DemoSeries {
  const endS = end.getTime() / 1000;
  const level = 2000 + rand() * 6000;
  const samples = Array.from({ length: minutes + 1 }, (_, i): [number, number] => {
    const t = endS - (minutes - i) * 60;
    const v =
      level * (1 + 0.1 * Math.sin((2 * Math.PI * t) / 86_400)) +
      150 * Math.sin((2 * Math.PI * t) / 3600) +
      rand() * 80;
    return [t, Math.round(v)];
  });
  return {
    metric: METRIC,
    help: 'allocated file descriptors',
    labels: { job, instance: `host-${h}` },
    samples,
  };
}

const rand = mulberry32(11);
const manyHosts = Array.from({ length: 60 }, (_, h) => host(many, h, 1440, rand));
const fullDay = [0, 1, 2].map((h) => host(oversize, h, 1440, rand));
const twoHours = [3, 4, 5].map((h) => host(oversize, h, 120, rand));
const keys = (series: DemoSeries[]) => series.map((s) => seriesKey(s.metric, s.labels)).sort();
// The drain subscribes later, to the first cycle's topic; the suite's own topic goes unused.
const storage = storageSuite(env, { topic: `${many}-unused`, group: many, taskQueue: many });

beforeAll(async () => {
  await backfillSeries(env, [...manyHosts, ...fullDay, ...twoHours], METRIC);
}, 300_000);

/** Runs one cycle of METRIC on its own pipeline harness; `prepare` may adjust the harness's topic first. */
async function cycle(job: string, partitions: number, prepare?: (h: PipelineHarness) => Promise<void>) {
  const harness = await startPipeline(env, catalogForJob(job), partitions);
  try {
    await prepare?.(harness);
    const cycleId = uniqueName(`cycle-${job}`);
    const handle = await harness.client.workflow.start<typeof pipelineCycle>('pipelineCycle', {
      taskQueue: harness.env.VIGIL_TASK_QUEUE,
      workflowId: cycleId,
      args: [{ windowEnd: end.toISOString(), metrics: [METRIC] }],
    });
    const summary = await handle.result();
    const history = await harness.client.workflow.getHandle(`${cycleId}/${METRIC}`).fetchHistory();
    const attempts = (history.events ?? []).flatMap((e) =>
      e.activityTaskStartedEventAttributes ? [e.activityTaskStartedEventAttributes.attempt] : [],
    );
    const messages = (await readTopic(harness.env, summary.metrics[0]?.published ?? 0)).filter(
      (m) => m.cycle_id === cycleId,
    );
    return { cycleId, summary, attempts, messages, topic: harness.env.KAFKA_TOPIC };
  } finally {
    await harness.stop();
  }
}

describe('pipeline cycles against Kafka size limits', () => {
  it('splits publishes over the 1 MB partition batch limit; a storage worker stores each run exactly once', async () => {
    // One partition: every 20-series chunk the activity publishes (~1.8 MB as v2, ~3 MB as v1) is over Kafka's
    // default 1 MB per partition batch, which failed a 2,000-series cycle before. (The storage tests publish
    // 300 series through the same producer.)
    const { cycleId, summary, topic } = await cycle(many, 1);
    expect(summary.failedMetrics).toEqual([]);
    expect(summary.metrics[0]).toMatchObject({ series: 60, published: 60, tooLarge: 0, tooLargeSeries: [] });

    const settings = { topic, group: many, taskQueue: many };
    storage.worker = await StorageWorkerProcess.start(env, settings);
    await drainedAll(storage.database.db, storage.kafka, settings, 180_000, 'the drain to store the cycle');
    const runs = await storage.database.db
      .select({ messageId: analysisRuns.messageId })
      .from(analysisRuns)
      .where(eq(analysisRuns.cycleId, cycleId));
    const expected = manyHosts.map((s) => messageId(cycleId, seriesKey(s.metric, s.labels)));
    expect(runs.map((r) => r.messageId).sort()).toEqual(expected.sort());
    expect(await storage.database.db.select().from(deadLetters).where(eq(deadLetters.topic, topic))).toEqual(
      [],
    );
  }, 600_000);

  it('fails the series over max.message.bytes alone, at once, and names them in the summary', async () => {
    // 30 kB: a full day's message (~50 kB gzipped) cannot fit, two hours' (~5 kB) can.
    const { summary, attempts, messages } = await cycle(oversize, 3, async (harness) => {
      const admin = storage.kafka.admin();
      await admin.connect();
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: harness.env.KAFKA_TOPIC,
            configEntries: [{ name: 'max.message.bytes', value: '30000' }],
          },
        ],
      });
      await admin.disconnect();
    });
    expect(summary.failedMetrics).toEqual([]);
    const [metric] = summary.metrics;
    expect(metric).toMatchObject({ series: 6, published: 3, tooLarge: 3 });
    expect([...metric!.tooLargeSeries].sort()).toEqual(keys(fullDay));
    expect(messages.map((m) => m.series.key).sort()).toEqual(keys(twoHours));
    // MESSAGE_TOO_LARGE is not an outage: the shard's activity completed on its first attempt.
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.every((a) => a === 1)).toBe(true);
  }, 300_000);
});
