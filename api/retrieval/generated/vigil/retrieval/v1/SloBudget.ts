// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { SloObjective as _vigil_retrieval_v1_SloObjective, SloObjective__Output as _vigil_retrieval_v1_SloObjective__Output } from '../../../vigil/retrieval/v1/SloObjective.ts';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.ts';
import type { SloBurnRate as _vigil_retrieval_v1_SloBurnRate, SloBurnRate__Output as _vigil_retrieval_v1_SloBurnRate__Output } from '../../../vigil/retrieval/v1/SloBurnRate.ts';
import type { SloAlert as _vigil_retrieval_v1_SloAlert, SloAlert__Output as _vigil_retrieval_v1_SloAlert__Output } from '../../../vigil/retrieval/v1/SloAlert.ts';
import type { Long } from '@grpc/proto-loader';

export interface SloBudget {
  'objective'?: (_vigil_retrieval_v1_SloObjective | null);
  'window_start'?: (_google_protobuf_Timestamp | null);
  'window_end'?: (_google_protobuf_Timestamp | null);
  'window_minutes'?: (number);
  'at'?: (_google_protobuf_Timestamp | null);
  'evaluated_minutes'?: (number);
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
  'alerts'?: (_vigil_retrieval_v1_SloAlert)[];
  'absent'?: (boolean);
  'absent_since'?: (_google_protobuf_Timestamp | null);
  '_compliance'?: "compliance";
  '_budget_remaining_percent'?: "budget_remaining_percent";
}

export interface SloBudget__Output {
  'objective': (_vigil_retrieval_v1_SloObjective__Output | null);
  'window_start': (_google_protobuf_Timestamp__Output | null);
  'window_end': (_google_protobuf_Timestamp__Output | null);
  'window_minutes': (number);
  'at': (_google_protobuf_Timestamp__Output | null);
  'evaluated_minutes': (number);
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
  'alerts': (_vigil_retrieval_v1_SloAlert__Output)[];
  'absent': (boolean);
  'absent_since': (_google_protobuf_Timestamp__Output | null);
  '_compliance'?: "compliance";
  '_budget_remaining_percent'?: "budget_remaining_percent";
}
