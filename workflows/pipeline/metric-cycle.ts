import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { AnalysisActivities } from '../../activities/pipeline/index.ts';
import {
  addSummaries,
  emptySummary,
  type MetricCycleInput,
  type MetricCycleSummary,
} from '../../contracts/pipeline.ts';
import { infraRetry } from './retry.ts';

/** Shards of one metric run at most this many at a time, so one big metric cannot starve the others. */
const CONCURRENT_SHARDS = 4;
/** Bounds the history of a metric with very many shards: past this, continue as new. */
const SHARDS_PER_RUN = 200;

/**
 * One metric within one cycle: analyze every shard of its series on the analysis task queue. A child workflow
 * per metric keeps each history small and shows per-metric progress in the Web UI.
 */
export async function metricCycle(input: MetricCycleInput): Promise<MetricCycleSummary> {
  const startedAt = input.startedAt ?? Date.now();
  const { analyzeShard } = proxyActivities<AnalysisActivities>({
    taskQueue: input.analysisTaskQueue,
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: '30 seconds',
    retry: infraRetry,
  });

  const from = input.fromShard ?? 0;
  const until = Math.min(input.plan.shards, from + SHARDS_PER_RUN);
  let total = input.carried ?? emptySummary();
  let next = from;
  const lanes = Array.from({ length: Math.min(CONCURRENT_SHARDS, until - from) }, async () => {
    while (next < until) {
      const shard = next++;
      const summary = await analyzeShard({
        cycleId: input.cycleId,
        window: input.window,
        metric: input.plan.metric,
        shard,
        shards: input.plan.shards,
      });
      total = addSummaries(total, summary);
    }
  });
  await Promise.all(lanes);

  if (until < input.plan.shards) {
    await continueAsNew<typeof metricCycle>({ ...input, fromShard: until, carried: total, startedAt });
  }
  return { metric: input.plan.metric.name, durationMs: Date.now() - startedAt, ...total };
}
