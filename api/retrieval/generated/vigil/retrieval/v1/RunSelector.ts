// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { TimeRange as _vigil_retrieval_v1_TimeRange, TimeRange__Output as _vigil_retrieval_v1_TimeRange__Output } from '../../../vigil/retrieval/v1/TimeRange.ts';
import type { Long } from '@grpc/proto-loader';

export interface RunSelector {
  'latest'?: (boolean);
  'run_id'?: (number | string | Long);
  'window_end'?: (_vigil_retrieval_v1_TimeRange | null);
  'selector'?: "latest"|"run_id"|"window_end";
}

export interface RunSelector__Output {
  'latest'?: (boolean);
  'run_id'?: (number);
  'window_end'?: (_vigil_retrieval_v1_TimeRange__Output | null);
  'selector'?: "latest"|"run_id"|"window_end";
}
