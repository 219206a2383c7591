// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { RunRef as _vigil_retrieval_v1_RunRef, RunRef__Output as _vigil_retrieval_v1_RunRef__Output } from '../../../vigil/retrieval/v1/RunRef.ts';
import type { DecompositionPoint as _vigil_retrieval_v1_DecompositionPoint, DecompositionPoint__Output as _vigil_retrieval_v1_DecompositionPoint__Output } from '../../../vigil/retrieval/v1/DecompositionPoint.ts';
import type { SectionError as _vigil_retrieval_v1_SectionError, SectionError__Output as _vigil_retrieval_v1_SectionError__Output } from '../../../vigil/retrieval/v1/SectionError.ts';

export interface DecompositionPage {
  'run'?: (_vigil_retrieval_v1_RunRef | null);
  'period'?: (number);
  'points'?: (_vigil_retrieval_v1_DecompositionPoint)[];
  'next_page_token'?: (string);
  'error'?: (_vigil_retrieval_v1_SectionError | null);
}

export interface DecompositionPage__Output {
  'run': (_vigil_retrieval_v1_RunRef__Output | null);
  'period': (number);
  'points': (_vigil_retrieval_v1_DecompositionPoint__Output)[];
  'next_page_token': (string);
  'error': (_vigil_retrieval_v1_SectionError__Output | null);
}
