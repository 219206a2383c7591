import {
  type Client,
  ScheduleAlreadyRunning,
  type ScheduleOptions,
  ScheduleOverlapPolicy,
} from '@temporalio/client';
import type { Env } from '../config/index.ts';
import { parseDuration } from '../contracts/duration.ts';
import { sloTaskQueue } from '../contracts/slo.ts';
import type { pipelineCycle } from '../workflows/pipeline/index.ts';
import type { sloMinutes } from '../workflows/sla/index.ts';

/**
 * Creates the pipeline's Temporal Schedule, or updates it to the configured interval: idempotent, so every
 * pipeline worker can call it at start. Overlap SKIP: a cycle still running when the next is due is not
 * doubled up. The catch-up window lets a schedule missed during a short outage run once it is back, but not
 * replay a whole night.
 */
export async function ensurePipelineSchedule(client: Client, env: Env): Promise<'created' | 'updated'> {
  const seconds = parseDuration(env.VIGIL_SCHEDULE_INTERVAL);
  if (seconds === null)
    throw new Error(`VIGIL_SCHEDULE_INTERVAL: not a duration: ${env.VIGIL_SCHEDULE_INTERVAL}`);
  const every = seconds * 1000;
  const options = {
    scheduleId: env.VIGIL_SCHEDULE_ID,
    spec: { intervals: [{ every }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'pipelineCycle' as const,
      workflowId: 'pipeline',
      taskQueue: env.VIGIL_TASK_QUEUE,
      args: [{}] as Parameters<typeof pipelineCycle>,
      workflowExecutionTimeout: '1 hour',
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
    memo: { description: 'Vigil pipeline: fetch, analyze, publish every configured metric' },
  };
  return upsertSchedule(client, options);
}

/**
 * The SLA worker's schedule: every minute, bring the per-minute counts of every SLA objective up to date. Overlap
 * SKIP: a run still catching up when the next minute comes is not doubled (the next one starts where it ended).
 */
export async function ensureSloSchedule(client: Client, env: Env): Promise<'created' | 'updated'> {
  return upsertSchedule(client, {
    scheduleId: env.VIGIL_SLO_SCHEDULE_ID,
    spec: { intervals: [{ every: '1 minute' }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'sloMinutes' as const,
      workflowId: 'slo-minutes',
      taskQueue: sloTaskQueue(env.VIGIL_SLA_TASK_QUEUE),
      args: [{}] as Parameters<typeof sloMinutes>,
      workflowExecutionTimeout: '30 minutes',
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '2 minutes' },
    memo: { description: 'Vigil SLOs: per-minute good/bad counts of every SLA with an objective' },
  });
}

/**
 * Creates a Schedule, or brings an existing one to these spec, action and policies (its state and history stay):
 * idempotent, so every worker that owns a schedule can call it at start.
 */
export async function upsertSchedule(
  client: Client,
  options: ScheduleOptions,
): Promise<'created' | 'updated'> {
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(options.scheduleId).update((prev) => ({
      ...prev,
      spec: options.spec,
      action: options.action,
      policies: options.policies,
    }));
    return 'updated';
  }
}
