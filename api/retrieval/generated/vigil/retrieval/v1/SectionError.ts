// Original file: proto/vigil/retrieval/v1/retrieval.proto


export interface SectionError {
  'section'?: (string);
  'code'?: (string);
  'message'?: (string);
}

export interface SectionError__Output {
  'section': (string);
  'code': (string);
  'message': (string);
}
