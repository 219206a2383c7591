// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { Long } from '@grpc/proto-loader';

export interface GetSloBudgetRequest {
  'sla_id'?: (number | string | Long);
}

export interface GetSloBudgetRequest__Output {
  'sla_id': (number);
}
