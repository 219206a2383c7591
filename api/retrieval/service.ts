import { decodeFloat64 } from '../../drizzle/codec.ts';
import type { Executor } from '../../drizzle/db.ts';
import {
  acfOfRuns,
  aggregatesOfRuns,
  componentsOfRuns,
  decompositionsOfRuns,
  errorsOfRuns,
  forecastOfRuns,
  hpOfRuns,
  type RunKey,
  type RunRow,
  type RunSelection,
  runById,
  selectRuns,
  selectRunsWithAdf,
} from '../../drizzle/repositories/runs.ts';
import { metricSummaries, type SeriesRow } from '../../drizzle/repositories/series.ts';
import type { Component } from '../../drizzle/schema.ts';
import {
  sampleTimes,
  toAggregate,
  toAutocorrelation,
  toDickeyFuller,
  toForecastChoice,
  toForecastPoint,
  toHoltWintersModel,
  toRunRef,
  toRunSummary,
  toSectionError,
  toSeries,
  toSeriesSummary,
  withValues,
} from './convert.ts';
import { InvalidArgument, NotFound } from './errors.ts';
import type {
  Aggregate,
  AggregatesPage,
  AutocorrelationPage,
  AutocorrelationValue,
  DecompositionPage,
  DecompositionPoint,
  GetDickeyFullerResponse,
  GetLatestForecastResponse,
  HodrickPrescottPage,
  HodrickPrescottPoint,
  ListMetricsResponse,
  ListRunsResponse,
  ListSeriesRequest,
  ListSeriesResponse,
  RunQuery,
  RunRef,
  SectionError,
  Series,
} from './messages.ts';
import { encodePageToken, type Position } from './page-token.ts';
import { type ParsedRunQuery, parseRunQuery, parseSeriesQuery, type Selector } from './query.ts';
import type { SeriesCatalog } from './series-catalog.ts';
import { toTimestamp } from './timestamp.ts';

/**
 * The retrieval calls, independent of gRPC plumbing (server.ts adds auth, metrics, status mapping). Unary lists
 * return one page and a token for the next; streams write pages of at most `page_size` items until the selection
 * (or `limit`) is exhausted, each page carrying the token that resumes right after it.
 */

/** Runs read from the database per round trip of a stream (component arrays are ~11.5 KB per run each). */
const RUNS_PER_BATCH = 64;

/** What a stream writes to; the server's PageWriter (backpressure, cancellation) implements it. */
export interface PageSink<T> {
  write(page: T): Promise<void>;
}

/** Stops work once the call has ended. */
export type Check = () => void;

interface Resolved {
  q: ParsedRunQuery;
  series: Map<number, Series>;
  ids: number[];
  selection: RunSelection;
}

function selection(s: Selector): RunSelection {
  if (s.kind === 'range') return { kind: 'range', from: new Date(s.fromMs), to: new Date(s.toMs) };
  return s;
}

function keyOf(p: Position): RunKey {
  return { seriesId: p.seriesId, windowEnd: new Date(p.windowEndMs), runId: p.runId };
}

function at(run: RunRow, index: number): Position {
  return { seriesId: run.seriesId, windowEndMs: run.windowEnd.getTime(), runId: run.id, index };
}

/** The first position after every item of `run` (the next run in sort order, whatever it is). */
function after(run: RunRow): Position {
  return { seriesId: run.seriesId, windowEndMs: run.windowEnd.getTime(), runId: run.id + 1, index: 0 };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
}

/** A run's items for a stream, plus what its pages carry besides them. */
interface RunItems<Item, Extra> {
  items: Item[];
  extra: Extra;
  error: SectionError | null;
}

type Loader<Item, Extra> = (runs: RunRow[]) => Promise<Map<number, RunItems<Item, Extra>>>;
type PageBuilder<Item, Extra, Page> = (
  run: RunRef,
  items: Item[],
  extra: Extra,
  error: SectionError | null,
  token: string,
) => Page;

const RETAINED = (section: string): SectionError => ({
  section,
  code: 'NOT_RETAINED',
  message: 'the component series of this run are past retention; only its scalar results are kept',
});

export class RetrievalService {
  constructor(
    private readonly db: Executor,
    private readonly catalog: SeriesCatalog,
  ) {}

