// Original file: proto/vigil/retrieval/v1/retrieval.proto


// Original file: proto/vigil/retrieval/v1/retrieval.proto

export const _vigil_retrieval_v1_LabelMatcher_Op = {
  OP_UNSPECIFIED: 'OP_UNSPECIFIED',
  EQUAL: 'EQUAL',
  NOT_EQUAL: 'NOT_EQUAL',
  MATCH_REGEX: 'MATCH_REGEX',
  NOT_MATCH_REGEX: 'NOT_MATCH_REGEX',
} as const;

export type _vigil_retrieval_v1_LabelMatcher_Op =
  | 'OP_UNSPECIFIED'
  | 0
  | 'EQUAL'
  | 1
  | 'NOT_EQUAL'
  | 2
  | 'MATCH_REGEX'
  | 3
  | 'NOT_MATCH_REGEX'
  | 4

export type _vigil_retrieval_v1_LabelMatcher_Op__Output = typeof _vigil_retrieval_v1_LabelMatcher_Op[keyof typeof _vigil_retrieval_v1_LabelMatcher_Op]

export interface LabelMatcher {
  'label'?: (string);
  'op'?: (_vigil_retrieval_v1_LabelMatcher_Op);
  'value'?: (string);
}

export interface LabelMatcher__Output {
  'label': (string);
  'op': (_vigil_retrieval_v1_LabelMatcher_Op__Output);
  'value': (string);
}
