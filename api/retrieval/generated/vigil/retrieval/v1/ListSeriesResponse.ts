// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { SeriesSummary as _vigil_retrieval_v1_SeriesSummary, SeriesSummary__Output as _vigil_retrieval_v1_SeriesSummary__Output } from '../../../vigil/retrieval/v1/SeriesSummary.ts';

export interface ListSeriesResponse {
  'series'?: (_vigil_retrieval_v1_SeriesSummary)[];
  'next_page_token'?: (string);
}

export interface ListSeriesResponse__Output {
  'series': (_vigil_retrieval_v1_SeriesSummary__Output)[];
  'next_page_token': (string);
}