  async listMetrics(): Promise<ListMetricsResponse> {
    const rows = await metricSummaries(this.db);
    return {
      metrics: rows.map((r) => ({
        metric: r.metric,
        series_count: r.seriesCount,
        last_seen: r.lastSeenAt ? toTimestamp(r.lastSeenAt) : null,
      })),
    };
  }

  async listSeries(request: ListSeriesRequest): Promise<ListSeriesResponse> {
    const q = parseSeriesQuery(request);
    const chosen = await this.catalog.resolve(q.metric, q.matchers);
    const from = q.start?.seriesId ?? 0;
    const rest = chosen.filter((s) => s.id >= from);
    const page = rest.slice(0, q.limit);
    const next = rest[q.limit];
    return {
      series: page.map(toSeriesSummary),
      next_page_token: next
        ? encodePageToken(q.fingerprint, { seriesId: next.id, windowEndMs: 0, runId: 0, index: 0 })
        : '',
    };
  }

  private async resolve(method: string, request: RunQuery, mode: 'unary' | 'stream'): Promise<Resolved> {
    const q = parseRunQuery(method, request, mode);
    const chosen: SeriesRow[] = await this.catalog.resolve(q.metric, q.matchers);
    return {
      q,
      series: new Map(chosen.map((s) => [s.id, toSeries(s)])),
      ids: chosen.map((s) => s.id),
      selection: selection(q.selector),
    };
  }

  /** NOT_FOUND for a run id that does not exist or is not a run of the selected series. */
  private async requireRun(r: Resolved, found: readonly RunRow[]): Promise<void> {
    if (r.selection.kind !== 'run' || found.length > 0 || r.q.start) return;
    const run = await runById(this.db, r.selection.runId);
    throw new NotFound(
      run
        ? `run ${r.selection.runId} is not a run of the selected series of ${r.q.metric}`
        : `run ${r.selection.runId} not found`,
    );
  }

  /** One page of runs for a unary call, and the token of the next. */
  private async runPage(r: Resolved): Promise<{ runs: RunRow[]; next: string }> {
    const from = r.q.start ? keyOf(r.q.start) : null;
    const rows = await selectRuns(this.db, r.ids, r.selection, from, r.q.limit + 1);
    await this.requireRun(r, rows);
    const next = rows[r.q.limit];
    return {
      runs: rows.slice(0, r.q.limit),
      next: next ? encodePageToken(r.q.fingerprint, at(next, 0)) : '',
    };
  }

  private ref(r: Resolved, run: RunRow): RunRef {
    return toRunRef(run, r.series.get(run.seriesId)!);
  }

  async listRuns(request: RunQuery): Promise<ListRunsResponse> {
    const r = await this.resolve('ListRuns', request, 'unary');
    const { runs, next } = await this.runPage(r);
    const errors = groupBy(
      await errorsOfRuns(
        this.db,
        runs.filter((x) => x.errorCount > 0).map((x) => x.id),
      ),
      (e) => e.runId,
    );
    return {
      runs: runs.map((run) => toRunSummary(run, r.series.get(run.seriesId)!, errors.get(run.id) ?? [])),
      next_page_token: next,
    };
  }

  async getDickeyFuller(request: RunQuery): Promise<GetDickeyFullerResponse> {
    const r = await this.resolve('GetDickeyFuller', request, 'unary');
    // Runs and their ADF rows in one round trip: this is the latency-critical call (p99 < 10 ms at 200/s).
    const from = r.q.start ? keyOf(r.q.start) : null;
    const rows = await selectRunsWithAdf(this.db, r.ids, r.selection, from, r.q.limit + 1);
    await this.requireRun(
      r,
      rows.map((x) => x.run),
    );
    const page = rows.slice(0, r.q.limit);
    const next = rows[r.q.limit];
    const failed = page.filter((x) => !x.adf).map((x) => x.run.id);
    const errors = new Map((await errorsOfRuns(this.db, failed, 'adf')).map((e) => [e.runId, e]));
    return {
      results: page.map(({ run, adf }) => {
        if (adf) return { run: this.ref(r, run), adf: toDickeyFuller(adf) };
        const e = errors.get(run.id);
        return {
          run: this.ref(r, run),
          error: e ? toSectionError(e) : { section: 'adf', code: 'MISSING', message: 'no ADF result stored' },
        };
      }),
      next_page_token: next ? encodePageToken(r.q.fingerprint, at(next.run, 0)) : '',
    };
  }

