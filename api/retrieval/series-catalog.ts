import type { Executor } from '../../drizzle/db.ts';
import { type SeriesRow, seriesOfMetric } from '../../drizzle/repositories/series.ts';
import { labelFilter } from '../../prometheus/label-matchers.ts';
import { formatMatcher } from '../../prometheus/selectors.ts';
import { NotFound } from './errors.ts';
import type { Matcher } from './query.ts';

/**
 * Resolves a metric and label matchers to stored series. A metric's catalog is read once per `ttlMs` and kept:
 * series are only ever added (once per new label set), so a short cache trades a few seconds' delay in seeing a
 * brand-new series for one round trip less on every call — the bulk of a unary call's latency. Matching is done
 * here, in code, on the label values: a matcher never becomes SQL.
 */
export class SeriesCatalog {
  private readonly cache = new Map<string, { at: number; rows: Promise<SeriesRow[]> }>();

  constructor(
    private readonly db: Executor,
    private readonly ttlMs = 5000,
  ) {}

  private rows(metric: string): Promise<SeriesRow[]> {
    const hit = this.cache.get(metric);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.rows;
    const rows = seriesOfMetric(this.db, metric);
    this.cache.set(metric, { at: Date.now(), rows });
    // A failed read must not be served from the cache.
    rows.catch(() => this.cache.delete(metric));
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value as string);
    return rows;
  }

  /** The metric's series that match, ascending by id; NotFound for an unknown metric or no match. */
  async resolve(metric: string, matchers: readonly Matcher[]): Promise<SeriesRow[]> {
    let all = await this.rows(metric);
    // An unknown metric may have been stored since it was cached as empty.
    if (all.length === 0 && this.ttlMs > 0) {
      this.cache.delete(metric);
      all = await this.rows(metric);
    }
    if (all.length === 0) throw new NotFound(`metric ${metric} not found`);
    const selects = labelFilter(matchers);
    const chosen = matchers.length === 0 ? all : all.filter((s) => selects(s.labels));
    if (chosen.length === 0) {
      throw new NotFound(`no series of ${metric} matches {${matchers.map(formatMatcher).join(',')}}`);
    }
    return chosen;
  }
}
