// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { RunRef as _vigil_retrieval_v1_RunRef, RunRef__Output as _vigil_retrieval_v1_RunRef__Output } from '../../../vigil/retrieval/v1/RunRef.ts';
import type { AutocorrelationValue as _vigil_retrieval_v1_AutocorrelationValue, AutocorrelationValue__Output as _vigil_retrieval_v1_AutocorrelationValue__Output } from '../../../vigil/retrieval/v1/AutocorrelationValue.ts';
import type { SectionError as _vigil_retrieval_v1_SectionError, SectionError__Output as _vigil_retrieval_v1_SectionError__Output } from '../../../vigil/retrieval/v1/SectionError.ts';

export interface AutocorrelationPage {
  'run'?: (_vigil_retrieval_v1_RunRef | null);
  'values'?: (_vigil_retrieval_v1_AutocorrelationValue)[];
  'next_page_token'?: (string);
  'error'?: (_vigil_retrieval_v1_SectionError | null);
}

export interface AutocorrelationPage__Output {
  'run': (_vigil_retrieval_v1_RunRef__Output | null);
  'values': (_vigil_retrieval_v1_AutocorrelationValue__Output)[];
  'next_page_token': (string);
  'error': (_vigil_retrieval_v1_SectionError__Output | null);
}
