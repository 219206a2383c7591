// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { RunRef as _vigil_retrieval_v1_RunRef, RunRef__Output as _vigil_retrieval_v1_RunRef__Output } from '../../../vigil/retrieval/v1/RunRef.ts';
import type { DickeyFuller as _vigil_retrieval_v1_DickeyFuller, DickeyFuller__Output as _vigil_retrieval_v1_DickeyFuller__Output } from '../../../vigil/retrieval/v1/DickeyFuller.ts';
import type { SectionError as _vigil_retrieval_v1_SectionError, SectionError__Output as _vigil_retrieval_v1_SectionError__Output } from '../../../vigil/retrieval/v1/SectionError.ts';

export interface DickeyFullerResult {
  'run'?: (_vigil_retrieval_v1_RunRef | null);
  'adf'?: (_vigil_retrieval_v1_DickeyFuller | null);
  'error'?: (_vigil_retrieval_v1_SectionError | null);
  'outcome'?: "adf"|"error";
}

export interface DickeyFullerResult__Output {
  'run': (_vigil_retrieval_v1_RunRef__Output | null);
  'adf'?: (_vigil_retrieval_v1_DickeyFuller__Output | null);
  'error'?: (_vigil_retrieval_v1_SectionError__Output | null);
  'outcome'?: "adf"|"error";
}
