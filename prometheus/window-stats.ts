import type { PrometheusDriver } from 'prometheus-query';
import { seriesKey } from '../contracts/series-key.ts';
import { prometheusFailure } from './client.ts';
import { labelsOf } from './results.ts';
import { selector } from './selectors.ts';
import { LOOKBACK_MARGIN_SECONDS, type Sampling } from './sla-samples.ts';

/** What a violation check needs of every selected series before it looks at a single sample. */
export interface SeriesStats {
  key: string;
  labels: Record<string, string>;
  /** Evaluation points of [start, end] at the step that hold a value (non-finite ones included). */
  count: number;
  /**
   * The largest and smallest raw sample from the lookback margin before `start` (at least) to `end`; NaN when
   * that may be an infinity (see Totals.add).
   */
  max: number;
  min: number;
}

/**
 * The cache keeps per-series statistics of past 15-minute pieces: a window is then cut into the pieces it
 * covers, with at most one partial piece at the start and the still-fresh end left for Prometheus. 15 minutes
 * keeps those ends small (a check's own cost) and a 12-hour window at 48 pieces per series (the cache's size).
 */
const PIECE = 900;
/**
 * A piece is cached once it ended this long ago: every sample of it has been scraped and written by then. The
 * rule and the figure of Mimir's query-frontend results cache (`-query-frontend.max-cache-freshness`, 10m since
 * grafana/mimir#7161).
 */
const FRESHNESS_SECONDS = 600;
/**
 * Pieces are kept at most this long. Samples written into a piece after it was cached (a promtool backfill of
 * the past) are therefore seen within the hour, where a results cache sees them only when its entry expires.
 */
const TTL_MS = 3_600_000;
/**
 * Past this many missing pieces (a first check, or a cache emptied by its TTL) a check is answered the direct
 * way, over the whole window, and the pieces are fetched after it in the background (WindowStatsCache.fillWanted):
 * a miss then costs no more than a check without a cache, and the next checks find them. Fewer are fetched
 * inline (the window moved on).
 */
const INLINE_MISSING = 4;
/** About 40 bytes a series-piece: 1,000,000 of them (10,000 series × 13 h, twice over) is ~40 MB. */
const MAX_SERIES_PIECES = 1_000_000;

interface Piece {
  series: Array<{ key: string; labels: Record<string, string> }>;
  count: Float64Array;
  max: Float64Array;
  min: Float64Array;
  at: number;
}

/**
 * Per-series statistics of past pieces, by selector and piece end: they depend on the series only, never on an
 * SLA's bounds, so every SLA over the same selector shares them, and a check of a 12-hour window that ends a
 * minute after the previous one asks Prometheus only for its ends. Least recently used pieces go first past
 * MAX_SERIES_PIECES.
 */
export class WindowStatsCache {
  private readonly pieces = new Map<string, Piece>();
  private readonly filling = new Map<string, Promise<void>>();
  private readonly wanted = new Map<string, () => Promise<void>>();
  private size = 0;
  /** Lookups answered and not, since start (for /metrics). */
  hits = 0;
  misses = 0;
  /** The latest background fill (tests and benchmarks wait for it). */
  filled: Promise<void> = Promise.resolve();

  constructor(
    private readonly maxSeriesPieces = MAX_SERIES_PIECES,
    private readonly now: () => number = Date.now,
  ) {}

  get(sel: string, pieceEnd: number): Piece | undefined {
    const id = `${pieceEnd} ${sel}`;
    const piece = this.pieces.get(id);
    if (piece) this.pieces.delete(id);
    if (!piece || this.now() - piece.at > TTL_MS) {
      if (piece) this.size -= piece.series.length;
      this.misses++;
      return undefined;
    }
    this.pieces.set(id, piece);
    this.hits++;
    return piece;
  }

  set(sel: string, pieceEnd: number, piece: Omit<Piece, 'at'>): void {
    const id = `${pieceEnd} ${sel}`;
    const old = this.pieces.get(id);
    if (old) {
      this.pieces.delete(id);
      this.size -= old.series.length;
    }
    this.pieces.set(id, { ...piece, at: this.now() });
    this.size += piece.series.length;
    for (const [oldest, p] of this.pieces) {
      if (this.size <= this.maxSeriesPieces) break;
      this.pieces.delete(oldest);
      this.size -= p.series.length;
    }
  }

  /** Remembers a fill that a check needs, for fillWanted. */
  want(sel: string, fetch: () => Promise<void>): void {
    if (!this.filling.has(sel)) this.wanted.set(sel, fetch);
  }

