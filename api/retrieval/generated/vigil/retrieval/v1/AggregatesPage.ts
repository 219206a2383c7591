// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { RunRef as _vigil_retrieval_v1_RunRef, RunRef__Output as _vigil_retrieval_v1_RunRef__Output } from '../../../vigil/retrieval/v1/RunRef.ts';
import type { Aggregate as _vigil_retrieval_v1_Aggregate, Aggregate__Output as _vigil_retrieval_v1_Aggregate__Output } from '../../../vigil/retrieval/v1/Aggregate.ts';

export interface AggregatesPage {
  'run'?: (_vigil_retrieval_v1_RunRef | null);
  'aggregates'?: (_vigil_retrieval_v1_Aggregate)[];
  'next_page_token'?: (string);
}

export interface AggregatesPage__Output {
  'run': (_vigil_retrieval_v1_RunRef__Output | null);
  'aggregates': (_vigil_retrieval_v1_Aggregate__Output)[];
  'next_page_token': (string);
}
