import { Context } from '@temporalio/activity';
import { vigilFailure } from '../../contracts/errors.ts';
import type { SlaDefinition } from '../../contracts/sla.ts';
import { type EventCounts, MINUTE_MS, type SlaObjective } from '../../contracts/slo.ts';
import {
  hourSumsBySeries,
  labelsOf,
  preparedSeriesHours,
  readSeriesStatuses,
  type SeriesStatusRow,
  writeLabels,
  writeSeriesHours,
  writeSeriesStatuses,
} from '../../drizzle/repositories/sla-series.ts';
import { seriesHourCounts, seriesRangeCounts } from '../../prometheus/series-counts.ts';
import { seriesBudget } from '../../sla/budget.ts';
import { seriesHash } from '../../sla/fingerprint.ts';
import type { WindowBounds } from '../../sla/objective-window.ts';
import { hoursKey, type LongWindow, seriesWindowPlan } from '../../sla/series-window.ts';
import type { SloActivityDeps } from './slo-minutes.ts';

/**
 * Per-series budgets of SLAs with an objective (issue 14): each selected series' compliance, budget, burn rates and
 * exhaustion, as the SLA's but over that series' minutes alone. Per-minute counts per series would be 600,000 rows
 * an hour for an SLA over 10,000 series, so a series' sum over [A, at] is put together from three parts:
 * - whole hours, counted inside Prometheus once each hour is final (one point per series and hour) and stored;
 *   their sums over each window are computed once an hour (one grouped read) and kept with the series' status;
 * - the minutes from A to its first whole hour and from the last whole hour to `at` (at most an hour and a few
 *   minutes each), counted inside Prometheus at each evaluation, every stretch of every series in one query.
 * The 5m, 30m and 1h burn windows are such stretches whole.
 */

const HOUR_MS = 60 * MINUTE_MS;
/** Hours per Prometheus range query: 24 points per series, so 10,000 series stay far below Prometheus' limits. */
const CHUNK_HOURS = 24;
const ZERO: EventCounts = { good: 0, bad: 0 };
const add = (a: EventCounts, b: EventCounts | undefined): EventCounts =>
  b ? { good: a.good + b.good, bad: a.bad + b.bad } : a;

