// Original file: proto/vigil/retrieval/v1/retrieval.proto


export interface ForecastChoice {
  'model'?: (string);
  'ranked'?: (boolean);
  'rank_age'?: (number);
  'period'?: (number);
  'period_source'?: (string);
  'mase'?: (number | string);
  'runner_up'?: (string);
  'runner_up_mase'?: (number | string);
  'interval_method'?: (string);
  'anomaly'?: (boolean);
  '_period'?: "period";
  '_mase'?: "mase";
  '_runner_up'?: "runner_up";
  '_runner_up_mase'?: "runner_up_mase";
  '_anomaly'?: "anomaly";
}

export interface ForecastChoice__Output {
  'model': (string);
  'ranked': (boolean);
  'rank_age': (number);
  'period'?: (number);
  'period_source': (string);
  'mase'?: (number);
  'runner_up'?: (string);
  'runner_up_mase'?: (number);
  'interval_method': (string);
  'anomaly'?: (boolean);
  '_period'?: "period";
  '_mase'?: "mase";
  '_runner_up'?: "runner_up";
  '_runner_up_mase'?: "runner_up_mase";
  '_anomaly'?: "anomaly";
}