  async getLatestForecast(request: RunQuery): Promise<GetLatestForecastResponse> {
    const sel = request.runs?.selector;
    if (sel !== undefined && sel !== 'latest') {
      throw new InvalidArgument(
        'runs',
        'GetLatestForecast reads the latest run of each series; leave it unset',
      );
    }
    const r = await this.resolve('GetLatestForecast', request, 'unary');
    const { runs, next } = await this.runPage(r);
    const points = groupBy(
      await forecastOfRuns(
        this.db,
        runs.map((x) => x.id),
      ),
      (p) => p.runId,
    );
    const failed = runs.filter((x) => x.errorCount > 0 && x.hwAlpha === null).map((x) => x.id);
    const errors = new Map((await errorsOfRuns(this.db, failed, 'holt_winters')).map((e) => [e.runId, e]));
    return {
      forecasts: runs.map((run) => {
        const e = errors.get(run.id);
        return {
          run: this.ref(r, run),
          model: toHoltWintersModel(run),
          points: (points.get(run.id) ?? []).map(toForecastPoint),
          error: e ? toSectionError(e) : null,
          choice: toForecastChoice(run),
        };
      }),
      next_page_token: next,
    };
  }

  /**
   * The shared stream loop: reads runs in batches in sort order, loads their items, and writes pages. A page
   * never mixes runs, so every page names its run; the token after a page is the next item's position.
   */
  private async stream<Item, Extra, Page>(
    method: string,
    request: RunQuery,
    sink: PageSink<Page>,
    check: Check,
    load: Loader<Item, Extra>,
    build: PageBuilder<Item, Extra, Page>,
  ): Promise<number> {
    const r = await this.resolve(method, request, 'stream');
    const { q } = r;
    let position = q.start;
    let remaining = q.limit;
    let sent = 0;
    let first = true;
    while (remaining > 0) {
      check();
      const runs = await selectRuns(
        this.db,
        r.ids,
        r.selection,
        position ? keyOf(position) : null,
        RUNS_PER_BATCH,
      );
      if (first) await this.requireRun(r, runs);
      first = false;
      if (runs.length === 0) break;
      const loaded = await load(runs);
      for (const run of runs) {
        const { items, extra, error } = loaded.get(run.id) ?? {
          items: [],
          extra: undefined as Extra,
          error: null,
        };
        const startIndex = position && position.runId === run.id ? position.index : 0;
        const ref = this.ref(r, run);
        if (items.length === 0) {
          // A run with nothing to list still gets one page, so the client sees why (its section failed).
          if (startIndex === 0) {
            await sink.write(build(ref, [], extra, error, encodePageToken(q.fingerprint, after(run))));
          }
          continue;
        }
        for (let i = startIndex; i < items.length && remaining > 0; ) {
          const end = Math.min(items.length, i + q.pageSize, i + remaining);
          const next = end < items.length ? at(run, end) : after(run);
          await sink.write(
            build(ref, items.slice(i, end), extra, error, encodePageToken(q.fingerprint, next)),
          );
          sent += end - i;
          remaining -= end - i;
          i = end;
        }
        if (remaining <= 0) break;
      }
      if (runs.length < RUNS_PER_BATCH) break;
      position = after(runs.at(-1)!);
    }
    return sent;
  }

  private async components(
    runs: RunRow[],
    names: readonly Component[],
  ): Promise<Map<number, Partial<Record<Component, (number | null)[]>>>> {
    const rows = await componentsOfRuns(
      this.db,
      runs.map((x) => x.id),
      names,
    );
    const out = new Map<number, Partial<Record<Component, (number | null)[]>>>();
    for (const row of rows) {
      const entry = out.get(row.runId) ?? {};
      entry[row.component] = decodeFloat64(row.data);
      out.set(row.runId, entry);
    }
    return out;
  }

  private async sectionErrors(runs: RunRow[], section: string): Promise<Map<number, SectionError>> {
    const failed = runs.filter((x) => x.errorCount > 0).map((x) => x.id);
    if (failed.length === 0) return new Map();
    return new Map((await errorsOfRuns(this.db, failed, section)).map((e) => [e.runId, toSectionError(e)]));
  }

