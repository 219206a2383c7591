import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const METRIC = 'node_filefd_allocated';

async function etlRows(): Promise<EtlRow[]> {
  const res = await sla.app.inject({ method: 'GET', url: '/etl/execution-time?window=1h' });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().stages as EtlRow[]).filter((r) => r.metric === METRIC);
}

const cyclesOf = (rows: EtlRow[]) => rows.find((r) => r.stage === 'cycle')?.count ?? 0;

/** Polls the route until it reports `cycles` whole cycles of the metric (Prometheus scrapes every 15 s). */
async function untilCycles(cycles: number): Promise<EtlRow[]> {
  const deadline = Date.now() + 90_000;
  let rows = await etlRows();
  while (cyclesOf(rows) !== cycles && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 2000));
    rows = await etlRows();
  }
  expect(cyclesOf(rows), JSON.stringify(rows)).toBe(cycles);
  return rows;
}

describe('ETL execution time from the workers’ own histograms', () => {
  it('counts whole cycles, the first one after the worker started included, with mean, p95 and max', async () => {
    const runCycle = async () => {
      const handle = await pipeline.client.workflow.start<typeof pipelineCycle>('pipelineCycle', {
        taskQueue: pipeline.env.VIGIL_TASK_QUEUE,
        workflowId: uniqueName('pipeline-etl'),
        args: [{ metrics: [METRIC] }],
      });
      await handle.result();
    };
    // Cycles of earlier runs of this test against the same Prometheus may still be in the window.
    const before = cyclesOf(await etlRows());

    // The worker's first cycle: its counters appear at 1, which increase() could never count.
    await runCycle();
    let rows = await untilCycles(before + 1);
    await runCycle();
    rows = await untilCycles(before + 2);

    for (const stage of ['fetch', 'analyze', 'publish', 'cycle']) {
      const row = rows.find((r) => r.stage === stage);
      expect(row, `stage ${stage} in ${JSON.stringify(rows)}`).toBeDefined();
      // Stages are observed once per batch of series, so at least once per cycle, and always a whole number.
      expect(Number.isInteger(row!.count), `${stage} count ${row!.count}`).toBe(true);
      expect(row!.count).toBeGreaterThanOrEqual(stage === 'cycle' ? before + 2 : 2);
      expect(row!.meanSeconds).toBeGreaterThan(0);
      expect(row!.meanSeconds).toBeLessThan(60);
      expect(row!.p95Seconds).toBeGreaterThan(0);
      // A histogram keeps no maximum: max is the upper bound of the highest bucket in use, so it bounds p95.
      expect(row!.maxSeconds).toBeGreaterThanOrEqual(row!.p95Seconds);
    }
  });
});
