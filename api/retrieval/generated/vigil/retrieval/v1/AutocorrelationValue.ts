// Original file: proto/vigil/retrieval/v1/retrieval.proto


export interface AutocorrelationValue {
  'lag'?: (number);
  'value'?: (number | string);
  '_value'?: "value";
}

export interface AutocorrelationValue__Output {
  'lag': (number);
  'value'?: (number);
  '_value'?: "value";
}
