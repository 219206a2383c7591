// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { MetricSummary as _vigil_retrieval_v1_MetricSummary, MetricSummary__Output as _vigil_retrieval_v1_MetricSummary__Output } from '../../../vigil/retrieval/v1/MetricSummary.ts';

export interface ListMetricsResponse {
  'metrics'?: (_vigil_retrieval_v1_MetricSummary)[];
}

export interface ListMetricsResponse__Output {
  'metrics': (_vigil_retrieval_v1_MetricSummary__Output)[];
}
