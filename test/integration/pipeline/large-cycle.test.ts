import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  startPipeline,
} from '../../support/pipeline.ts';
import { drainedAll, StorageWorkerProcess, storageSuite } from '../../support/storage.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

// A cycle of 60 series of one metric through the real pipeline (Prometheus → analysis → Kafka) into a real
// storage worker. The topic has one partition, so every 20-series chunk the activity publishes (~1.8 MB as v2,
// ~3 MB as v1) is over Kafka's default 1 MB per partition batch, which failed a 2,000-series cycle before.
// (test/integration/storage/message-size.test.ts publishes 300 series through the same producer.)
quietTemporalRuntime();
const env = testEnv();
const job = uniqueName('many').replaceAll('-', '_');
const METRIC = 'node_filefd_allocated';
const COUNT = 60;
const end = wholeMinutesAgo(5);

/** Open file descriptors of COUNT hosts: a level per host, a daily swing, an hourly cycle and noise. */
function hosts(): DemoSeries[] {
  const rand = mulberry32(11);
  const endS = end.getTime() / 1000;
  return Array.from({ length: COUNT }, (_, h) => {
    const level = 2000 + rand() * 6000;
    const samples: [number, number][] = Array.from({ length: 1441 }, (_, i) => {
      const t = endS - (1440 - i) * 60;
      const v =
        level * (1 + 0.1 * Math.sin((2 * Math.PI * t) / 86_400)) +
        150 * Math.sin((2 * Math.PI * t) / 3600) +
        Math.round(rand() * 80);
      return [t, Math.round(v)];
    });
    return {
      metric: METRIC,
      help: 'allocated file descriptors',
      labels: { job, instance: `host-${h}` },
      samples,
    };
  });
}

const series = hosts();
let harness: PipelineHarness;
// The drain subscribes later, to the harness's topic; the suite's own topic goes unused.
const storage = storageSuite(env, { topic: `${job}-unused`, group: job, taskQueue: job });

beforeAll(async () => {
  await backfillSeries(env, series, METRIC, job);
  harness = await startPipeline(env, catalogForJob(job), 1);
}, 300_000);

afterAll(async () => {
  await harness?.stop();
});

describe('a cycle far over the per-partition batch limit', () => {
  it('publishes every series and the storage worker stores each run exactly once', async () => {
    const cycleId = uniqueName('pipeline-large');
    const summary = await (
      await harness.client.workflow.start<typeof pipelineCycle>('pipelineCycle', {
        taskQueue: harness.env.VIGIL_TASK_QUEUE,
        workflowId: cycleId,
        args: [{ windowEnd: end.toISOString(), metrics: [METRIC] }],
      })
    ).result();
    expect(summary.failedMetrics).toEqual([]);
    expect(summary.metrics).toHaveLength(1);
    expect(summary.metrics[0]).toMatchObject({
      series: COUNT,
      published: COUNT,
      tooLarge: 0,
      tooLargeSeries: [],
    });

    const settings = { topic: harness.env.KAFKA_TOPIC, group: job, taskQueue: job };
    storage.worker = await StorageWorkerProcess.start(env, settings);
    await drainedAll(storage.database.db, storage.kafka, settings, 180_000, 'the drain to store the cycle');
    const runs = await storage.database.db
      .select({ messageId: analysisRuns.messageId })
      .from(analysisRuns)
      .where(eq(analysisRuns.cycleId, cycleId));
    const expected = series.map((s) => messageId(cycleId, seriesKey(s.metric, s.labels)));
    expect(runs.map((r) => r.messageId).sort()).toEqual(expected.sort());
    const letters = await storage.database.db
      .select()
      .from(deadLetters)
      .where(eq(deadLetters.topic, settings.topic));
    expect(letters).toEqual([]);
  }, 600_000);
});
