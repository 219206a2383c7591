import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusDriver } from '../../../activities/prometheus/client.ts';
import { metricsPort } from '../../../config/env.ts';
import { serveMetrics } from '../../../observability/metrics-server.ts';
import type { pipelineCycle } from '../../../workflows/pipeline/index.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import { backfillDemo, catalogForJob, type PipelineHarness, startPipeline } from '../../support/pipeline.ts';
import { type SlaHarness, startSla } from '../../support/sla.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

// End to end: a real pipeline cycle records its stage histograms, the test Prometheus scrapes them from the
// pipeline worker's /metrics port (job "vigil"), and GET /etl/execution-time reads them back.
quietTemporalRuntime();
const env = testEnv();
const job = uniqueName('etl').replaceAll('-', '_');
let pipeline: PipelineHarness;
let sla: SlaHarness;
let metrics: Server;

beforeAll(async () => {
  await backfillDemo(job, wholeMinutesAgo(1), 2);
  pipeline = await startPipeline(env, catalogForJob(job));
  metrics = await serveMetrics(metricsPort(env, 'pipeline'), '127.0.0.1');
  sla = await startSla(env);
});

afterAll(async () => {
  metrics?.close();
  await sla?.stop();
  await pipeline?.stop();
});

interface EtlRow {
  metric: string;
  stage: string;
  count: number;
  meanSeconds: number;
  p95Seconds: number;
  maxSeconds: number;
}

describe('ETL execution time from the workers’ own histograms', () => {
  it('reports count, mean, p95 and max per metric and stage after a cycle', async () => {
    const runCycle = async () => {
      const handle = await pipeline.client.workflow.start<typeof pipelineCycle>('pipelineCycle', {
        taskQueue: pipeline.env.VIGIL_TASK_QUEUE,
        workflowId: uniqueName('pipeline-etl'),
        args: [{ metrics: ['node_filefd_allocated'] }],
      });
      await handle.result();
    };
    // increase() cannot count a series' first sample (Prometheus does not know it started at 0), so: one cycle,
    // a scrape that records the histograms, then the cycle whose increase the route reports.
    await runCycle();
    const prom = prometheusDriver(env.PROMETHEUS_URL);
    const seen =
      'vigil_pipeline_stage_duration_seconds_count{job="vigil",metric="node_filefd_allocated",stage="fetch"}';
    const scrapeDeadline = Date.now() + 60_000;
    while ((await prom.instantQuery(seen)).result.length === 0) {
      if (Date.now() > scrapeDeadline) throw new Error('Prometheus never scraped the pipeline worker');
      await new Promise((r) => setTimeout(r, 1000));
    }
    await runCycle();

    // Prometheus scrapes every 15 s; wait for a scrape that has seen the second cycle.
    const deadline = Date.now() + 90_000;
    let rows: EtlRow[] = [];
    while (Date.now() < deadline) {
      const res = await sla.app.inject({ method: 'GET', url: '/etl/execution-time?window=1h' });
      expect(res.statusCode, res.body).toBe(200);
      rows = (res.json().stages as EtlRow[]).filter((r) => r.metric === 'node_filefd_allocated');
      if (['fetch', 'analyze', 'publish', 'cycle'].every((s) => rows.some((r) => r.stage === s))) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    for (const stage of ['fetch', 'analyze', 'publish', 'cycle']) {
      const row = rows.find((r) => r.stage === stage);
      expect(row, `stage ${stage} in ${JSON.stringify(rows)}`).toBeDefined();
      expect(row!.count).toBeGreaterThan(0);
      expect(row!.meanSeconds).toBeGreaterThan(0);
      expect(row!.p95Seconds).toBeGreaterThan(0);
      // A histogram keeps no maximum: max is the upper bound of the highest bucket in use, so it bounds p95.
      expect(row!.maxSeconds).toBeGreaterThanOrEqual(row!.p95Seconds);
      // Means come from increase(_sum) / increase(_count); with only two scrapes Prometheus extrapolates the two
      // differently, so the mean is only checked to be a plausible duration here.
      expect(row!.meanSeconds).toBeLessThan(60);
    }
  });
});