  /**
   * Starts the fills checks asked for. The caller calls it once its own queries are done: a fill beside them
   * (three range queries over a whole window) would slow the very check that found the cache empty.
   */
  fillWanted(): void {
    for (const [sel, fetch] of this.wanted) void this.fill(sel, fetch);
    this.wanted.clear();
  }

  /**
   * Runs `fetch` for a selector unless one is already running for it (then that one's promise); never rejects: a
   * failed fill leaves the pieces missing, and the next check that needs them asks Prometheus itself.
   */
  fill(sel: string, fetch: () => Promise<void>): Promise<void> {
    const running = this.filling.get(sel);
    if (running) return running;
    const done = fetch()
      .catch(() => undefined)
      .finally(() => this.filling.delete(sel));
    this.filling.set(sel, done);
    this.filled = done;
    return done;
  }

  /** Series-pieces held (for tests and /metrics). */
  get seriesPieces(): number {
    return this.size;
  }
}

type Stat = 'count' | 'max' | 'min';

/**
 * One statistic per series: the evaluation points of `points` instants up to the query's time (step apart), or
 * the extreme raw sample of the `rawSeconds` before it. The subquery's range ends half a step past the earliest
 * instant: it holds exactly `points` instants whether the server's ranges include their start (Prometheus 2) or
 * not (3).
 */
function statExpr(sel: string, stat: Stat, points: number, stepSeconds: number, rawSeconds: number): string {
  if (stat === 'count') {
    return `count_over_time(${sel}[${(points - 1) * stepSeconds + stepSeconds / 2}s:${stepSeconds}s])`;
  }
  return `${stat}_over_time(${sel}[${rawSeconds}s])`;
}

class Totals {
  readonly bySeries = new Map<string, SeriesStats>();

  /**
   * prometheus-query reads +Inf, −Inf and NaN all as NaN, and an extreme is NaN when its range holds an infinity
   * (or only NaN): a NaN piece makes the whole extreme NaN, "maybe infinite". Parsed values are never ±Infinity,
   * so those start the fold.
   */
  add(key: string, labels: Record<string, string>, stat: Stat, value: number): void {
    let s = this.bySeries.get(key);
    if (!s) {
      s = { key, labels, count: 0, max: Number.NEGATIVE_INFINITY, min: Number.POSITIVE_INFINITY };
      this.bySeries.set(key, s);
    }
    if (stat === 'count') s.count += value;
    else if (Number.isNaN(value) || Number.isNaN(s[stat])) s[stat] = Number.NaN;
    else s[stat] = stat === 'max' ? Math.max(s.max, value) : Math.min(s.min, value);
  }
}

/**
 * Per series, how many evaluation points of [start, end] hold a value and the raw extremes around them, counted
 * inside Prometheus (a few numbers per series, never samples), each statistic a query of its own so that
 * Prometheus evaluates them side by side.
 *
 * With a cache, the window is cut into 15-minute pieces (piece P holds the evaluation instants (P − 15 min, P]
 * and the raw samples of [P − 15 min, P]). The pieces already cached cost nothing and a few missing ones a range
 * query at a 15-minute step (many: see INLINE_MISSING and fillWanted); Prometheus is asked for the count of the partial piece at
 * the start and for every statistic of the end not yet cacheable. Counts add up because each evaluation instant falls in exactly one
 * piece. The extremes come from the pieces from the one holding start − the lookback margin to the end: a
 * superset of the window's raw samples, which only the comparison that follows settles, so it stays exact.
 * Only series with at least one evaluation point are returned, by series key.
 */
