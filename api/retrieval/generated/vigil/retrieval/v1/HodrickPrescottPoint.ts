// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.ts';

export interface HodrickPrescottPoint {
  'index'?: (number);
  'timestamp'?: (_google_protobuf_Timestamp | null);
  'trend'?: (number | string);
  'cycle'?: (number | string);
  '_trend'?: "trend";
  '_cycle'?: "cycle";
}

export interface HodrickPrescottPoint__Output {
  'index': (number);
  'timestamp': (_google_protobuf_Timestamp__Output | null);
  'trend'?: (number);
  'cycle'?: (number);
  '_trend'?: "trend";
  '_cycle'?: "cycle";
}
