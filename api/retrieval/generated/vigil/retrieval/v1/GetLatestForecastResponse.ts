// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { Forecast as _vigil_retrieval_v1_Forecast, Forecast__Output as _vigil_retrieval_v1_Forecast__Output } from '../../../vigil/retrieval/v1/Forecast.ts';

export interface GetLatestForecastResponse {
  'forecasts'?: (_vigil_retrieval_v1_Forecast)[];
  'next_page_token'?: (string);
}

export interface GetLatestForecastResponse__Output {
  'forecasts': (_vigil_retrieval_v1_Forecast__Output)[];
  'next_page_token': (string);
}
