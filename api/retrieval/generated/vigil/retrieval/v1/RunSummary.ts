// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { RunRef as _vigil_retrieval_v1_RunRef, RunRef__Output as _vigil_retrieval_v1_RunRef__Output } from '../../../vigil/retrieval/v1/RunRef.ts';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.ts';
import type { SectionError as _vigil_retrieval_v1_SectionError, SectionError__Output as _vigil_retrieval_v1_SectionError__Output } from '../../../vigil/retrieval/v1/SectionError.ts';

export interface RunSummary {
  'run'?: (_vigil_retrieval_v1_RunRef | null);
  'produced_at'?: (_google_protobuf_Timestamp | null);
  'step_seconds'?: (number);
  'points'?: (number);
  'first_sample'?: (_google_protobuf_Timestamp | null);
  'last_sample'?: (_google_protobuf_Timestamp | null);
  'errors'?: (_vigil_retrieval_v1_SectionError)[];
}

export interface RunSummary__Output {
  'run': (_vigil_retrieval_v1_RunRef__Output | null);
  'produced_at': (_google_protobuf_Timestamp__Output | null);
  'step_seconds': (number);
  'points': (number);
  'first_sample': (_google_protobuf_Timestamp__Output | null);
  'last_sample': (_google_protobuf_Timestamp__Output | null);
  'errors': (_vigil_retrieval_v1_SectionError__Output)[];
}
