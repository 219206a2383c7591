// Original file: proto/vigil/retrieval/v1/retrieval.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AggregatesPage as _vigil_retrieval_v1_AggregatesPage, AggregatesPage__Output as _vigil_retrieval_v1_AggregatesPage__Output } from '../../../vigil/retrieval/v1/AggregatesPage.ts';
import type { AutocorrelationPage as _vigil_retrieval_v1_AutocorrelationPage, AutocorrelationPage__Output as _vigil_retrieval_v1_AutocorrelationPage__Output } from '../../../vigil/retrieval/v1/AutocorrelationPage.ts';
import type { DecompositionPage as _vigil_retrieval_v1_DecompositionPage, DecompositionPage__Output as _vigil_retrieval_v1_DecompositionPage__Output } from '../../../vigil/retrieval/v1/DecompositionPage.ts';
import type { GetDickeyFullerResponse as _vigil_retrieval_v1_GetDickeyFullerResponse, GetDickeyFullerResponse__Output as _vigil_retrieval_v1_GetDickeyFullerResponse__Output } from '../../../vigil/retrieval/v1/GetDickeyFullerResponse.ts';
import type { GetLatestForecastResponse as _vigil_retrieval_v1_GetLatestForecastResponse, GetLatestForecastResponse__Output as _vigil_retrieval_v1_GetLatestForecastResponse__Output } from '../../../vigil/retrieval/v1/GetLatestForecastResponse.ts';
import type { GetSloBudgetRequest as _vigil_retrieval_v1_GetSloBudgetRequest, GetSloBudgetRequest__Output as _vigil_retrieval_v1_GetSloBudgetRequest__Output } from '../../../vigil/retrieval/v1/GetSloBudgetRequest.ts';
import type { HodrickPrescottPage as _vigil_retrieval_v1_HodrickPrescottPage, HodrickPrescottPage__Output as _vigil_retrieval_v1_HodrickPrescottPage__Output } from '../../../vigil/retrieval/v1/HodrickPrescottPage.ts';
import type { ListMetricsRequest as _vigil_retrieval_v1_ListMetricsRequest, ListMetricsRequest__Output as _vigil_retrieval_v1_ListMetricsRequest__Output } from '../../../vigil/retrieval/v1/ListMetricsRequest.ts';
import type { ListMetricsResponse as _vigil_retrieval_v1_ListMetricsResponse, ListMetricsResponse__Output as _vigil_retrieval_v1_ListMetricsResponse__Output } from '../../../vigil/retrieval/v1/ListMetricsResponse.ts';
import type { ListRunsResponse as _vigil_retrieval_v1_ListRunsResponse, ListRunsResponse__Output as _vigil_retrieval_v1_ListRunsResponse__Output } from '../../../vigil/retrieval/v1/ListRunsResponse.ts';
import type { ListSeriesBudgetsRequest as _vigil_retrieval_v1_ListSeriesBudgetsRequest, ListSeriesBudgetsRequest__Output as _vigil_retrieval_v1_ListSeriesBudgetsRequest__Output } from '../../../vigil/retrieval/v1/ListSeriesBudgetsRequest.ts';
import type { ListSeriesBudgetsResponse as _vigil_retrieval_v1_ListSeriesBudgetsResponse, ListSeriesBudgetsResponse__Output as _vigil_retrieval_v1_ListSeriesBudgetsResponse__Output } from '../../../vigil/retrieval/v1/ListSeriesBudgetsResponse.ts';
import type { ListSeriesRequest as _vigil_retrieval_v1_ListSeriesRequest, ListSeriesRequest__Output as _vigil_retrieval_v1_ListSeriesRequest__Output } from '../../../vigil/retrieval/v1/ListSeriesRequest.ts';
import type { ListSeriesResponse as _vigil_retrieval_v1_ListSeriesResponse, ListSeriesResponse__Output as _vigil_retrieval_v1_ListSeriesResponse__Output } from '../../../vigil/retrieval/v1/ListSeriesResponse.ts';
import type { ListSlosRequest as _vigil_retrieval_v1_ListSlosRequest, ListSlosRequest__Output as _vigil_retrieval_v1_ListSlosRequest__Output } from '../../../vigil/retrieval/v1/ListSlosRequest.ts';
import type { ListSlosResponse as _vigil_retrieval_v1_ListSlosResponse, ListSlosResponse__Output as _vigil_retrieval_v1_ListSlosResponse__Output } from '../../../vigil/retrieval/v1/ListSlosResponse.ts';
import type { RunQuery as _vigil_retrieval_v1_RunQuery, RunQuery__Output as _vigil_retrieval_v1_RunQuery__Output } from '../../../vigil/retrieval/v1/RunQuery.ts';
import type { SloBudget as _vigil_retrieval_v1_SloBudget, SloBudget__Output as _vigil_retrieval_v1_SloBudget__Output } from '../../../vigil/retrieval/v1/SloBudget.ts';

