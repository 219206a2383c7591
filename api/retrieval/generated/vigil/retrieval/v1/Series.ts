// Original file: proto/vigil/retrieval/v1/retrieval.proto


export interface Series {
  'key'?: (string);
  'metric'?: (string);
  'labels'?: ({[key: string]: string});
}

export interface Series__Output {
  'key': (string);
  'metric': (string);
  'labels': ({[key: string]: string});
}
