import type { createAnalyzeShard } from './analyze-shard.ts';
import type { createPlanCycle } from './plan-cycle.ts';
import type { recordCycle } from './record-cycle.ts';

/** The activity interfaces the pipeline workflows proxy (types only; workflows never import implementations). */
export interface PipelineActivities {
  planCycle: ReturnType<typeof createPlanCycle>;
  recordCycle: typeof recordCycle;
}

export interface AnalysisActivities {
  analyzeShard: ReturnType<typeof createAnalyzeShard>;
}
