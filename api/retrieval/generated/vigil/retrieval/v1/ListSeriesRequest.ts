// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { LabelMatcher as _vigil_retrieval_v1_LabelMatcher, LabelMatcher__Output as _vigil_retrieval_v1_LabelMatcher__Output } from '../../../vigil/retrieval/v1/LabelMatcher.ts';

export interface ListSeriesRequest {
  'metric'?: (string);
  'matchers'?: (_vigil_retrieval_v1_LabelMatcher)[];
  'limit'?: (number);
  'page_token'?: (string);
}

export interface ListSeriesRequest__Output {
  'metric': (string);
  'matchers': (_vigil_retrieval_v1_LabelMatcher__Output)[];
  'limit': (number);
  'page_token': (string);
}
