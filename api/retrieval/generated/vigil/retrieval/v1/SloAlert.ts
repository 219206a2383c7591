// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.ts';

// Original file: proto/vigil/retrieval/v1/retrieval.proto

export const _vigil_retrieval_v1_SloAlert_State = {
  STATE_UNSPECIFIED: 'STATE_UNSPECIFIED',
  OK: 'OK',
  PENDING: 'PENDING',
  FIRING: 'FIRING',
} as const;

export type _vigil_retrieval_v1_SloAlert_State =
  | 'STATE_UNSPECIFIED'
  | 0
  | 'OK'
  | 1
  | 'PENDING'
  | 2
  | 'FIRING'
  | 3

export type _vigil_retrieval_v1_SloAlert_State__Output = typeof _vigil_retrieval_v1_SloAlert_State[keyof typeof _vigil_retrieval_v1_SloAlert_State]

export interface SloAlert {
  'name'?: (string);
  'severity'?: (string);
  'long_window'?: (string);
  'short_window'?: (string);
  'threshold'?: (number | string);
  'burn_long'?: (number | string);
  'burn_short'?: (number | string);
  'active'?: (boolean);
  'state'?: (_vigil_retrieval_v1_SloAlert_State);
  'since'?: (_google_protobuf_Timestamp | null);
  '_burn_long'?: "burn_long";
  '_burn_short'?: "burn_short";
}

export interface SloAlert__Output {
  'name': (string);
  'severity': (string);
  'long_window': (string);
  'short_window': (string);
  'threshold': (number);
  'burn_long'?: (number);
  'burn_short'?: (number);
  'active': (boolean);
  'state': (_vigil_retrieval_v1_SloAlert_State__Output);
  'since': (_google_protobuf_Timestamp__Output | null);
  '_burn_long'?: "burn_long";
  '_burn_short'?: "burn_short";
}
