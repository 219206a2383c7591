/**
 * The retrieval messages under the names the code uses, as generated from retrieval.proto (generated/, by
 * scripts/proto-types.ts with proto.ts's loader options: snake_case, numbers for 64-bit integers, enum names).
 * Requests are the generator's permissive input types (a client may leave any field out; proto-loader fills the
 * defaults before a handler sees them); responses and their parts are its output types, whose proto3 `optional`
 * fields stay absent when the analysis had no value.
 */
import type { Timestamp__Output } from './generated/google/protobuf/Timestamp.ts';
import type {
  _vigil_retrieval_v1_Aggregate_Kind__Output,
  Aggregate__Output,
} from './generated/vigil/retrieval/v1/Aggregate.ts';
import type { AggregatesPage__Output } from './generated/vigil/retrieval/v1/AggregatesPage.ts';
import type { AutocorrelationPage__Output } from './generated/vigil/retrieval/v1/AutocorrelationPage.ts';
import type { AutocorrelationValue__Output } from './generated/vigil/retrieval/v1/AutocorrelationValue.ts';
import type { DecompositionPage__Output } from './generated/vigil/retrieval/v1/DecompositionPage.ts';
import type { DecompositionPoint__Output } from './generated/vigil/retrieval/v1/DecompositionPoint.ts';
import type { DickeyFuller__Output } from './generated/vigil/retrieval/v1/DickeyFuller.ts';
import type { DickeyFullerResult__Output } from './generated/vigil/retrieval/v1/DickeyFullerResult.ts';
import type { Forecast__Output } from './generated/vigil/retrieval/v1/Forecast.ts';
import type { ForecastChoice__Output } from './generated/vigil/retrieval/v1/ForecastChoice.ts';
import type { ForecastPoint__Output } from './generated/vigil/retrieval/v1/ForecastPoint.ts';
import type { GetDickeyFullerResponse__Output } from './generated/vigil/retrieval/v1/GetDickeyFullerResponse.ts';
import type { GetLatestForecastResponse__Output } from './generated/vigil/retrieval/v1/GetLatestForecastResponse.ts';
import type { GetSloBudgetRequest as GetSloBudgetRequestMessage } from './generated/vigil/retrieval/v1/GetSloBudgetRequest.ts';
import type { HodrickPrescottPage__Output } from './generated/vigil/retrieval/v1/HodrickPrescottPage.ts';
import type { HodrickPrescottPoint__Output } from './generated/vigil/retrieval/v1/HodrickPrescottPoint.ts';
import type { HoltWintersModel__Output } from './generated/vigil/retrieval/v1/HoltWintersModel.ts';
import type {
  _vigil_retrieval_v1_LabelMatcher_Op__Output,
  LabelMatcher as LabelMatcherMessage,
} from './generated/vigil/retrieval/v1/LabelMatcher.ts';
import type { ListMetricsResponse__Output } from './generated/vigil/retrieval/v1/ListMetricsResponse.ts';
import type { ListRunsResponse__Output } from './generated/vigil/retrieval/v1/ListRunsResponse.ts';
import type { ListSeriesBudgetsRequest as ListSeriesBudgetsRequestMessage } from './generated/vigil/retrieval/v1/ListSeriesBudgetsRequest.ts';
import type { ListSeriesBudgetsResponse__Output } from './generated/vigil/retrieval/v1/ListSeriesBudgetsResponse.ts';
import type { ListSeriesRequest as ListSeriesRequestMessage } from './generated/vigil/retrieval/v1/ListSeriesRequest.ts';
import type { ListSeriesResponse__Output } from './generated/vigil/retrieval/v1/ListSeriesResponse.ts';
import type { ListSlosRequest as ListSlosRequestMessage } from './generated/vigil/retrieval/v1/ListSlosRequest.ts';
import type { ListSlosResponse__Output } from './generated/vigil/retrieval/v1/ListSlosResponse.ts';
import type { MetricSummary__Output } from './generated/vigil/retrieval/v1/MetricSummary.ts';
import type { RunQuery as RunQueryMessage } from './generated/vigil/retrieval/v1/RunQuery.ts';
import type { RunRef__Output } from './generated/vigil/retrieval/v1/RunRef.ts';
import type { RunSelector as RunSelectorMessage } from './generated/vigil/retrieval/v1/RunSelector.ts';
import type { RunSummary__Output } from './generated/vigil/retrieval/v1/RunSummary.ts';
import type { SectionError__Output } from './generated/vigil/retrieval/v1/SectionError.ts';
import type { Series__Output } from './generated/vigil/retrieval/v1/Series.ts';
import type { SeriesBudget__Output } from './generated/vigil/retrieval/v1/SeriesBudget.ts';
import type { SeriesSummary__Output } from './generated/vigil/retrieval/v1/SeriesSummary.ts';
import type {
  _vigil_retrieval_v1_SloAlert_State__Output,
  SloAlert__Output,
} from './generated/vigil/retrieval/v1/SloAlert.ts';
import type { SloBudget__Output } from './generated/vigil/retrieval/v1/SloBudget.ts';
import type { SloBurnRate__Output } from './generated/vigil/retrieval/v1/SloBurnRate.ts';
import type { SloSummary__Output } from './generated/vigil/retrieval/v1/SloSummary.ts';
import type { TimeRange as TimeRangeMessage } from './generated/vigil/retrieval/v1/TimeRange.ts';

