import { ConfigResourceTypes } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriesKey } from '../../../contracts/series-key.ts';
import type { DemoSeries } from '../../../demo/node-history.ts';
import type { pipelineCycle } from '../../../workflows/pipeline/index.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import {
  backfillSeries,
  catalogForJob,
  type PipelineHarness,
  readTopic,
  startPipeline,
} from '../../support/pipeline.ts';
import { kafkaFor } from '../../support/storage.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

// A cycle on a topic whose max.message.bytes (30 kB) only short series fit: the messages of the three hosts with
// a full day (~50 kB gzipped each) fail alone as MESSAGE_TOO_LARGE, without a retry, and the cycle summary counts
// and names them; the three hosts with two hours are published.
quietTemporalRuntime();
const env = testEnv();
const job = uniqueName('oversize').replaceAll('-', '_');
const METRIC = 'node_filefd_allocated';
const end = wholeMinutesAgo(5);

function host(h: number, minutes: number): DemoSeries {
  const endS = end.getTime() / 1000;
  const samples = Array.from({ length: minutes + 1 }, (_, i): [number, number] => {
    const t = endS - (minutes - i) * 60;
    return [t, Math.round(3000 + 400 * Math.sin((2 * Math.PI * t) / 3600) + ((t * 7919) % 97))];
  });
  return {
    metric: METRIC,
    help: 'allocated file descriptors',
    labels: { job, instance: `host-${h}` },
    samples,
  };
}

const long = [0, 1, 2].map((h) => host(h, 1440));
const short = [3, 4, 5].map((h) => host(h, 120));
const keys = (series: DemoSeries[]) => series.map((s) => seriesKey(s.metric, s.labels)).sort();
let harness: PipelineHarness;

beforeAll(async () => {
  await backfillSeries(env, [...long, ...short], METRIC, job);
  harness = await startPipeline(env, catalogForJob(job));
  const admin = kafkaFor(env).admin();
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
}, 300_000);

afterAll(async () => {
  await harness?.stop();
});

describe('a cycle with messages over the topic limit', () => {
  it('publishes the rest and reports the oversize series by name, without retrying them', async () => {
    const cycleId = uniqueName('pipeline-oversize');
    const handle = await harness.client.workflow.start<typeof pipelineCycle>('pipelineCycle', {
      taskQueue: harness.env.VIGIL_TASK_QUEUE,
      workflowId: cycleId,
      args: [{ windowEnd: end.toISOString(), metrics: [METRIC] }],
    });
    const summary = await handle.result();
    expect(summary.failedMetrics).toEqual([]);
    const [metric] = summary.metrics;
    expect(metric).toMatchObject({ series: 6, published: 3, tooLarge: 3 });
    expect([...metric!.tooLargeSeries].sort()).toEqual(keys(long));

    const messages = (await readTopic(harness.env, 3)).filter((m) => m.cycle_id === cycleId);
    expect(messages.map((m) => m.series.key).sort()).toEqual(keys(short));
    // Not retried: the metric's shard activity completed on its first attempt.
    const child = await harness.client.workflow.getHandle(`${cycleId}/${METRIC}`).fetchHistory();
    const attempts = (child.events ?? [])
      .filter((e) => e.activityTaskStartedEventAttributes)
      .map((e) => e.activityTaskStartedEventAttributes!.attempt);
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.every((a) => a === 1)).toBe(true);
  }, 300_000);
});
