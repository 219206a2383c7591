// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.ts';

export interface MetricSummary {
  'metric'?: (string);
  'series_count'?: (number);
  'last_seen'?: (_google_protobuf_Timestamp | null);
}

export interface MetricSummary__Output {
  'metric': (string);
  'series_count': (number);
  'last_seen': (_google_protobuf_Timestamp__Output | null);
}
