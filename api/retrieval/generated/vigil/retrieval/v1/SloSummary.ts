// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { SloBudget as _vigil_retrieval_v1_SloBudget, SloBudget__Output as _vigil_retrieval_v1_SloBudget__Output } from '../../../vigil/retrieval/v1/SloBudget.ts';
import type { Long } from '@grpc/proto-loader';

export interface SloSummary {
  'sla_id'?: (number | string | Long);
  'name'?: (string);
  'metric'?: (string);
  'stale'?: (boolean);
  'budget'?: (_vigil_retrieval_v1_SloBudget | null);
}

export interface SloSummary__Output {
  'sla_id': (number);
  'name': (string);
  'metric': (string);
  'stale': (boolean);
  'budget': (_vigil_retrieval_v1_SloBudget__Output | null);
}
