// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.ts';

export interface DecompositionPoint {
  'index'?: (number);
  'timestamp'?: (_google_protobuf_Timestamp | null);
  'trend'?: (number | string);
  'seasonal'?: (number | string);
  'resid'?: (number | string);
  '_trend'?: "trend";
  '_seasonal'?: "seasonal";
  '_resid'?: "resid";
}

export interface DecompositionPoint__Output {
  'index': (number);
  'timestamp': (_google_protobuf_Timestamp__Output | null);
  'trend'?: (number);
  'seasonal'?: (number);
  'resid'?: (number);
  '_trend'?: "trend";
  '_seasonal'?: "seasonal";
  '_resid'?: "resid";
}
