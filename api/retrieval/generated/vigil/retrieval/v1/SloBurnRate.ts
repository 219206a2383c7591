// Original file: proto/vigil/retrieval/v1/retrieval.proto


export interface SloBurnRate {
  'window'?: (string);
  'rate'?: (number | string);
  '_rate'?: "rate";
}

export interface SloBurnRate__Output {
  'window': (string);
  'rate'?: (number);
  '_rate'?: "rate";
}
