// Original file: proto/vigil/retrieval/v1/retrieval.proto


export interface ListMetricsRequest {
}

export interface ListMetricsRequest__Output {
}