export function createSeriesBudgets(deps: SloActivityDeps) {
  const query = (sla: SlaDefinition) => ({
    prom: deps.prom,
    metric: sla.metric,
    matchers: sla.matchers,
    bounds: sla,
  });

  /** Counts the whole hours [from, to] (hour starts) of every series and stores them. */
  async function countHours(
    sla: SlaDefinition,
    fingerprint: string,
    from: number,
    to: number,
  ): Promise<void> {
    const counted = await seriesHourCounts(query(sla), from, to);
    const hours: number[] = [];
    for (let h = from; h <= to; h += HOUR_MS) hours.push(h);
    try {
      await writeSeriesHours(
        deps.db,
        sla.id,
        fingerprint,
        hours,
        counted.map((s) => ({ series: seriesHash(s.key), labels: s.labels, hours: s.hours })),
      );
    } catch (err) {
      throw vigilFailure(
        'DATABASE_UNAVAILABLE',
        `writing series hours of SLA ${sla.id}: ${(err as Error).message}`,
        err,
      );
    }
    Context.current().heartbeat();
  }

  /**
   * Brings the SLA's per-series hours up to the last final hour before `at`, back to what its windows need, at
   * most `budget` hours (forward first, then backward, a day per query: one contiguous range, as the minutes).
   * Returns whether every hour the windows need is counted.
   */
  async function refreshHours(
    sla: SlaDefinition,
    fingerprint: string,
    bounds: WindowBounds,
    at: Date,
    budget: number,
  ): Promise<boolean> {
    const { wholeEnd, hourStarts } = seriesWindowPlan(bounds, at);
    const need = Math.min(...Object.values(hourStarts));
    const lastNeeded = wholeEnd - HOUR_MS;
    const counted = await preparedSeriesHours(deps.db, sla.id, fingerprint, new Date(need));
    if (need > lastNeeded) return true;
    let left = budget;
    let first = counted ? counted.first.getTime() : lastNeeded + HOUR_MS;
    let next = counted ? counted.last.getTime() + HOUR_MS : first;
    while (next <= lastNeeded && left > 0) {
      const to = Math.min(lastNeeded, next + (Math.min(CHUNK_HOURS, left) - 1) * HOUR_MS);
      await countHours(sla, fingerprint, next, to);
      left -= (to - next) / HOUR_MS + 1;
      if (first > next) first = next;
      next = to + HOUR_MS;
    }
    while (first > need && left > 0) {
      const from = Math.max(need, first - Math.min(CHUNK_HOURS, left) * HOUR_MS);
      await countHours(sla, fingerprint, from, first - HOUR_MS);
      left -= (first - from) / HOUR_MS;
      first = from;
    }
    return first <= need && next > lastNeeded;
  }

  /**
   * Evaluates every series of the SLA as of its last counted minute `at` and stores the results, replacing the
   * previous evaluation's (series with no event left in any window drop out).
   */
  async function evaluateSeries(
    sla: SlaDefinition & { objective: SlaObjective },
    fingerprint: string,
    bounds: WindowBounds,
    at: Date,
  ): Promise<number> {
    const plan = seriesWindowPlan(bounds, at);
    const { wholeEnd, hourStarts, stretches, parts } = plan;
    const key = hoursKey(plan);
    const stored = (await readSeriesStatuses(deps.db, sla.id)).filter((s) => s.fingerprint === fingerprint);
    // The whole hours' sums change only when an hour becomes final or a window's start passes an hour.
    const hourSums =
      stored.length > 0 && stored.every((s) => s.hoursKey === key)
        ? new Map(stored.map((s) => [s.series, s.hourSums]))
        : await hourSumsBySeries(deps.db, sla.id, fingerprint, hourStarts, wholeEnd);
    const recent = await seriesRangeCounts(query(sla), stretches);
    const labels = new Map(stored.map((s) => [s.series, s.report.labels]));
    const counts = new Map<string, Partial<Record<string, EventCounts>>>();
    const fresh: Array<{ series: string; labels: Record<string, string> }> = [];
    for (const s of recent) {
      const series = seriesHash(s.key);
      counts.set(series, s.ranges);
      if (!labels.has(series)) fresh.push({ series, labels: s.labels });
      labels.set(series, s.labels);
    }
    const all = new Set([...hourSums.keys(), ...counts.keys()]);
    const unknown = [...all].filter((s) => !labels.has(s));
    if (unknown.length > 0) for (const [s, l] of await labelsOf(deps.db, sla.id, unknown)) labels.set(s, l);
    const rows: SeriesStatusRow[] = [];
    for (const series of all) {
      const whole = hourSums.get(series) ?? { window: ZERO, '6h': ZERO, '3d': ZERO };
      const part = counts.get(series) ?? {};
      const long = (k: LongWindow) =>
        parts[k].stretches.reduce((sum, name) => add(sum, part[name]), parts[k].hours ? whole[k] : ZERO);
      const burn = {
        '5m': part['5m'] ?? ZERO,
        '30m': part['30m'] ?? ZERO,
        '1h': part['1h'] ?? ZERO,
        '6h': long('6h'),
        '3d': long('3d'),
      };
      const report = seriesBudget(sla.objective, bounds, at, labels.get(series) ?? {}, long('window'), burn);
      rows.push({ series, fingerprint, at, report, hoursKey: key, hourSums: whole });
    }
    const gone = stored.filter((s) => !all.has(s.series)).map((s) => s.series);
    await writeLabels(deps.db, sla.id, fresh);
    await writeSeriesStatuses(deps.db, sla.id, rows, gone);
    return rows.length;
  }

  return { refreshHours, evaluateSeries };
}