export interface RetrievalServiceClient extends grpc.Client {
  GetDickeyFuller(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_GetDickeyFullerResponse__Output>): grpc.ClientUnaryCall;
  GetDickeyFuller(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_GetDickeyFullerResponse__Output>): grpc.ClientUnaryCall;
  GetDickeyFuller(argument: _vigil_retrieval_v1_RunQuery, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_GetDickeyFullerResponse__Output>): grpc.ClientUnaryCall;
  GetDickeyFuller(argument: _vigil_retrieval_v1_RunQuery, callback: grpc.requestCallback<_vigil_retrieval_v1_GetDickeyFullerResponse__Output>): grpc.ClientUnaryCall;
  getDickeyFuller(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_GetDickeyFullerResponse__Output>): grpc.ClientUnaryCall;
  getDickeyFuller(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_GetDickeyFullerResponse__Output>): grpc.ClientUnaryCall;
  getDickeyFuller(argument: _vigil_retrieval_v1_RunQuery, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_GetDickeyFullerResponse__Output>): grpc.ClientUnaryCall;
  getDickeyFuller(argument: _vigil_retrieval_v1_RunQuery, callback: grpc.requestCallback<_vigil_retrieval_v1_GetDickeyFullerResponse__Output>): grpc.ClientUnaryCall;
  
  GetLatestForecast(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_GetLatestForecastResponse__Output>): grpc.ClientUnaryCall;
  GetLatestForecast(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_GetLatestForecastResponse__Output>): grpc.ClientUnaryCall;
  GetLatestForecast(argument: _vigil_retrieval_v1_RunQuery, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_GetLatestForecastResponse__Output>): grpc.ClientUnaryCall;
  GetLatestForecast(argument: _vigil_retrieval_v1_RunQuery, callback: grpc.requestCallback<_vigil_retrieval_v1_GetLatestForecastResponse__Output>): grpc.ClientUnaryCall;
  getLatestForecast(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_GetLatestForecastResponse__Output>): grpc.ClientUnaryCall;
  getLatestForecast(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_GetLatestForecastResponse__Output>): grpc.ClientUnaryCall;
  getLatestForecast(argument: _vigil_retrieval_v1_RunQuery, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_GetLatestForecastResponse__Output>): grpc.ClientUnaryCall;
  getLatestForecast(argument: _vigil_retrieval_v1_RunQuery, callback: grpc.requestCallback<_vigil_retrieval_v1_GetLatestForecastResponse__Output>): grpc.ClientUnaryCall;
  
  GetSloBudget(argument: _vigil_retrieval_v1_GetSloBudgetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_SloBudget__Output>): grpc.ClientUnaryCall;
  GetSloBudget(argument: _vigil_retrieval_v1_GetSloBudgetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_SloBudget__Output>): grpc.ClientUnaryCall;
  GetSloBudget(argument: _vigil_retrieval_v1_GetSloBudgetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_SloBudget__Output>): grpc.ClientUnaryCall;
  GetSloBudget(argument: _vigil_retrieval_v1_GetSloBudgetRequest, callback: grpc.requestCallback<_vigil_retrieval_v1_SloBudget__Output>): grpc.ClientUnaryCall;
  getSloBudget(argument: _vigil_retrieval_v1_GetSloBudgetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_SloBudget__Output>): grpc.ClientUnaryCall;
  getSloBudget(argument: _vigil_retrieval_v1_GetSloBudgetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_SloBudget__Output>): grpc.ClientUnaryCall;
  getSloBudget(argument: _vigil_retrieval_v1_GetSloBudgetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_SloBudget__Output>): grpc.ClientUnaryCall;
  getSloBudget(argument: _vigil_retrieval_v1_GetSloBudgetRequest, callback: grpc.requestCallback<_vigil_retrieval_v1_SloBudget__Output>): grpc.ClientUnaryCall;
  
