// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.ts';

export interface ForecastPoint {
  'step'?: (number);
  'at'?: (_google_protobuf_Timestamp | null);
  'value'?: (number | string);
}

export interface ForecastPoint__Output {
  'step': (number);
  'at': (_google_protobuf_Timestamp__Output | null);
  'value': (number);
}
