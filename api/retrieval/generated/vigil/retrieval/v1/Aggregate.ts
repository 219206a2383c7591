// Original file: proto/vigil/retrieval/v1/retrieval.proto


// Original file: proto/vigil/retrieval/v1/retrieval.proto

export const _vigil_retrieval_v1_Aggregate_Kind = {
  KIND_UNSPECIFIED: 'KIND_UNSPECIFIED',
  TRAILING: 'TRAILING',
  RESAMPLED: 'RESAMPLED',
  PREDICTED: 'PREDICTED',
} as const;

export type _vigil_retrieval_v1_Aggregate_Kind =
  | 'KIND_UNSPECIFIED'
  | 0
  | 'TRAILING'
  | 1
  | 'RESAMPLED'
  | 2
  | 'PREDICTED'
  | 3

export type _vigil_retrieval_v1_Aggregate_Kind__Output = typeof _vigil_retrieval_v1_Aggregate_Kind[keyof typeof _vigil_retrieval_v1_Aggregate_Kind]

export interface Aggregate {
  'kind'?: (_vigil_retrieval_v1_Aggregate_Kind);
  'window'?: (string);
  'sample_count'?: (number);
  'bucket_count'?: (number);
  'non_empty_buckets'?: (number);
  'max'?: (number | string);
  'min'?: (number | string);
  'mean'?: (number | string);
  'std'?: (number | string);
  '_sample_count'?: "sample_count";
  '_bucket_count'?: "bucket_count";
  '_non_empty_buckets'?: "non_empty_buckets";
  '_max'?: "max";
  '_min'?: "min";
  '_mean'?: "mean";
  '_std'?: "std";
}

export interface Aggregate__Output {
  'kind': (_vigil_retrieval_v1_Aggregate_Kind__Output);
  'window': (string);
  'sample_count'?: (number);
  'bucket_count'?: (number);
  'non_empty_buckets'?: (number);
  'max'?: (number);
  'min'?: (number);
  'mean'?: (number);
  'std'?: (number);
  '_sample_count'?: "sample_count";
  '_bucket_count'?: "bucket_count";
  '_non_empty_buckets'?: "non_empty_buckets";
  '_max'?: "max";
  '_min'?: "min";
  '_mean'?: "mean";
  '_std'?: "std";
}
