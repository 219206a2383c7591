// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { RunSummary as _vigil_retrieval_v1_RunSummary, RunSummary__Output as _vigil_retrieval_v1_RunSummary__Output } from '../../../vigil/retrieval/v1/RunSummary.ts';

export interface ListRunsResponse {
  'runs'?: (_vigil_retrieval_v1_RunSummary)[];
  'next_page_token'?: (string);
}

export interface ListRunsResponse__Output {
  'runs': (_vigil_retrieval_v1_RunSummary__Output)[];
  'next_page_token': (string);
}
