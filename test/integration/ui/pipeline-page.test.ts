import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsPort } from '../../../config/env.ts';
import { serveMetrics } from '../../../observability/metrics-server.ts';
import type { pipelineCycle } from '../../../workflows/pipeline/index.ts';
import { artefactsDir, launchChromium, openDashboard } from '../../support/browser.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import { backfillDemo, catalogForJob, type PipelineHarness, startPipeline } from '../../support/pipeline.ts';
import { type SlaHarness, startSla } from '../../support/sla.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

/**
 * The dashboard's pipeline page after a real pipeline cycle (workers in this process; the test Prometheus scrapes
 * the pipeline worker's stage histograms): the cycle is listed from Temporal and linked into its Web UI, and the
 * ETL stage times shown are the REST API's.
 */

quietTemporalRuntime();
const env = testEnv();
const job = uniqueName('uipipe').replaceAll('-', '_');
const METRIC = 'node_filefd_allocated';
let pipeline: PipelineHarness;
let sla: SlaHarness;
let metrics: Server;
let browser: Browser;
let base: string;

interface EtlRow {
  metric: string;
  stage: string;
  count: number;
}

async function etlRows(): Promise<EtlRow[]> {
  const res = await sla.app.inject({ method: 'GET', url: '/etl/execution-time?window=12h' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().stages as EtlRow[];
}

beforeAll(async () => {
  await backfillDemo(job, wholeMinutesAgo(1), 2);
  pipeline = await startPipeline(env, catalogForJob(job));
  metrics = await serveMetrics(metricsPort(env, 'pipeline'), '127.0.0.1');
  sla = await startSla(env);
  base = await sla.app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  metrics?.close();
  await sla?.stop();
  await pipeline?.stop();
});

describe('pipeline page in Chromium', () => {
  it('lists the cycle that just ran, linked into the Temporal Web UI, and the ETL stage times', async () => {
    const workflowId = uniqueName('pipeline-ui');
    const handle = await pipeline.client.workflow.start<typeof pipelineCycle>('pipelineCycle', {
      taskQueue: pipeline.env.VIGIL_TASK_QUEUE,
      workflowId,
      args: [{ metrics: [METRIC] }],
    });
    await handle.result();
    // Prometheus scrapes the worker's histograms every 15 s (the route's own counting is test/integration/sla/etl.test.ts').
    await expect
      .poll(
        async () => (await etlRows()).find((r) => r.metric === METRIC && r.stage === 'cycle')?.count ?? 0,
        {
          timeout: 90_000,
          interval: 2000,
        },
      )
      .toBeGreaterThan(0);

    const p = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openDashboard(p, `${base}/ui/#/pipeline`);
    const overview = (await sla.app.inject({ method: 'GET', url: '/pipeline/overview?cycles=20' })).json();
    const link = p.locator(`#cycles a`, { hasText: workflowId });
    expect(await link.getAttribute('href')).toBe(
      `${overview.temporalUiUrl}/namespaces/${env.TEMPORAL_NAMESPACE}/workflows/${workflowId}/${handle.firstExecutionRunId}/history`,
    );
    const row = p.locator('#cycles tr', { has: p.locator('a', { hasText: workflowId }) });
    expect(await row.locator('td').nth(1).textContent()).toBe('completed');

    const want = (await etlRows()).map((r) => [r.metric, r.stage, String(r.count)]);
    const shown = await p.evaluate(
      `[...document.querySelectorAll('#etl tbody tr')].map((tr) => [...tr.cells].slice(0, 3).map((c) => c.textContent))`,
    );
    expect(shown).toEqual(want);
    expect(want.filter(([metric]) => metric === METRIC).map(([, stage]) => stage)).toEqual(
      expect.arrayContaining(['fetch', 'analyze', 'publish', 'cycle']),
    );
    await p.screenshot({ path: join(artefactsDir(), 'dashboard-pipeline-cycle.png'), fullPage: true });
    await p.close();
  });
});
