import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keySlot } from '../../../activities/pipeline/analysis-task.ts';
import { analyzeSeries } from '../../../analytics/report.ts';
import { seriesKey } from '../../../contracts/series-key.ts';
import { prometheusDriver } from '../../../prometheus/client.ts';
import { fetchRange } from '../../../prometheus/series.ts';
import type { pipelineCycle } from '../../../workflows/pipeline/index.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import {
  backfillDemo,
  catalogForJob,
  expectedDemo,
  type PipelineHarness,
  readTopic,
  startPipeline,
} from '../../support/pipeline.ts';
import { startServer, stopServer } from '../../support/stack.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

quietTemporalRuntime();
const env = testEnv();
const job = uniqueName('demo').replaceAll('-', '_');
// Whole minutes, a little in the past, like a real scrape grid.
const end = wholeMinutesAgo(5);
const demo = expectedDemo(job, end);
const expectedKeys = demo.map((s) => seriesKey(s.metric, s.labels)).sort();

let harness: PipelineHarness;

function startCycle(client: Client, workflowId: string) {
  return client.workflow.start<typeof pipelineCycle>('pipelineCycle', {
    taskQueue: harness.env.VIGIL_TASK_QUEUE,
    workflowId,
    args: [{ windowEnd: end.toISOString() }],
  });
}

/** Waits until the cycle (or one of its children) has an activity failing and being retried with `failureType`. */
async function waitForRetry(client: Client, workflowIds: string[], failureType: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    for (const id of workflowIds) {
      const d = await client.workflow
        .getHandle(id)
        .describe()
        .catch(() => null);
      const pending = d?.raw.pendingActivities ?? [];
      if (
        pending.some(
          (a) => (a.attempt ?? 0) >= 2 && a.lastFailure?.applicationFailureInfo?.type === failureType,
        )
      ) {
        return;
      }
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no activity was retried after ${failureType} within 90 s`);
}

beforeAll(async () => {
  await backfillDemo(job, end);
  harness = await startPipeline(env, catalogForJob(job, 2));
});

afterAll(async () => {
  await harness?.stop();
});

describe('pipeline cycle over backfilled history', () => {
  it('publishes exactly one message per series, equal to the analytics engine on the same window', async () => {
    const cycleId = uniqueName('pipeline-test');
    const summary = await (await startCycle(harness.client, cycleId)).result();
    expect(summary.failedMetrics).toEqual([]);
    expect(summary.metrics.reduce((n, m) => n + m.series, 0)).toBe(demo.length);

    const messages = (await readTopic(harness.env, demo.length)).filter((m) => m.cycle_id === cycleId);
    expect(messages.map((m) => m.series.key).sort()).toEqual(expectedKeys);
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);

    const prom = prometheusDriver(env.PROMETHEUS_URL);
    for (const message of messages) {
      const source = demo.find((s) => seriesKey(s.metric, s.labels) === message.series.key)!;
      expect(message.window).toMatchObject({ end: end.toISOString(), step_seconds: 60, points: 1441 });
      // What Prometheus serves for the window is exactly the history we wrote (byte counts as exact doubles) ...
      const samples = await fetchRange(
        prom,
        { key: message.series.key, metric: message.series.metric, labels: message.series.labels },
        new Date(message.window.start),
        new Date(message.window.end),
        60,
      );
      expect(samples.map((s) => s.v)).toEqual(source.samples.map(([, v]) => v));
      // ... and the published report is the engine's report for it, section by section.
      const report = analyzeSeries({
        series: samples,
        params: catalogForJob(job).metrics[0]!.params,
        forecastSlot: keySlot(message.series.key),
      });
      expect(message.report).toEqual(JSON.parse(JSON.stringify(report)));
      // The seasonal period (550) fits 1,441 points: a full Holt-Winters model ran and forecast 10 minutes.
      expect(message.report.holt_winters).toMatchObject({
        model: { trend: 'mul', seasonal: 'add', seasonal_periods: 550 },
      });
      expect(message.forecast).toHaveLength(10);
      expect(message.forecast[0]!.t).toBe(new Date(end.getTime() + 60_000).toISOString());
    }
  });

  it('rides out Prometheus being down: the activity retries and the cycle completes once it is back', async () => {
    const cycleId = uniqueName('pipeline-prom-down');
    await stopServer('prometheus');
    try {
      const handle = await startCycle(harness.client, cycleId);
      await waitForRetry(harness.client, [cycleId], 'PROMETHEUS_UNAVAILABLE');
      await startServer('prometheus');
      const summary = await handle.result();
      expect(summary.metrics.reduce((n, m) => n + m.published, 0)).toBe(demo.length);
    } finally {
      await startServer('prometheus');
    }
    const messages = (await readTopic(harness.env, demo.length)).filter((m) => m.cycle_id === cycleId);
    expect([...new Set(messages.map((m) => m.series.key))].sort()).toEqual(expectedKeys);
  });

  it('rides out Kafka being down: publishing retries, and the consumer sees each message id once', async () => {
    const cycleId = uniqueName('pipeline-kafka-down');
    await stopServer('kafka');
    try {
      const handle = await startCycle(harness.client, cycleId);
      const children = [
        'node_memory_MemFree_bytes',
        'node_memory_MemAvailable_bytes',
        'node_filefd_allocated',
      ].map((m) => `${cycleId}/${m}`);
      await waitForRetry(harness.client, children, 'KAFKA_UNAVAILABLE');
      await startServer('kafka');
      const summary = await handle.result();
      expect(summary.failedMetrics).toEqual([]);
      expect(summary.metrics.reduce((n, m) => n + m.published, 0)).toBe(demo.length);
    } finally {
      await startServer('kafka');
    }
    const messages = (await readTopic(harness.env, demo.length)).filter((m) => m.cycle_id === cycleId);
    const ids = messages.map((m) => m.id);
    expect(new Set(ids).size).toBe(demo.length);
    expect(ids.length).toBe(demo.length);
  });
});
