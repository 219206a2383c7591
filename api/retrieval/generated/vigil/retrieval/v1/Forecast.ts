// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type { RunRef as _vigil_retrieval_v1_RunRef, RunRef__Output as _vigil_retrieval_v1_RunRef__Output } from '../../../vigil/retrieval/v1/RunRef.ts';
import type { HoltWintersModel as _vigil_retrieval_v1_HoltWintersModel, HoltWintersModel__Output as _vigil_retrieval_v1_HoltWintersModel__Output } from '../../../vigil/retrieval/v1/HoltWintersModel.ts';
import type { ForecastPoint as _vigil_retrieval_v1_ForecastPoint, ForecastPoint__Output as _vigil_retrieval_v1_ForecastPoint__Output } from '../../../vigil/retrieval/v1/ForecastPoint.ts';
import type { SectionError as _vigil_retrieval_v1_SectionError, SectionError__Output as _vigil_retrieval_v1_SectionError__Output } from '../../../vigil/retrieval/v1/SectionError.ts';
import type { ForecastChoice as _vigil_retrieval_v1_ForecastChoice, ForecastChoice__Output as _vigil_retrieval_v1_ForecastChoice__Output } from '../../../vigil/retrieval/v1/ForecastChoice.ts';

export interface Forecast {
  'run'?: (_vigil_retrieval_v1_RunRef | null);
  'model'?: (_vigil_retrieval_v1_HoltWintersModel | null);
  'points'?: (_vigil_retrieval_v1_ForecastPoint)[];
  'error'?: (_vigil_retrieval_v1_SectionError | null);
  'choice'?: (_vigil_retrieval_v1_ForecastChoice | null);
}

export interface Forecast__Output {
  'run': (_vigil_retrieval_v1_RunRef__Output | null);
  'model': (_vigil_retrieval_v1_HoltWintersModel__Output | null);
  'points': (_vigil_retrieval_v1_ForecastPoint__Output)[];
  'error': (_vigil_retrieval_v1_SectionError__Output | null);
  'choice': (_vigil_retrieval_v1_ForecastChoice__Output | null);
}
