// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.ts';
import type { SloBurnRate as _vigil_retrieval_v1_SloBurnRate, SloBurnRate__Output as _vigil_retrieval_v1_SloBurnRate__Output } from '../../../vigil/retrieval/v1/SloBurnRate.ts';
import type { Long } from '@grpc/proto-loader';

export interface SeriesBudget {
  'labels'?: ({[key: string]: string});
  'at'?: (_google_protobuf_Timestamp | null);
  'events_good'?: (number | string | Long);
  'events_bad'?: (number | string | Long);
  'compliance'?: (number | string);
  'budget_allowed'?: (number | string);
  'budget_consumed'?: (number | string);
  'budget_remaining'?: (number | string);
  'budget_remaining_percent'?: (number | string);
  'burn_rates'?: (_vigil_retrieval_v1_SloBurnRate)[];
  'exhaustion_at_1h'?: (_google_protobuf_Timestamp | null);
  'exhaustion_at_6h'?: (_google_protobuf_Timestamp | null);
  '_compliance'?: "compliance";
  '_budget_remaining_percent'?: "budget_remaining_percent";
}

export interface SeriesBudget__Output {
  'labels': ({[key: string]: string});
  'at': (_google_protobuf_Timestamp__Output | null);
  'events_good': (number);
  'events_bad': (number);
  'compliance'?: (number);
  'budget_allowed': (number);
  'budget_consumed': (number);
  'budget_remaining': (number);
  'budget_remaining_percent'?: (number);
  'burn_rates': (_vigil_retrieval_v1_SloBurnRate__Output)[];
  'exhaustion_at_1h': (_google_protobuf_Timestamp__Output | null);
  'exhaustion_at_6h': (_google_protobuf_Timestamp__Output | null);
  '_compliance'?: "compliance";
  '_budget_remaining_percent'?: "budget_remaining_percent";
}
