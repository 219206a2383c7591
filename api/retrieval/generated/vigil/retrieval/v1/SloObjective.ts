// Original file: proto/vigil/retrieval/v1/retrieval.proto


export interface SloObjective {
  'target'?: (number | string);
  'window'?: (string);
}

export interface SloObjective__Output {
  'target': (number);
  'window': (string);
}
