// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { DickeyFullerResult as _vigil_retrieval_v1_DickeyFullerResult, DickeyFullerResult__Output as _vigil_retrieval_v1_DickeyFullerResult__Output } from '../../../vigil/retrieval/v1/DickeyFullerResult.ts';

export interface GetDickeyFullerResponse {
  'results'?: (_vigil_retrieval_v1_DickeyFullerResult)[];
  'next_page_token'?: (string);
}

export interface GetDickeyFullerResponse__Output {
  'results': (_vigil_retrieval_v1_DickeyFullerResult__Output)[];
  'next_page_token': (string);
}
