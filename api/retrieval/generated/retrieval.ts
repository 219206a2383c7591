import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.ts';
import type { Aggregate as _vigil_retrieval_v1_Aggregate, Aggregate__Output as _vigil_retrieval_v1_Aggregate__Output } from './vigil/retrieval/v1/Aggregate.ts';
import type { AggregatesPage as _vigil_retrieval_v1_AggregatesPage, AggregatesPage__Output as _vigil_retrieval_v1_AggregatesPage__Output } from './vigil/retrieval/v1/AggregatesPage.ts';
import type { AutocorrelationPage as _vigil_retrieval_v1_AutocorrelationPage, AutocorrelationPage__Output as _vigil_retrieval_v1_AutocorrelationPage__Output } from './vigil/retrieval/v1/AutocorrelationPage.ts';
import type { AutocorrelationValue as _vigil_retrieval_v1_AutocorrelationValue, AutocorrelationValue__Output as _vigil_retrieval_v1_AutocorrelationValue__Output } from './vigil/retrieval/v1/AutocorrelationValue.ts';
import type { DecompositionPage as _vigil_retrieval_v1_DecompositionPage, DecompositionPage__Output as _vigil_retrieval_v1_DecompositionPage__Output } from './vigil/retrieval/v1/DecompositionPage.ts';
import type { DecompositionPoint as _vigil_retrieval_v1_DecompositionPoint, DecompositionPoint__Output as _vigil_retrieval_v1_DecompositionPoint__Output } from './vigil/retrieval/v1/DecompositionPoint.ts';
import type { DickeyFuller as _vigil_retrieval_v1_DickeyFuller, DickeyFuller__Output as _vigil_retrieval_v1_DickeyFuller__Output } from './vigil/retrieval/v1/DickeyFuller.ts';
import type { DickeyFullerResult as _vigil_retrieval_v1_DickeyFullerResult, DickeyFullerResult__Output as _vigil_retrieval_v1_DickeyFullerResult__Output } from './vigil/retrieval/v1/DickeyFullerResult.ts';
import type { Forecast as _vigil_retrieval_v1_Forecast, Forecast__Output as _vigil_retrieval_v1_Forecast__Output } from './vigil/retrieval/v1/Forecast.ts';
import type { ForecastChoice as _vigil_retrieval_v1_ForecastChoice, ForecastChoice__Output as _vigil_retrieval_v1_ForecastChoice__Output } from './vigil/retrieval/v1/ForecastChoice.ts';
import type { ForecastPoint as _vigil_retrieval_v1_ForecastPoint, ForecastPoint__Output as _vigil_retrieval_v1_ForecastPoint__Output } from './vigil/retrieval/v1/ForecastPoint.ts';
import type { GetDickeyFullerResponse as _vigil_retrieval_v1_GetDickeyFullerResponse, GetDickeyFullerResponse__Output as _vigil_retrieval_v1_GetDickeyFullerResponse__Output } from './vigil/retrieval/v1/GetDickeyFullerResponse.ts';
import type { GetLatestForecastResponse as _vigil_retrieval_v1_GetLatestForecastResponse, GetLatestForecastResponse__Output as _vigil_retrieval_v1_GetLatestForecastResponse__Output } from './vigil/retrieval/v1/GetLatestForecastResponse.ts';
import type { GetSloBudgetRequest as _vigil_retrieval_v1_GetSloBudgetRequest, GetSloBudgetRequest__Output as _vigil_retrieval_v1_GetSloBudgetRequest__Output } from './vigil/retrieval/v1/GetSloBudgetRequest.ts';
import type { HodrickPrescottPage as _vigil_retrieval_v1_HodrickPrescottPage, HodrickPrescottPage__Output as _vigil_retrieval_v1_HodrickPrescottPage__Output } from './vigil/retrieval/v1/HodrickPrescottPage.ts';
import type { HodrickPrescottPoint as _vigil_retrieval_v1_HodrickPrescottPoint, HodrickPrescottPoint__Output as _vigil_retrieval_v1_HodrickPrescottPoint__Output } from './vigil/retrieval/v1/HodrickPrescottPoint.ts';
import type { HoltWintersModel as _vigil_retrieval_v1_HoltWintersModel, HoltWintersModel__Output as _vigil_retrieval_v1_HoltWintersModel__Output } from './vigil/retrieval/v1/HoltWintersModel.ts';
import type { LabelMatcher as _vigil_retrieval_v1_LabelMatcher, LabelMatcher__Output as _vigil_retrieval_v1_LabelMatcher__Output } from './vigil/retrieval/v1/LabelMatcher.ts';
import type { ListMetricsRequest as _vigil_retrieval_v1_ListMetricsRequest, ListMetricsRequest__Output as _vigil_retrieval_v1_ListMetricsRequest__Output } from './vigil/retrieval/v1/ListMetricsRequest.ts';
import type { ListMetricsResponse as _vigil_retrieval_v1_ListMetricsResponse, ListMetricsResponse__Output as _vigil_retrieval_v1_ListMetricsResponse__Output } from './vigil/retrieval/v1/ListMetricsResponse.ts';
import type { ListRunsResponse as _vigil_retrieval_v1_ListRunsResponse, ListRunsResponse__Output as _vigil_retrieval_v1_ListRunsResponse__Output } from './vigil/retrieval/v1/ListRunsResponse.ts';
import type { ListSeriesBudgetsRequest as _vigil_retrieval_v1_ListSeriesBudgetsRequest, ListSeriesBudgetsRequest__Output as _vigil_retrieval_v1_ListSeriesBudgetsRequest__Output } from './vigil/retrieval/v1/ListSeriesBudgetsRequest.ts';
import type { ListSeriesBudgetsResponse as _vigil_retrieval_v1_ListSeriesBudgetsResponse, ListSeriesBudgetsResponse__Output as _vigil_retrieval_v1_ListSeriesBudgetsResponse__Output } from './vigil/retrieval/v1/ListSeriesBudgetsResponse.ts';
import type { ListSeriesRequest as _vigil_retrieval_v1_ListSeriesRequest, ListSeriesRequest__Output as _vigil_retrieval_v1_ListSeriesRequest__Output } from './vigil/retrieval/v1/ListSeriesRequest.ts';
import type { ListSeriesResponse as _vigil_retrieval_v1_ListSeriesResponse, ListSeriesResponse__Output as _vigil_retrieval_v1_ListSeriesResponse__Output } from './vigil/retrieval/v1/ListSeriesResponse.ts';
import type { ListSlosRequest as _vigil_retrieval_v1_ListSlosRequest, ListSlosRequest__Output as _vigil_retrieval_v1_ListSlosRequest__Output } from './vigil/retrieval/v1/ListSlosRequest.ts';
import type { ListSlosResponse as _vigil_retrieval_v1_ListSlosResponse, ListSlosResponse__Output as _vigil_retrieval_v1_ListSlosResponse__Output } from './vigil/retrieval/v1/ListSlosResponse.ts';
import type { MetricSummary as _vigil_retrieval_v1_MetricSummary, MetricSummary__Output as _vigil_retrieval_v1_MetricSummary__Output } from './vigil/retrieval/v1/MetricSummary.ts';
import type { RetrievalServiceClient as _vigil_retrieval_v1_RetrievalServiceClient, RetrievalServiceDefinition as _vigil_retrieval_v1_RetrievalServiceDefinition } from './vigil/retrieval/v1/RetrievalService.ts';
import type { RunQuery as _vigil_retrieval_v1_RunQuery, RunQuery__Output as _vigil_retrieval_v1_RunQuery__Output } from './vigil/retrieval/v1/RunQuery.ts';
import type { RunRef as _vigil_retrieval_v1_RunRef, RunRef__Output as _vigil_retrieval_v1_RunRef__Output } from './vigil/retrieval/v1/RunRef.ts';
import type { RunSelector as _vigil_retrieval_v1_RunSelector, RunSelector__Output as _vigil_retrieval_v1_RunSelector__Output } from './vigil/retrieval/v1/RunSelector.ts';
import type { RunSummary as _vigil_retrieval_v1_RunSummary, RunSummary__Output as _vigil_retrieval_v1_RunSummary__Output } from './vigil/retrieval/v1/RunSummary.ts';
import type { SectionError as _vigil_retrieval_v1_SectionError, SectionError__Output as _vigil_retrieval_v1_SectionError__Output } from './vigil/retrieval/v1/SectionError.ts';
import type { Series as _vigil_retrieval_v1_Series, Series__Output as _vigil_retrieval_v1_Series__Output } from './vigil/retrieval/v1/Series.ts';
import type { SeriesBudget as _vigil_retrieval_v1_SeriesBudget, SeriesBudget__Output as _vigil_retrieval_v1_SeriesBudget__Output } from './vigil/retrieval/v1/SeriesBudget.ts';
import type { SeriesSummary as _vigil_retrieval_v1_SeriesSummary, SeriesSummary__Output as _vigil_retrieval_v1_SeriesSummary__Output } from './vigil/retrieval/v1/SeriesSummary.ts';
import type { SloAlert as _vigil_retrieval_v1_SloAlert, SloAlert__Output as _vigil_retrieval_v1_SloAlert__Output } from './vigil/retrieval/v1/SloAlert.ts';
import type { SloBudget as _vigil_retrieval_v1_SloBudget, SloBudget__Output as _vigil_retrieval_v1_SloBudget__Output } from './vigil/retrieval/v1/SloBudget.ts';
import type { SloBurnRate as _vigil_retrieval_v1_SloBurnRate, SloBurnRate__Output as _vigil_retrieval_v1_SloBurnRate__Output } from './vigil/retrieval/v1/SloBurnRate.ts';
import type { SloObjective as _vigil_retrieval_v1_SloObjective, SloObjective__Output as _vigil_retrieval_v1_SloObjective__Output } from './vigil/retrieval/v1/SloObjective.ts';
import type { SloSummary as _vigil_retrieval_v1_SloSummary, SloSummary__Output as _vigil_retrieval_v1_SloSummary__Output } from './vigil/retrieval/v1/SloSummary.ts';
import type { TimeRange as _vigil_retrieval_v1_TimeRange, TimeRange__Output as _vigil_retrieval_v1_TimeRange__Output } from './vigil/retrieval/v1/TimeRange.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
  vigil: {
    retrieval: {
      v1: {
        Aggregate: MessageTypeDefinition<_vigil_retrieval_v1_Aggregate, _vigil_retrieval_v1_Aggregate__Output>
        AggregatesPage: MessageTypeDefinition<_vigil_retrieval_v1_AggregatesPage, _vigil_retrieval_v1_AggregatesPage__Output>
        AutocorrelationPage: MessageTypeDefinition<_vigil_retrieval_v1_AutocorrelationPage, _vigil_retrieval_v1_AutocorrelationPage__Output>
        AutocorrelationValue: MessageTypeDefinition<_vigil_retrieval_v1_AutocorrelationValue, _vigil_retrieval_v1_AutocorrelationValue__Output>
        DecompositionPage: MessageTypeDefinition<_vigil_retrieval_v1_DecompositionPage, _vigil_retrieval_v1_DecompositionPage__Output>
        DecompositionPoint: MessageTypeDefinition<_vigil_retrieval_v1_DecompositionPoint, _vigil_retrieval_v1_DecompositionPoint__Output>
        DickeyFuller: MessageTypeDefinition<_vigil_retrieval_v1_DickeyFuller, _vigil_retrieval_v1_DickeyFuller__Output>
        DickeyFullerResult: MessageTypeDefinition<_vigil_retrieval_v1_DickeyFullerResult, _vigil_retrieval_v1_DickeyFullerResult__Output>
        Forecast: MessageTypeDefinition<_vigil_retrieval_v1_Forecast, _vigil_retrieval_v1_Forecast__Output>
        ForecastChoice: MessageTypeDefinition<_vigil_retrieval_v1_ForecastChoice, _vigil_retrieval_v1_ForecastChoice__Output>
        ForecastPoint: MessageTypeDefinition<_vigil_retrieval_v1_ForecastPoint, _vigil_retrieval_v1_ForecastPoint__Output>
        GetDickeyFullerResponse: MessageTypeDefinition<_vigil_retrieval_v1_GetDickeyFullerResponse, _vigil_retrieval_v1_GetDickeyFullerResponse__Output>
        GetLatestForecastResponse: MessageTypeDefinition<_vigil_retrieval_v1_GetLatestForecastResponse, _vigil_retrieval_v1_GetLatestForecastResponse__Output>
        GetSloBudgetRequest: MessageTypeDefinition<_vigil_retrieval_v1_GetSloBudgetRequest, _vigil_retrieval_v1_GetSloBudgetRequest__Output>
        HodrickPrescottPage: MessageTypeDefinition<_vigil_retrieval_v1_HodrickPrescottPage, _vigil_retrieval_v1_HodrickPrescottPage__Output>
        HodrickPrescottPoint: MessageTypeDefinition<_vigil_retrieval_v1_HodrickPrescottPoint, _vigil_retrieval_v1_HodrickPrescottPoint__Output>
        HoltWintersModel: MessageTypeDefinition<_vigil_retrieval_v1_HoltWintersModel, _vigil_retrieval_v1_HoltWintersModel__Output>
        LabelMatcher: MessageTypeDefinition<_vigil_retrieval_v1_LabelMatcher, _vigil_retrieval_v1_LabelMatcher__Output>
        ListMetricsRequest: MessageTypeDefinition<_vigil_retrieval_v1_ListMetricsRequest, _vigil_retrieval_v1_ListMetricsRequest__Output>
        ListMetricsResponse: MessageTypeDefinition<_vigil_retrieval_v1_ListMetricsResponse, _vigil_retrieval_v1_ListMetricsResponse__Output>
        ListRunsResponse: MessageTypeDefinition<_vigil_retrieval_v1_ListRunsResponse, _vigil_retrieval_v1_ListRunsResponse__Output>
        ListSeriesBudgetsRequest: MessageTypeDefinition<_vigil_retrieval_v1_ListSeriesBudgetsRequest, _vigil_retrieval_v1_ListSeriesBudgetsRequest__Output>
        ListSeriesBudgetsResponse: MessageTypeDefinition<_vigil_retrieval_v1_ListSeriesBudgetsResponse, _vigil_retrieval_v1_ListSeriesBudgetsResponse__Output>
        ListSeriesRequest: MessageTypeDefinition<_vigil_retrieval_v1_ListSeriesRequest, _vigil_retrieval_v1_ListSeriesRequest__Output>
        ListSeriesResponse: MessageTypeDefinition<_vigil_retrieval_v1_ListSeriesResponse, _vigil_retrieval_v1_ListSeriesResponse__Output>
        ListSlosRequest: MessageTypeDefinition<_vigil_retrieval_v1_ListSlosRequest, _vigil_retrieval_v1_ListSlosRequest__Output>
        ListSlosResponse: MessageTypeDefinition<_vigil_retrieval_v1_ListSlosResponse, _vigil_retrieval_v1_ListSlosResponse__Output>
        MetricSummary: MessageTypeDefinition<_vigil_retrieval_v1_MetricSummary, _vigil_retrieval_v1_MetricSummary__Output>
        RetrievalService: SubtypeConstructor<typeof grpc.Client, _vigil_retrieval_v1_RetrievalServiceClient> & { service: _vigil_retrieval_v1_RetrievalServiceDefinition }
        RunQuery: MessageTypeDefinition<_vigil_retrieval_v1_RunQuery, _vigil_retrieval_v1_RunQuery__Output>
        RunRef: MessageTypeDefinition<_vigil_retrieval_v1_RunRef, _vigil_retrieval_v1_RunRef__Output>
        RunSelector: MessageTypeDefinition<_vigil_retrieval_v1_RunSelector, _vigil_retrieval_v1_RunSelector__Output>
        RunSummary: MessageTypeDefinition<_vigil_retrieval_v1_RunSummary, _vigil_retrieval_v1_RunSummary__Output>
        SectionError: MessageTypeDefinition<_vigil_retrieval_v1_SectionError, _vigil_retrieval_v1_SectionError__Output>
        Series: MessageTypeDefinition<_vigil_retrieval_v1_Series, _vigil_retrieval_v1_Series__Output>
        SeriesBudget: MessageTypeDefinition<_vigil_retrieval_v1_SeriesBudget, _vigil_retrieval_v1_SeriesBudget__Output>
        SeriesSummary: MessageTypeDefinition<_vigil_retrieval_v1_SeriesSummary, _vigil_retrieval_v1_SeriesSummary__Output>
        SloAlert: MessageTypeDefinition<_vigil_retrieval_v1_SloAlert, _vigil_retrieval_v1_SloAlert__Output>
        SloBudget: MessageTypeDefinition<_vigil_retrieval_v1_SloBudget, _vigil_retrieval_v1_SloBudget__Output>
        SloBurnRate: MessageTypeDefinition<_vigil_retrieval_v1_SloBurnRate, _vigil_retrieval_v1_SloBurnRate__Output>
        SloObjective: MessageTypeDefinition<_vigil_retrieval_v1_SloObjective, _vigil_retrieval_v1_SloObjective__Output>
        SloSummary: MessageTypeDefinition<_vigil_retrieval_v1_SloSummary, _vigil_retrieval_v1_SloSummary__Output>
        TimeRange: MessageTypeDefinition<_vigil_retrieval_v1_TimeRange, _vigil_retrieval_v1_TimeRange__Output>
      }
    }
  }
}

