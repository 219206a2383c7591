import type { AnalyzeParamsInput } from '../analytics/params.ts';
import type { LabelMatch } from './label-matcher.ts';

/** What travels through workflow history: plans and small summaries, never series data. */

export interface CycleInput {
  /** Only these catalog metrics (default: all). Unknown names fail the cycle, non-retryably. */
  metrics?: string[];
  /** The window's end, ISO-8601; default: the workflow's start time floored to the step. Tests pin it. */
  windowEnd?: string;
}

export interface CycleWindow {
  start: string;
  end: string;
  stepSeconds: number;
}

export interface MetricPlan {
  metric: { name: string; matchers: LabelMatch[]; params: AnalyzeParamsInput };
  seriesCount: number;
  shards: number;
}

export interface CyclePlan {
  window: CycleWindow;
  /** Where analyzeShard runs: a separate worker, so CPU-heavy analysis never delays workflow tasks. */
  analysisTaskQueue: string;
  metrics: MetricPlan[];
}

export interface MetricCycleInput {
  cycleId: string;
  analysisTaskQueue: string;
  window: CycleWindow;
  plan: MetricPlan;
  /** For continue-as-new: where to resume, and what the earlier runs already did. */
  fromShard?: number;
  carried?: ShardSummary;
  /** Workflow time (ms) when the first run started, so the duration spans continue-as-new. */
  startedAt?: number;
}

export interface ShardInput {
  cycleId: string;
  window: CycleWindow;
  metric: MetricPlan['metric'];
  shard: number;
  shards: number;
}

export interface ShardSummary {
  series: number;
  published: number;
  /** Analysis section errors by `section:code`, e.g. `holt_winters:TOO_FEW_POINTS`. */
  analysisErrors: Record<string, number>;
  /** Series not published because their message exceeds Kafka's size limit even compressed (MESSAGE_TOO_LARGE). */
  tooLarge: number;
  /** Their keys, the first TOO_LARGE_KEYS_KEPT (history stays small). */
  tooLargeSeries: string[];
  fetchMs: number;
  analyzeMs: number;
  publishMs: number;
}

export interface MetricCycleSummary extends ShardSummary {
  metric: string;
  durationMs: number;
}

export interface CycleSummary {
  cycleId: string;
  window: CycleWindow;
  metrics: MetricCycleSummary[];
  failedMetrics: { metric: string; error: string }[];
  durationMs: number;
}

export const TOO_LARGE_KEYS_KEPT = 20;

export function emptySummary(): ShardSummary {
  return {
    series: 0,
    published: 0,
    analysisErrors: {},
    tooLarge: 0,
    tooLargeSeries: [],
    fetchMs: 0,
    analyzeMs: 0,
    publishMs: 0,
  };
}

export function addSummaries(a: ShardSummary, b: ShardSummary): ShardSummary {
  const analysisErrors = { ...a.analysisErrors };
  for (const [k, n] of Object.entries(b.analysisErrors)) analysisErrors[k] = (analysisErrors[k] ?? 0) + n;
  return {
    series: a.series + b.series,
    published: a.published + b.published,
    analysisErrors,
    // Summaries carried over from runs recorded before these fields existed have none.
    tooLarge: (a.tooLarge ?? 0) + (b.tooLarge ?? 0),
    tooLargeSeries: [...(a.tooLargeSeries ?? []), ...(b.tooLargeSeries ?? [])].slice(0, TOO_LARGE_KEYS_KEPT),
    fetchMs: a.fetchMs + b.fetchMs,
    analyzeMs: a.analyzeMs + b.analyzeMs,
    publishMs: a.publishMs + b.publishMs,
  };
}
