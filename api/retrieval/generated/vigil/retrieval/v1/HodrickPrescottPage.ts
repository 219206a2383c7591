// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { RunRef as _vigil_retrieval_v1_RunRef, RunRef__Output as _vigil_retrieval_v1_RunRef__Output } from '../../../vigil/retrieval/v1/RunRef.ts';
import type { HodrickPrescottPoint as _vigil_retrieval_v1_HodrickPrescottPoint, HodrickPrescottPoint__Output as _vigil_retrieval_v1_HodrickPrescottPoint__Output } from '../../../vigil/retrieval/v1/HodrickPrescottPoint.ts';
import type { SectionError as _vigil_retrieval_v1_SectionError, SectionError__Output as _vigil_retrieval_v1_SectionError__Output } from '../../../vigil/retrieval/v1/SectionError.ts';

export interface HodrickPrescottPage {
  'run'?: (_vigil_retrieval_v1_RunRef | null);
  'lambda'?: (number | string);
  'points'?: (_vigil_retrieval_v1_HodrickPrescottPoint)[];
  'next_page_token'?: (string);
  'error'?: (_vigil_retrieval_v1_SectionError | null);
}

export interface HodrickPrescottPage__Output {
  'run': (_vigil_retrieval_v1_RunRef__Output | null);
  'lambda': (number);
  'points': (_vigil_retrieval_v1_HodrickPrescottPoint__Output)[];
  'next_page_token': (string);
  'error': (_vigil_retrieval_v1_SectionError__Output | null);
}