  ListAggregates(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_AggregatesPage__Output>;
  ListAggregates(argument: _vigil_retrieval_v1_RunQuery, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_AggregatesPage__Output>;
  listAggregates(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_AggregatesPage__Output>;
  listAggregates(argument: _vigil_retrieval_v1_RunQuery, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_AggregatesPage__Output>;
  
  ListAutocorrelation(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_AutocorrelationPage__Output>;
  ListAutocorrelation(argument: _vigil_retrieval_v1_RunQuery, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_AutocorrelationPage__Output>;
  listAutocorrelation(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_AutocorrelationPage__Output>;
  listAutocorrelation(argument: _vigil_retrieval_v1_RunQuery, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_AutocorrelationPage__Output>;
  
  ListDecomposition(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_DecompositionPage__Output>;
  ListDecomposition(argument: _vigil_retrieval_v1_RunQuery, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_DecompositionPage__Output>;
  listDecomposition(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_DecompositionPage__Output>;
  listDecomposition(argument: _vigil_retrieval_v1_RunQuery, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_DecompositionPage__Output>;
  
  ListHodrickPrescott(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_HodrickPrescottPage__Output>;
  ListHodrickPrescott(argument: _vigil_retrieval_v1_RunQuery, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_HodrickPrescottPage__Output>;
  listHodrickPrescott(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_HodrickPrescottPage__Output>;
  listHodrickPrescott(argument: _vigil_retrieval_v1_RunQuery, options?: grpc.CallOptions): grpc.ClientReadableStream<_vigil_retrieval_v1_HodrickPrescottPage__Output>;
  
  ListMetrics(argument: _vigil_retrieval_v1_ListMetricsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  ListMetrics(argument: _vigil_retrieval_v1_ListMetricsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  ListMetrics(argument: _vigil_retrieval_v1_ListMetricsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  ListMetrics(argument: _vigil_retrieval_v1_ListMetricsRequest, callback: grpc.requestCallback<_vigil_retrieval_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  listMetrics(argument: _vigil_retrieval_v1_ListMetricsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  listMetrics(argument: _vigil_retrieval_v1_ListMetricsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  listMetrics(argument: _vigil_retrieval_v1_ListMetricsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  listMetrics(argument: _vigil_retrieval_v1_ListMetricsRequest, callback: grpc.requestCallback<_vigil_retrieval_v1_ListMetricsResponse__Output>): grpc.ClientUnaryCall;
  
  ListRuns(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  ListRuns(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  ListRuns(argument: _vigil_retrieval_v1_RunQuery, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  ListRuns(argument: _vigil_retrieval_v1_RunQuery, callback: grpc.requestCallback<_vigil_retrieval_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  listRuns(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  listRuns(argument: _vigil_retrieval_v1_RunQuery, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  listRuns(argument: _vigil_retrieval_v1_RunQuery, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  listRuns(argument: _vigil_retrieval_v1_RunQuery, callback: grpc.requestCallback<_vigil_retrieval_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  
  ListSeries(argument: _vigil_retrieval_v1_ListSeriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesResponse__Output>): grpc.ClientUnaryCall;
  ListSeries(argument: _vigil_retrieval_v1_ListSeriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesResponse__Output>): grpc.ClientUnaryCall;
  ListSeries(argument: _vigil_retrieval_v1_ListSeriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesResponse__Output>): grpc.ClientUnaryCall;
  ListSeries(argument: _vigil_retrieval_v1_ListSeriesRequest, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesResponse__Output>): grpc.ClientUnaryCall;
  listSeries(argument: _vigil_retrieval_v1_ListSeriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesResponse__Output>): grpc.ClientUnaryCall;
  listSeries(argument: _vigil_retrieval_v1_ListSeriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesResponse__Output>): grpc.ClientUnaryCall;
  listSeries(argument: _vigil_retrieval_v1_ListSeriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesResponse__Output>): grpc.ClientUnaryCall;
  listSeries(argument: _vigil_retrieval_v1_ListSeriesRequest, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesResponse__Output>): grpc.ClientUnaryCall;
  
  ListSeriesBudgets(argument: _vigil_retrieval_v1_ListSeriesBudgetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesBudgetsResponse__Output>): grpc.ClientUnaryCall;
  ListSeriesBudgets(argument: _vigil_retrieval_v1_ListSeriesBudgetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesBudgetsResponse__Output>): grpc.ClientUnaryCall;
  ListSeriesBudgets(argument: _vigil_retrieval_v1_ListSeriesBudgetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesBudgetsResponse__Output>): grpc.ClientUnaryCall;
  ListSeriesBudgets(argument: _vigil_retrieval_v1_ListSeriesBudgetsRequest, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesBudgetsResponse__Output>): grpc.ClientUnaryCall;
  listSeriesBudgets(argument: _vigil_retrieval_v1_ListSeriesBudgetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesBudgetsResponse__Output>): grpc.ClientUnaryCall;
  listSeriesBudgets(argument: _vigil_retrieval_v1_ListSeriesBudgetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesBudgetsResponse__Output>): grpc.ClientUnaryCall;
  listSeriesBudgets(argument: _vigil_retrieval_v1_ListSeriesBudgetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesBudgetsResponse__Output>): grpc.ClientUnaryCall;
  listSeriesBudgets(argument: _vigil_retrieval_v1_ListSeriesBudgetsRequest, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSeriesBudgetsResponse__Output>): grpc.ClientUnaryCall;
  
  ListSlos(argument: _vigil_retrieval_v1_ListSlosRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSlosResponse__Output>): grpc.ClientUnaryCall;
  ListSlos(argument: _vigil_retrieval_v1_ListSlosRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSlosResponse__Output>): grpc.ClientUnaryCall;
  ListSlos(argument: _vigil_retrieval_v1_ListSlosRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSlosResponse__Output>): grpc.ClientUnaryCall;
  ListSlos(argument: _vigil_retrieval_v1_ListSlosRequest, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSlosResponse__Output>): grpc.ClientUnaryCall;
  listSlos(argument: _vigil_retrieval_v1_ListSlosRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSlosResponse__Output>): grpc.ClientUnaryCall;
  listSlos(argument: _vigil_retrieval_v1_ListSlosRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSlosResponse__Output>): grpc.ClientUnaryCall;
  listSlos(argument: _vigil_retrieval_v1_ListSlosRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSlosResponse__Output>): grpc.ClientUnaryCall;
  listSlos(argument: _vigil_retrieval_v1_ListSlosRequest, callback: grpc.requestCallback<_vigil_retrieval_v1_ListSlosResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface RetrievalServiceHandlers extends grpc.UntypedServiceImplementation {
  GetDickeyFuller: grpc.handleUnaryCall<_vigil_retrieval_v1_RunQuery__Output, _vigil_retrieval_v1_GetDickeyFullerResponse>;
  
  GetLatestForecast: grpc.handleUnaryCall<_vigil_retrieval_v1_RunQuery__Output, _vigil_retrieval_v1_GetLatestForecastResponse>;
  
  GetSloBudget: grpc.handleUnaryCall<_vigil_retrieval_v1_GetSloBudgetRequest__Output, _vigil_retrieval_v1_SloBudget>;
  
  ListAggregates: grpc.handleServerStreamingCall<_vigil_retrieval_v1_RunQuery__Output, _vigil_retrieval_v1_AggregatesPage>;
  
  ListAutocorrelation: grpc.handleServerStreamingCall<_vigil_retrieval_v1_RunQuery__Output, _vigil_retrieval_v1_AutocorrelationPage>;
  
  ListDecomposition: grpc.handleServerStreamingCall<_vigil_retrieval_v1_RunQuery__Output, _vigil_retrieval_v1_DecompositionPage>;
  
  ListHodrickPrescott: grpc.handleServerStreamingCall<_vigil_retrieval_v1_RunQuery__Output, _vigil_retrieval_v1_HodrickPrescottPage>;
  
  ListMetrics: grpc.handleUnaryCall<_vigil_retrieval_v1_ListMetricsRequest__Output, _vigil_retrieval_v1_ListMetricsResponse>;
  
  ListRuns: grpc.handleUnaryCall<_vigil_retrieval_v1_RunQuery__Output, _vigil_retrieval_v1_ListRunsResponse>;
  
  ListSeries: grpc.handleUnaryCall<_vigil_retrieval_v1_ListSeriesRequest__Output, _vigil_retrieval_v1_ListSeriesResponse>;
  
  ListSeriesBudgets: grpc.handleUnaryCall<_vigil_retrieval_v1_ListSeriesBudgetsRequest__Output, _vigil_retrieval_v1_ListSeriesBudgetsResponse>;
  
  ListSlos: grpc.handleUnaryCall<_vigil_retrieval_v1_ListSlosRequest__Output, _vigil_retrieval_v1_ListSlosResponse>;
  
}

export interface RetrievalServiceDefinition extends grpc.ServiceDefinition {
  GetDickeyFuller: MethodDefinition<_vigil_retrieval_v1_RunQuery, _vigil_retrieval_v1_GetDickeyFullerResponse, _vigil_retrieval_v1_RunQuery__Output, _vigil_retrieval_v1_GetDickeyFullerResponse__Output>
  GetLatestForecast: MethodDefinition<_vigil_retrieval_v1_RunQuery, _vigil_retrieval_v1_GetLatestForecastResponse, _vigil_retrieval_v1_RunQuery__Output, _vigil_retrieval_v1_GetLatestForecastResponse__Output>
  GetSloBudget: MethodDefinition<_vigil_retrieval_v1_GetSloBudgetRequest, _vigil_retrieval_v1_SloBudget, _vigil_retrieval_v1_GetSloBudgetRequest__Output, _vigil_retrieval_v1_SloBudget__Output>
  ListAggregates: MethodDefinition<_vigil_retrieval_v1_RunQuery, _vigil_retrieval_v1_AggregatesPage, _vigil_retrieval_v1_RunQuery__Output, _vigil_retrieval_v1_AggregatesPage__Output>
  ListAutocorrelation: MethodDefinition<_vigil_retrieval_v1_RunQuery, _vigil_retrieval_v1_AutocorrelationPage, _vigil_retrieval_v1_RunQuery__Output, _vigil_retrieval_v1_AutocorrelationPage__Output>
  ListDecomposition: MethodDefinition<_vigil_retrieval_v1_RunQuery, _vigil_retrieval_v1_DecompositionPage, _vigil_retrieval_v1_RunQuery__Output, _vigil_retrieval_v1_DecompositionPage__Output>
  ListHodrickPrescott: MethodDefinition<_vigil_retrieval_v1_RunQuery, _vigil_retrieval_v1_HodrickPrescottPage, _vigil_retrieval_v1_RunQuery__Output, _vigil_retrieval_v1_HodrickPrescottPage__Output>
  ListMetrics: MethodDefinition<_vigil_retrieval_v1_ListMetricsRequest, _vigil_retrieval_v1_ListMetricsResponse, _vigil_retrieval_v1_ListMetricsRequest__Output, _vigil_retrieval_v1_ListMetricsResponse__Output>
  ListRuns: MethodDefinition<_vigil_retrieval_v1_RunQuery, _vigil_retrieval_v1_ListRunsResponse, _vigil_retrieval_v1_RunQuery__Output, _vigil_retrieval_v1_ListRunsResponse__Output>
  ListSeries: MethodDefinition<_vigil_retrieval_v1_ListSeriesRequest, _vigil_retrieval_v1_ListSeriesResponse, _vigil_retrieval_v1_ListSeriesRequest__Output, _vigil_retrieval_v1_ListSeriesResponse__Output>
  ListSeriesBudgets: MethodDefinition<_vigil_retrieval_v1_ListSeriesBudgetsRequest, _vigil_retrieval_v1_ListSeriesBudgetsResponse, _vigil_retrieval_v1_ListSeriesBudgetsRequest__Output, _vigil_retrieval_v1_ListSeriesBudgetsResponse__Output>
  ListSlos: MethodDefinition<_vigil_retrieval_v1_ListSlosRequest, _vigil_retrieval_v1_ListSlosResponse, _vigil_retrieval_v1_ListSlosRequest__Output, _vigil_retrieval_v1_ListSlosResponse__Output>
}