export type Timestamp = Timestamp__Output;
export type MatcherOp = _vigil_retrieval_v1_LabelMatcher_Op__Output;
export type AggregateKind = _vigil_retrieval_v1_Aggregate_Kind__Output;
export type LabelMatcher = LabelMatcherMessage;
export type TimeRange = TimeRangeMessage;
export type RunSelector = RunSelectorMessage;
export type RunQuery = RunQueryMessage;
export type ListSeriesRequest = ListSeriesRequestMessage;
export type Series = Series__Output;
export type RunRef = RunRef__Output;
export type SectionError = SectionError__Output;
export type MetricSummary = MetricSummary__Output;
export type ListMetricsResponse = ListMetricsResponse__Output;
export type SeriesSummary = SeriesSummary__Output;
export type ListSeriesResponse = ListSeriesResponse__Output;
export type RunSummary = RunSummary__Output;
export type ListRunsResponse = ListRunsResponse__Output;
export type DickeyFuller = DickeyFuller__Output;
export type DickeyFullerResult = DickeyFullerResult__Output;
export type GetDickeyFullerResponse = GetDickeyFullerResponse__Output;
export type DecompositionPoint = DecompositionPoint__Output;
export type DecompositionPage = DecompositionPage__Output;
export type HodrickPrescottPoint = HodrickPrescottPoint__Output;
export type HodrickPrescottPage = HodrickPrescottPage__Output;
export type AutocorrelationValue = AutocorrelationValue__Output;
export type AutocorrelationPage = AutocorrelationPage__Output;
export type Aggregate = Aggregate__Output;
export type AggregatesPage = AggregatesPage__Output;
export type HoltWintersModel = HoltWintersModel__Output;
export type ForecastPoint = ForecastPoint__Output;
export type Forecast = Forecast__Output;
export type ForecastChoice = ForecastChoice__Output;
export type GetLatestForecastResponse = GetLatestForecastResponse__Output;
export type GetSloBudgetRequest = GetSloBudgetRequestMessage;
export type ListSlosRequest = ListSlosRequestMessage;
export type SloAlertState = _vigil_retrieval_v1_SloAlert_State__Output;
export type SloAlert = SloAlert__Output;
export type SloBurnRate = SloBurnRate__Output;
export type SloBudget = SloBudget__Output;
export type SloSummary = SloSummary__Output;
export type ListSlosResponse = ListSlosResponse__Output;
export type ListSeriesBudgetsRequest = ListSeriesBudgetsRequestMessage;
export type SeriesBudget = SeriesBudget__Output;
export type ListSeriesBudgetsResponse = ListSeriesBudgetsResponse__Output;

/** What each call takes and returns (a stream method returns a stream of its page type). */
export interface Calls {
  ListMetrics: { request: Record<string, never>; response: ListMetricsResponse };
  ListSeries: { request: ListSeriesRequest; response: ListSeriesResponse };
  ListRuns: { request: RunQuery; response: ListRunsResponse };
  GetDickeyFuller: { request: RunQuery; response: GetDickeyFullerResponse };
  GetLatestForecast: { request: RunQuery; response: GetLatestForecastResponse };
  ListDecomposition: { request: RunQuery; response: DecompositionPage };
  ListHodrickPrescott: { request: RunQuery; response: HodrickPrescottPage };
  ListAutocorrelation: { request: RunQuery; response: AutocorrelationPage };
  ListAggregates: { request: RunQuery; response: AggregatesPage };
  GetSloBudget: { request: GetSloBudgetRequest; response: SloBudget };
  ListSlos: { request: ListSlosRequest; response: ListSlosResponse };
  ListSeriesBudgets: { request: ListSeriesBudgetsRequest; response: ListSeriesBudgetsResponse };
}
