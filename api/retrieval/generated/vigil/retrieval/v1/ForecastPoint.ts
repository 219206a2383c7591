// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.ts';

export interface ForecastPoint {
  'step'?: (number);
  'at'?: (_google_protobuf_Timestamp | null);
  'value'?: (number | string);
  'lower_80'?: (number | string);
  'upper_80'?: (number | string);
  'lower_95'?: (number | string);
  'upper_95'?: (number | string);
  '_lower_80'?: "lower_80";
  '_upper_80'?: "upper_80";
  '_lower_95'?: "lower_95";
  '_upper_95'?: "upper_95";
}

export interface ForecastPoint__Output {
  'step': (number);
  'at': (_google_protobuf_Timestamp__Output | null);
  'value': (number);
  'lower_80'?: (number);
  'upper_80'?: (number);
  'lower_95'?: (number);
  'upper_95'?: (number);
  '_lower_80'?: "lower_80";
  '_upper_80'?: "upper_80";
  '_lower_95'?: "lower_95";
  '_upper_95'?: "upper_95";
}
