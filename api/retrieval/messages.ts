/**
 * TypeScript shapes of the retrieval messages as @grpc/proto-loader presents them with proto.ts's options
 * (snake_case, numbers for 64-bit integers, enum names). Optional fields are the proto3 `optional` ones: absent
 * means the analysis had no value. Kept by hand next to the .proto; the integration tests exercise every field.
 */
export interface Timestamp {
  seconds: number;
  nanos: number;
}

export type MatcherOp = 'OP_UNSPECIFIED' | 'EQUAL' | 'NOT_EQUAL' | 'MATCH_REGEX' | 'NOT_MATCH_REGEX';

export interface LabelMatcher {
  label: string;
  op?: MatcherOp;
  value: string;
}

export interface TimeRange {
  from?: Timestamp | null;
  to?: Timestamp | null;
}

export interface RunSelector {
  latest?: boolean;
  run_id?: number;
  window_end?: TimeRange | null;
  selector?: 'latest' | 'run_id' | 'window_end';
}

export interface RunQuery {
  metric: string;
  matchers?: LabelMatcher[];
  runs?: RunSelector | null;
  limit?: number;
  page_token?: string;
  page_size?: number;
}

export interface Series {
  key: string;
  metric: string;
  labels: Record<string, string>;
}

export interface RunRef {
  run_id: number;
  cycle_id: string;
  series: Series | null;
  window_start: Timestamp | null;
  window_end: Timestamp | null;
}

export interface SectionError {
  section: string;
  code: string;
  message: string;
}

export interface MetricSummary {
  metric: string;
  series_count: number;
  last_seen: Timestamp | null;
}

export interface ListMetricsResponse {
  metrics: MetricSummary[];
}

export interface ListSeriesRequest {
  metric: string;
  matchers?: LabelMatcher[];
  limit?: number;
  page_token?: string;
}

export interface SeriesSummary {
  series: Series | null;
  first_seen: Timestamp | null;
  last_seen: Timestamp | null;
}

export interface ListSeriesResponse {
  series: SeriesSummary[];
  next_page_token: string;
}

export interface RunSummary {
  run: RunRef | null;
  produced_at: Timestamp | null;
  step_seconds: number;
  points: number;
  first_sample: Timestamp | null;
  last_sample: Timestamp | null;
  errors: SectionError[];
}

export interface ListRunsResponse {
  runs: RunSummary[];
  next_page_token: string;
}

export interface DickeyFuller {
  statistic: number;
  pvalue: number;
  used_lag: number;
  nobs: number;
  critical_1pct: number;
  critical_5pct: number;
  critical_10pct: number;
  icbest?: number;
  stationary: boolean;
}

export interface DickeyFullerResult {
  run: RunRef | null;
  adf?: DickeyFuller | null;
  error?: SectionError | null;
  outcome?: 'adf' | 'error';
}

export interface GetDickeyFullerResponse {
  results: DickeyFullerResult[];
  next_page_token: string;
}

export interface DecompositionPoint {
  index: number;
  timestamp: Timestamp | null;
  trend?: number;
  seasonal?: number;
  resid?: number;
}

export interface DecompositionPage {
  run: RunRef | null;
  period: number;
  points: DecompositionPoint[];
  next_page_token: string;
  error: SectionError | null;
}

export interface HodrickPrescottPoint {
  index: number;
  timestamp: Timestamp | null;
  trend?: number;
  cycle?: number;
}

export interface HodrickPrescottPage {
  run: RunRef | null;
  lambda: number;
  points: HodrickPrescottPoint[];
  next_page_token: string;
  error: SectionError | null;
}

export interface AutocorrelationValue {
  lag: number;
  value?: number;
}

export interface AutocorrelationPage {
  run: RunRef | null;
  values: AutocorrelationValue[];
  next_page_token: string;
  error: SectionError | null;
}

export type AggregateKind = 'KIND_UNSPECIFIED' | 'TRAILING' | 'RESAMPLED' | 'PREDICTED';

export interface Aggregate {
  kind: AggregateKind;
  window: string;
  sample_count?: number;
  bucket_count?: number;
  non_empty_buckets?: number;
  max?: number;
  min?: number;
  mean?: number;
  std?: number;
}

export interface AggregatesPage {
  run: RunRef | null;
  aggregates: Aggregate[];
  next_page_token: string;
}

export interface HoltWintersModel {
  trend: string;
  seasonal: string;
  seasonal_periods?: number;
  damped: boolean;
  alpha: number;
  beta?: number;
  gamma?: number;
  initial_level: number;
  initial_trend?: number;
  sse?: number;
}

export interface ForecastPoint {
  step: number;
  at: Timestamp | null;
  value: number;
}

export interface Forecast {
  run: RunRef | null;
  model: HoltWintersModel | null;
  points: ForecastPoint[];
  error: SectionError | null;
}

export interface GetLatestForecastResponse {
  forecasts: Forecast[];
  next_page_token: string;
}

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
}
