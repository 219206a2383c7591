import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../observability/metrics-server.ts';
import { ensurePipelineSchedule } from '../../../workers/schedule.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import { backfillDemo, catalogForJob, type PipelineHarness, startPipeline } from '../../support/pipeline.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

const exec = promisify(execFile);
const VIGIL = fileURLToPath(new URL('../../../bin/vigil.mjs', import.meta.url));

quietTemporalRuntime();
const env = testEnv();
const job = uniqueName('sched').replaceAll('-', '_');
let harness: PipelineHarness;

beforeAll(async () => {
  // Two hours of history are enough here: the schedule and the CLI are under test, not the analyses.
  await backfillDemo(job, wholeMinutesAgo(1), 2);
  harness = await startPipeline(env, catalogForJob(job));
});

afterAll(async () => {
  await harness?.stop();
});

describe('pipeline schedule and triggers', () => {
  it('is created once and updated idempotently, with overlap skip and a catch-up window', async () => {
    const scheduleEnv = {
      ...harness.env,
      VIGIL_SCHEDULE_ID: uniqueName('schedule'),
      VIGIL_SCHEDULE_INTERVAL: '5m',
    };
    expect(await ensurePipelineSchedule(harness.client, scheduleEnv)).toBe('created');
    expect(
      await ensurePipelineSchedule(harness.client, { ...scheduleEnv, VIGIL_SCHEDULE_INTERVAL: '10m' }),
    ).toBe('updated');
    const handle = harness.client.schedule.getHandle(scheduleEnv.VIGIL_SCHEDULE_ID);
    try {
      const d = await handle.describe();
      expect(d.spec.intervals?.[0]?.every).toBe(600_000);
      expect(d.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
      expect(d.policies.catchupWindow).toBe(600_000);
      expect(d.action).toMatchObject({
        workflowType: 'pipelineCycle',
        taskQueue: harness.env.VIGIL_TASK_QUEUE,
      });

      // `temporal schedule trigger` does the same as this: a cycle runs now, under a pipeline-<time> id.
      await handle.trigger();
      const deadline = Date.now() + 60_000;
      let recent: string[] = [];
      while (Date.now() < deadline && recent.length === 0) {
        recent = (await handle.describe()).info.recentActions.map((a) => a.action.workflow.workflowId);
        if (recent.length === 0) await new Promise((r) => setTimeout(r, 500));
      }
      expect(recent[0]).toMatch(/^pipeline-\d{4}-\d\d-\d\dT/);
      const summary = await harness.client.workflow.getHandle(recent[0]!).result();
      expect(summary.metrics.map((m: { metric: string }) => m.metric)).toHaveLength(5);
      // The workers' own /metrics now show what the cycle did, per metric and stage.
      const text = await registry.metrics();
      expect(text).toMatch(
        /vigil_pipeline_stage_duration_seconds_count\{metric="node_filefd_allocated",stage="analyze"/,
      );
      expect(text).toMatch(/vigil_pipeline_series_analyzed_total\{metric="node_filefd_allocated"\} [1-9]/);
    } finally {
      await handle.delete();
    }
  });

  it('vigil pipeline run --metric runs one metric and prints its summary', async () => {
    const { stdout } = await exec(
      process.execPath,
      [VIGIL, 'pipeline', 'run', '--metric', 'node_filefd_allocated'],
      {
        env: {
          ...process.env,
          VIGIL_TASK_QUEUE: harness.env.VIGIL_TASK_QUEUE,
          VIGIL_ANALYSIS_TASK_QUEUE: harness.env.VIGIL_ANALYSIS_TASK_QUEUE,
          KAFKA_TOPIC: harness.env.KAFKA_TOPIC,
        },
      },
    );
    expect(stdout).toMatch(/node_filefd_allocated\s+1 series\s+1 published/);
    expect(stdout).not.toMatch(/node_memory/);
  });

  it('vigil pipeline run with an unknown metric fails at once, naming it (non-retryable)', async () => {
    const started = Date.now();
    const result = await exec(process.execPath, [VIGIL, 'pipeline', 'run', '--metric', 'no_such_metric'], {
      env: { ...process.env, VIGIL_TASK_QUEUE: harness.env.VIGIL_TASK_QUEUE },
    }).catch((err: { code: number; stderr: string }) => err);
    expect('code' in result && result.code).toBe(1);
    expect((result as { stderr: string }).stderr).toMatch(/unknown metric no_such_metric/);
    // Not retried for minutes: the failure type is non-retryable.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('vigil pipeline rejects bad arguments with exit code 2', async () => {
    const result = await exec(process.execPath, [
      VIGIL,
      'pipeline',
      'run',
      '--window-end',
      'yesterday',
    ]).catch((err: { code: number; stderr: string }) => err);
    expect((result as { code: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toMatch(/--window-end/);
  });
});
