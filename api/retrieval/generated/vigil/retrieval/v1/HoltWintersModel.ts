// Original file: proto/vigil/retrieval/v1/retrieval.proto


export interface HoltWintersModel {
  'trend'?: (string);
  'seasonal'?: (string);
  'seasonal_periods'?: (number);
  'damped'?: (boolean);
  'alpha'?: (number | string);
  'beta'?: (number | string);
  'gamma'?: (number | string);
  'initial_level'?: (number | string);
  'initial_trend'?: (number | string);
  'sse'?: (number | string);
  '_seasonal_periods'?: "seasonal_periods";
  '_beta'?: "beta";
  '_gamma'?: "gamma";
  '_initial_trend'?: "initial_trend";
  '_sse'?: "sse";
}

export interface HoltWintersModel__Output {
  'trend': (string);
  'seasonal': (string);
  'seasonal_periods'?: (number);
  'damped': (boolean);
  'alpha': (number);
  'beta'?: (number);
  'gamma'?: (number);
  'initial_level': (number);
  'initial_trend'?: (number);
  'sse'?: (number);
  '_seasonal_periods'?: "seasonal_periods";
  '_beta'?: "beta";
  '_gamma'?: "gamma";
  '_initial_trend'?: "initial_trend";
  '_sse'?: "sse";
}
