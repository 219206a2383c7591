import {
  ApplicationFailure,
  ParentClosePolicy,
  proxyActivities,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { PipelineActivities } from '../../activities/pipeline/index.ts';
import type { CycleInput, CycleSummary, MetricCycleSummary } from '../../contracts/pipeline.ts';
import { checkInput, cycleInputSchema } from '../inputs.ts';
import { metricCycle } from './metric-cycle.ts';
import { infraRetry } from './retry.ts';

const { planCycle, recordCycle } = proxyActivities<PipelineActivities>({
  startToCloseTimeout: '2 minutes',
  retry: infraRetry,
});

/**
 * One pipeline cycle: plan (which metrics, how many series, the window), then one child workflow per metric.
 * Started by the Schedule "vigil-pipeline" (workflow id `pipeline-<scheduled time>`), by `vigil pipeline run`
 * or by `temporal workflow start --type pipelineCycle`. A metric that fails does not stop the others; the
 * summary lists it, and the cycle fails only if every metric failed.
 */
export async function pipelineCycle(raw: CycleInput = {}): Promise<CycleSummary> {
  const input = checkInput('pipelineCycle', cycleInputSchema, raw);
  const cycleId = workflowInfo().workflowId;
  const startedAt = Date.now();
  const plan = await planCycle({ ...input, windowEnd: input.windowEnd ?? new Date(startedAt).toISOString() });
  // VigilMetric is a single Keyword: it is set on each metric's child, where the Web UI filters by it.
  upsertSearchAttributes({ VigilKind: ['pipeline'] });

  const children = await Promise.all(
    plan.metrics.map((m) =>
      startChild(metricCycle, {
        workflowId: `${cycleId}/${m.metric.name}`,
        args: [{ cycleId, analysisTaskQueue: plan.analysisTaskQueue, window: plan.window, plan: m }],
        parentClosePolicy: ParentClosePolicy.TERMINATE,
        searchAttributes: { VigilKind: ['pipeline-metric'], VigilMetric: [m.metric.name] },
        memo: { window: plan.window, series: m.seriesCount, shards: m.shards },
      }),
    ),
  );
  const settled = await Promise.allSettled(children.map((c) => c.result()));

  const metrics: MetricCycleSummary[] = [];
  const failedMetrics: CycleSummary['failedMetrics'] = [];
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') metrics.push(s.value);
    else
      failedMetrics.push({
        metric: plan.metrics[i]!.metric.name,
        error: String(s.reason?.cause?.message ?? s.reason),
      });
  });
  const summary: CycleSummary = {
    cycleId,
    window: plan.window,
    metrics,
    failedMetrics,
    durationMs: Date.now() - startedAt,
  };
  await recordCycle(summary);
  if (metrics.length === 0 && failedMetrics.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `every metric failed: ${failedMetrics.map((f) => `${f.metric}: ${f.error}`).join('; ')}`,
    );
  }
  return summary;
}
