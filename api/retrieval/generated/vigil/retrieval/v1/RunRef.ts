// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { Series as _vigil_retrieval_v1_Series, Series__Output as _vigil_retrieval_v1_Series__Output } from '../../../vigil/retrieval/v1/Series.ts';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.ts';
import type { Long } from '@grpc/proto-loader';

export interface RunRef {
  'run_id'?: (number | string | Long);
  'cycle_id'?: (string);
  'series'?: (_vigil_retrieval_v1_Series | null);
  'window_start'?: (_google_protobuf_Timestamp | null);
  'window_end'?: (_google_protobuf_Timestamp | null);
}

export interface RunRef__Output {
  'run_id': (number);
  'cycle_id': (string);
  'series': (_vigil_retrieval_v1_Series__Output | null);
  'window_start': (_google_protobuf_Timestamp__Output | null);
  'window_end': (_google_protobuf_Timestamp__Output | null);
}