  /**
   * The listings of full component series (decomposition, HP): per run, one point per sample with the named
   * components' values, the run's scalar (period or λ) and its section error. A run whose scalars exist but whose
   * series the retention dropped says NOT_RETAINED rather than listing nothing silently.
   */
  private async componentItems<P extends object, S extends { runId: number }>(
    runs: RunRow[],
    section: 'decompose' | 'hp',
    scalarsOf: (db: Executor, ids: number[]) => Promise<S[]>,
    scalarOf: (row: S) => number,
    fields: readonly (readonly [string, Component])[],
  ): Promise<Map<number, { items: P[]; extra: number; error: SectionError | null }>> {
    const [scalars, arrays, errors] = await Promise.all([
      scalarsOf(
        this.db,
        runs.map((x) => x.id),
      ),
      this.components(
        runs,
        fields.map(([, component]) => component),
      ),
      this.sectionErrors(runs, section),
    ]);
    const byRun = new Map(scalars.map((row) => [row.runId, row]));
    return new Map(
      runs.map((run) => {
        const scalar = byRun.get(run.id);
        const values = arrays.get(run.id);
        const columns = fields.map(([name, component]) => [name, values?.[component]] as const);
        const n = columns[0]?.[1]?.length ?? 0;
        const time = sampleTimes(run, n);
        const items = Array.from({ length: n }, (_, i) =>
          withValues({ index: i, timestamp: time ? toTimestamp(time(i)) : null } as P, columns, i),
        );
        const error = errors.get(run.id) ?? (scalar && n === 0 ? RETAINED(section) : null);
        return [run.id, { items, extra: scalar ? scalarOf(scalar) : 0, error }];
      }),
    );
  }

  listDecomposition(request: RunQuery, sink: PageSink<DecompositionPage>, check: Check): Promise<number> {
    return this.stream<DecompositionPoint, number, DecompositionPage>(
      'ListDecomposition',
      request,
      sink,
      check,
      (runs) =>
        this.componentItems<DecompositionPoint, { runId: number; period: number }>(
          runs,
          'decompose',
          decompositionsOfRuns,
          (d) => d.period,
          [
            ['trend', 'decompose_trend'],
            ['seasonal', 'decompose_seasonal'],
            ['resid', 'decompose_resid'],
          ],
        ),
      (run, points, period, error, token) => ({ run, period, points, next_page_token: token, error }),
    );
  }

  listHodrickPrescott(request: RunQuery, sink: PageSink<HodrickPrescottPage>, check: Check): Promise<number> {
    return this.stream<HodrickPrescottPoint, number, HodrickPrescottPage>(
      'ListHodrickPrescott',
      request,
      sink,
      check,
      (runs) =>
        this.componentItems<HodrickPrescottPoint, { runId: number; lambda: number }>(
          runs,
          'hp',
          hpOfRuns,
          (h) => h.lambda,
          [
            ['trend', 'hp_trend'],
            ['cycle', 'hp_cycle'],
          ],
        ),
      (run, points, lambda, error, token) => ({ run, lambda, points, next_page_token: token, error }),
    );
  }

  listAutocorrelation(request: RunQuery, sink: PageSink<AutocorrelationPage>, check: Check): Promise<number> {
    return this.stream<AutocorrelationValue, undefined, AutocorrelationPage>(
      'ListAutocorrelation',
      request,
      sink,
      check,
      async (runs) => {
        const [rows, errors] = await Promise.all([
          acfOfRuns(
            this.db,
            runs.map((x) => x.id),
          ),
          this.sectionErrors(runs, 'acf'),
        ]);
        const byRun = groupBy(rows, (a) => a.runId);
        return new Map(
          runs.map((run) => [
            run.id,
            {
              items: (byRun.get(run.id) ?? []).map(toAutocorrelation),
              extra: undefined,
              error: errors.get(run.id) ?? null,
            },
          ]),
        );
      },
      (run, values, _extra, error, token) => ({ run, values, next_page_token: token, error }),
    );
  }

  listAggregates(request: RunQuery, sink: PageSink<AggregatesPage>, check: Check): Promise<number> {
    return this.stream<Aggregate, undefined, AggregatesPage>(
      'ListAggregates',
      request,
      sink,
      check,
      async (runs) => {
        const rows = await aggregatesOfRuns(
          this.db,
          runs.map((x) => x.id),
        );
        const byRun = groupBy(rows, (a) => a.runId);
        return new Map(
          runs.map((run) => [
            run.id,
            { items: (byRun.get(run.id) ?? []).map(toAggregate), extra: undefined, error: null },
          ]),
        );
      },
      (run, aggregates, _extra, _error, token) => ({ run, aggregates, next_page_token: token }),
    );
  }
}
