// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { LabelMatcher as _vigil_retrieval_v1_LabelMatcher, LabelMatcher__Output as _vigil_retrieval_v1_LabelMatcher__Output } from '../../../vigil/retrieval/v1/LabelMatcher.ts';
import type { RunSelector as _vigil_retrieval_v1_RunSelector, RunSelector__Output as _vigil_retrieval_v1_RunSelector__Output } from '../../../vigil/retrieval/v1/RunSelector.ts';

export interface RunQuery {
  'metric'?: (string);
  'matchers'?: (_vigil_retrieval_v1_LabelMatcher)[];
  'runs'?: (_vigil_retrieval_v1_RunSelector | null);
  'limit'?: (number);
  'page_token'?: (string);
  'page_size'?: (number);
}

export interface RunQuery__Output {
  'metric': (string);
  'matchers': (_vigil_retrieval_v1_LabelMatcher__Output)[];
  'runs': (_vigil_retrieval_v1_RunSelector__Output | null);
  'limit': (number);
  'page_token': (string);
  'page_size': (number);
}
