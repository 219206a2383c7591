// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { SloSummary as _vigil_retrieval_v1_SloSummary, SloSummary__Output as _vigil_retrieval_v1_SloSummary__Output } from '../../../vigil/retrieval/v1/SloSummary.ts';

export interface ListSlosResponse {
  'slos'?: (_vigil_retrieval_v1_SloSummary)[];
  'next_page_token'?: (string);
}

export interface ListSlosResponse__Output {
  'slos': (_vigil_retrieval_v1_SloSummary__Output)[];
  'next_page_token': (string);
}
