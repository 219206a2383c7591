// Original file: proto/vigil/retrieval/v1/retrieval.proto


export interface ListSlosRequest {
  'limit'?: (number);
  'page_token'?: (string);
}

export interface ListSlosRequest__Output {
  'limit': (number);
  'page_token': (string);
}
