import type {
  AggregatesPage,
  AutocorrelationPage,
  DecompositionPage,
  GetDickeyFullerResponse,
  GetLatestForecastResponse,
  HodrickPrescottPage,
  ListMetricsResponse,
  ListRunsResponse,
  ListSeriesBudgetsResponse,
  ListSeriesResponse,
  ListSlosResponse,
  RunRef,
  SectionError,
} from '../../api/retrieval/messages.ts';
import { formatLabels, formatTime, runHeading, seriesLabel, table } from './format.ts';

/**
 * Tables for each retrieval response. Stream pages render one at a time (with a heading when the run changes),
 * so printing a long stream never holds more than a page.
 */

export function metricsTable(r: ListMetricsResponse): string {
  return table(
    ['metric', 'series', 'last seen'],
    r.metrics.map((m) => [m.metric, m.series_count, formatTime(m.last_seen)]),
  );
}

export function seriesTable(r: ListSeriesResponse): string {
  return table(
    ['series', 'first seen', 'last seen'],
    r.series.map((s) => [seriesLabel(s.series), formatTime(s.first_seen), formatTime(s.last_seen)]),
  );
}

/** One line per objective; `stale` marks an evaluation of the SLA before its selector or bounds changed. */
export function slosTable(r: ListSlosResponse): string {
  return table(
    ['sla', 'name', 'remaining %', 'compliance', 'burn 1h', 'firing', 'at', 'stale'],
    r.slos.map((s) => [
      s.sla_id,
      s.name,
      s.budget?.budget_remaining_percent,
      s.budget?.compliance,
      s.budget?.burn_rates.find((b) => b.window === '1h')?.rate,
      s.budget?.alerts
        .filter((a) => a.state === 'FIRING')
        .map((a) => a.name)
        .join(' ') || '-',
      formatTime(s.budget?.at),
      s.stale,
    ]),
  );
}

/** One line per series of an SLA, least remaining budget first: which series burns the budget. */
export function seriesBudgetsTable(r: ListSeriesBudgetsResponse): string {
  const rate = (s: ListSeriesBudgetsResponse['series'][number], w: string) =>
    s.burn_rates.find((b) => b.window === w)?.rate;
  return table(
    [
      'series',
      'remaining %',
      'bad minutes',
      'compliance',
      'burn 1h',
      'burn 6h',
      'exhausted at (1h rate)',
      'at',
    ],
    r.series.map((s) => [
      formatLabels(s.labels),
      s.budget_remaining_percent,
      s.events_bad,
      s.compliance,
      rate(s, '1h'),
      rate(s, '6h'),
      formatTime(s.exhaustion_at_1h),
      formatTime(s.at),
    ]),
  );
}

const errorText = (errors: readonly SectionError[]) =>
  errors.map((e) => `${e.section}:${e.code}`).join(' ') || '-';

export function runsTable(r: ListRunsResponse): string {
  return table(
    ['run', 'series', 'cycle', 'window end', 'points', 'errors'],
    r.runs.map((x) => [
      x.run?.run_id,
      seriesLabel(x.run?.series),
      x.run?.cycle_id,
      formatTime(x.run?.window_end),
      x.points,
      errorText(x.errors),
    ]),
  );
}

/** Failed runs show their error code in the table and the full message below it, so columns stay narrow. */
export function adfTable(r: GetDickeyFullerResponse): string {
  const notes: string[] = [];
  const rows = table(
    [
      'series',
      'run',
      'window end',
      'statistic',
      'p-value',
      'lag',
      'nobs',
      'crit 1%',
      'crit 5%',
      'crit 10%',
      'stationary',
    ],
    r.results.map((x) => {
      const head = [seriesLabel(x.run?.series), x.run?.run_id, formatTime(x.run?.window_end)];
      if (!x.adf) {
        notes.push(`  run ${x.run?.run_id}: ${x.error?.code ?? '?'}: ${x.error?.message ?? ''}`);
        return [...head, `error ${x.error?.code ?? '?'}`];
      }
      const a = x.adf;
      return [
        ...head,
        a.statistic,
        a.pvalue,
        a.used_lag,
        a.nobs,
        a.critical_1pct,
        a.critical_5pct,
        a.critical_10pct,
        a.stationary,
      ];
    }),
  );
  return notes.length === 0 ? rows : `${rows}${notes.join('\n')}\n`;
}

export function forecastTable(r: GetLatestForecastResponse): string {
  const blocks = r.forecasts.map((f) => {
    const heading = runHeading(f.run);
    if (!f.model) return `${heading}\n  no forecast: ${f.error?.code ?? '?'}: ${f.error?.message ?? ''}\n`;
    const m = f.model;
    const model = `  model: trend=${m.trend || 'none'} seasonal=${m.seasonal || 'none'} periods=${m.seasonal_periods ?? '-'} damped=${m.damped} alpha=${m.alpha}`;
    return `${heading}\n${model}\n${table(
      ['step', 'at', 'value'],
      f.points.map((p) => [p.step, formatTime(p.at), p.value]),
    )}`;
  });
  return blocks.join('\n');
}

/** Renders stream pages, printing a run's heading when a page starts a new run. */
export class PageRenderer {
  private lastRun: number | undefined;

  private heading(run: RunRef | null, extra = ''): string {
    if (run?.run_id === this.lastRun) return '';
    this.lastRun = run?.run_id;
    return `${this.lastRun === undefined ? '' : '\n'}${runHeading(run)}${extra}\n`;
  }

  private failed(error: SectionError | null): string {
    return error ? `  ${error.section} not available: ${error.code}: ${error.message}\n` : '';
  }

  decomposition(p: DecompositionPage): string {
    const body =
      p.points.length === 0
        ? ''
        : table(
            ['index', 'time', 'trend', 'seasonal', 'resid'],
            p.points.map((x) => [x.index, formatTime(x.timestamp), x.trend, x.seasonal, x.resid]),
          );
    return `${this.heading(p.run, `  period ${p.period}`)}${this.failed(p.error)}${body}`;
  }

  hodrickPrescott(p: HodrickPrescottPage): string {
    const body =
      p.points.length === 0
        ? ''
        : table(
            ['index', 'time', 'trend', 'cycle'],
            p.points.map((x) => [x.index, formatTime(x.timestamp), x.trend, x.cycle]),
          );
    return `${this.heading(p.run, `  lambda ${p.lambda}`)}${this.failed(p.error)}${body}`;
  }

  autocorrelation(p: AutocorrelationPage): string {
    const body =
      p.values.length === 0
        ? ''
        : table(
            ['lag', 'acf'],
            p.values.map((x) => [x.lag, x.value]),
          );
    return `${this.heading(p.run)}${this.failed(p.error)}${body}`;
  }

  aggregates(p: AggregatesPage): string {
    const body = table(
      ['kind', 'window', 'samples', 'buckets', 'non-empty', 'max', 'min', 'mean', 'std'],
      p.aggregates.map((a) => [
        a.kind.toLowerCase(),
        a.window,
        a.sample_count,
        a.bucket_count,
        a.non_empty_buckets,
        a.max,
        a.min,
        a.mean,
        a.std,
      ]),
    );
    return `${this.heading(p.run)}${body}`;
  }
}
