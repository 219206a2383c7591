// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { SeriesBudget as _vigil_retrieval_v1_SeriesBudget, SeriesBudget__Output as _vigil_retrieval_v1_SeriesBudget__Output } from '../../../vigil/retrieval/v1/SeriesBudget.ts';

export interface ListSeriesBudgetsResponse {
  'series'?: (_vigil_retrieval_v1_SeriesBudget)[];
  'next_page_token'?: (string);
}

export interface ListSeriesBudgetsResponse__Output {
  'series': (_vigil_retrieval_v1_SeriesBudget__Output)[];
  'next_page_token': (string);
}