export async function windowStats(
  s: Sampling,
  cache?: WindowStatsCache,
  now: Date = new Date(),
): Promise<SeriesStats[]> {
  const step = s.stepSeconds;
  const startS = s.start.getTime() / 1000;
  const endS = s.end.getTime() / 1000;
  const sel = selector(s.metric, s.matchers);
  const totals = new Totals();
  const instant = async (stat: Stat, from: number, to: number) => {
    const points = Math.floor((to - from) / step) + 1;
    if (points < 1) return;
    const expr = statExpr(sel, stat, points, step, to - from);
    for (const r of await query(s.prom, s.metric, expr, to)) totals.add(r.key, r.labels, stat, r.value);
  };
  const stats = (from: number, to: number, rawFrom: number) =>
    Promise.all([instant('count', from, to), instant('max', rawFrom, to), instant('min', rawFrom, to)]);

  // The first piece whose every instant is in the window, the last one both inside it and old enough to keep.
  const first = Math.ceil((startS + PIECE - step) / PIECE) * PIECE;
  const last = Math.min(
    Math.floor(endS / PIECE) * PIECE,
    Math.floor((now.getTime() / 1000 - FRESHNESS_SECONDS) / PIECE) * PIECE,
  );
  if (!cache || PIECE % step !== 0 || startS % step !== 0 || last < first) {
    await stats(startS, endS, startS - LOOKBACK_MARGIN_SECONDS);
    return sorted(totals);
  }
  // Pieces before `first` lend only their extremes: they cover the lookback margin.
  const rawFirst = Math.ceil((startS - LOOKBACK_MARGIN_SECONDS) / PIECE) * PIECE;
  const ends: number[] = [];
  for (let p = rawFirst; p <= last; p += PIECE) ends.push(p);
  const cached = new Map(ends.map((p) => [p, cache.get(sel, p)]));
  const missing = ends.filter((p) => !cached.get(p));
  if (missing.length > INLINE_MISSING) {
    await stats(startS, endS, startS - LOOKBACK_MARGIN_SECONDS);
    cache.want(sel, () => fetchPieces(s, sel, missing, cache, new Map()));
    return sorted(totals);
  }
  await Promise.all([
    instant('count', startS, first - PIECE),
    last < endS ? stats(last + step, endS, last) : undefined,
    missing.length > 0 ? fetchPieces(s, sel, missing, cache, cached) : undefined,
  ]);
  for (const [end, piece] of cached) {
    if (!piece) continue;
    piece.series.forEach(({ key, labels }, i) => {
      if (end >= first) totals.add(key, labels, 'count', piece.count[i]!);
      totals.add(key, labels, 'max', piece.max[i]!);
      totals.add(key, labels, 'min', piece.min[i]!);
    });
  }
  return sorted(totals);
}

function sorted(totals: Totals): SeriesStats[] {
  return [...totals.bySeries.values()]
    .filter((s) => s.count > 0)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The missing pieces, each statistic in one range query at a 15-minute step from the first missing piece to the
 * last, then cached.
 */
async function fetchPieces(
  s: Sampling,
  sel: string,
  missing: number[],
  cache: WindowStatsCache,
  into: Map<number, Piece | undefined>,
): Promise<void> {
  const from = missing[0]!;
  const to = missing[missing.length - 1]!;
  const byPiece = new Map<number, Map<string, { labels: Record<string, string>; v: Record<Stat, number> }>>();
  await Promise.all(
    (['count', 'max', 'min'] as const).map(async (stat) => {
      const expr = statExpr(sel, stat, PIECE / s.stepSeconds, s.stepSeconds, PIECE);
      let result: Awaited<ReturnType<PrometheusDriver['rangeQuery']>>;
      try {
        result = await s.prom.rangeQuery(expr, new Date(from * 1000), new Date(to * 1000), PIECE);
      } catch (err) {
        throw prometheusFailure(err, `counting samples of ${s.metric}`);
      }
      for (const r of result.result) {
        const labels = labelsOf(r.metric);
        const key = seriesKey(s.metric, labels);
        for (const p of r.values as Array<{ time: Date; value: number }>) {
          const end = p.time.getTime() / 1000;
          let series = byPiece.get(end);
          if (!series) {
            series = new Map();
            byPiece.set(end, series);
          }
          let entry = series.get(key);
          if (!entry) {
            // A statistic a series lacks in a piece is neutral: no point to count, no sample to compare.
            entry = {
              labels,
              v: { count: 0, max: Number.NEGATIVE_INFINITY, min: Number.POSITIVE_INFINITY },
            };
            series.set(key, entry);
          }
          entry.v[stat] = p.value;
        }
      }
    }),
  );
  for (let end = from; end <= to; end += PIECE) {
    const series = [...(byPiece.get(end) ?? new Map()).entries()];
    const piece = {
      series: series.map(([key, e]) => ({ key, labels: e.labels })),
      count: Float64Array.from(series, ([, e]) => e.v.count),
      max: Float64Array.from(series, ([, e]) => e.v.max),
      min: Float64Array.from(series, ([, e]) => e.v.min),
    };
    cache.set(sel, end, piece);
    if (into.has(end)) into.set(end, { ...piece, at: 0 });
  }
}

async function query(
  prom: PrometheusDriver,
  metric: string,
  expr: string,
  at: number,
): Promise<Array<{ key: string; labels: Record<string, string>; value: number }>> {
  let result: Awaited<ReturnType<PrometheusDriver['instantQuery']>>;
  try {
    result = await prom.instantQuery(expr, new Date(at * 1000));
  } catch (err) {
    throw prometheusFailure(err, `counting samples of ${metric}`);
  }
  return result.result.map((r) => {
    const labels = labelsOf(r.metric);
    return { key: seriesKey(metric, labels), labels, value: r.value.value as number };
  });
}
