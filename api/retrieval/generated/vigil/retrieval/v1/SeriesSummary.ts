// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { Series as _vigil_retrieval_v1_Series, Series__Output as _vigil_retrieval_v1_Series__Output } from '../../../vigil/retrieval/v1/Series.ts';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.ts';

export interface SeriesSummary {
  'series'?: (_vigil_retrieval_v1_Series | null);
  'first_seen'?: (_google_protobuf_Timestamp | null);
  'last_seen'?: (_google_protobuf_Timestamp | null);
}

export interface SeriesSummary__Output {
  'series': (_vigil_retrieval_v1_Series__Output | null);
  'first_seen': (_google_protobuf_Timestamp__Output | null);
  'last_seen': (_google_protobuf_Timestamp__Output | null);
}
