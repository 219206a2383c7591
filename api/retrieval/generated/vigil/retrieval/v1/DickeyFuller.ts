// Original file: proto/vigil/retrieval/v1/retrieval.proto


export interface DickeyFuller {
  'statistic'?: (number | string);
  'pvalue'?: (number | string);
  'used_lag'?: (number);
  'nobs'?: (number);
  'critical_1pct'?: (number | string);
  'critical_5pct'?: (number | string);
  'critical_10pct'?: (number | string);
  'icbest'?: (number | string);
  'stationary'?: (boolean);
  '_icbest'?: "icbest";
}

export interface DickeyFuller__Output {
  'statistic': (number);
  'pvalue': (number);
  'used_lag': (number);
  'nobs': (number);
  'critical_1pct': (number);
  'critical_5pct': (number);
  'critical_10pct': (number);
  'icbest'?: (number);
  'stationary': (boolean);
  '_icbest'?: "icbest";
}
