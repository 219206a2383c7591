// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { Long } from '@grpc/proto-loader';

export interface ListSeriesBudgetsRequest {
  'sla_id'?: (number | string | Long);
  'limit'?: (number);
  'page_token'?: (string);
}

export interface ListSeriesBudgetsRequest__Output {
  'sla_id': (number);
  'limit': (number);
  'page_token': (string);
}
