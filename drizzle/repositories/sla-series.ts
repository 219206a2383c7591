import { and, asc, desc, eq, gt, gte, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { EventCounts, SeriesBudget, SeriesHourSums } from '../../contracts/slo.ts';
import type { Executor } from '../db.ts';
import { slaSeriesHours, slaSeriesLabels, sloSeriesStatus } from '../sla-schema.ts';
import { NO_BUDGET } from './slo-status.ts';

/**
 * Per-series counts and budgets of SLAs with an objective (issue 14): the only place that reads or writes
 * `sla_series_hours`, `sla_series_labels` and `slo_series_status`.
 */

/** The hour marker's series: '' sorts before every hash, so an hour's marker is its first row in key order. */
const MARKER = '';
/** Rows per INSERT: a 10,000-series hour is ten statements. */
const BATCH = 1_000;

export interface SeriesHours {
  series: string;
  labels: Record<string, string>;
  hours: Map<number, EventCounts>;
}

async function edgeHour(
  db: Executor,
  slaId: number,
  edge: 'first' | 'last',
): Promise<{ hour: Date; fingerprint: string } | null> {
  const [row] = await db
    .select({ hour: slaSeriesHours.hour, fingerprint: slaSeriesHours.fingerprint })
    .from(slaSeriesHours)
    .where(and(eq(slaSeriesHours.slaId, slaId), eq(slaSeriesHours.series, MARKER)))
    .orderBy(edge === 'first' ? asc(slaSeriesHours.hour) : desc(slaSeriesHours.hour))
    .limit(1);
  return row ?? null;
}

/**
 * The first and last hours counted under `fingerprint` (contiguous, as the minutes: see the counting activity), or
 * null. Rows of another fingerprint are deleted first (a changed selector or bounds), as are hours before `before`.
 */
export async function preparedSeriesHours(
  db: Executor,
  slaId: number,
  fingerprint: string,
  before: Date,
): Promise<{ first: Date; last: Date } | null> {
  await db
    .delete(slaSeriesHours)
    .where(and(eq(slaSeriesHours.slaId, slaId), lt(slaSeriesHours.hour, before)));
  let [first, last] = await Promise.all([edgeHour(db, slaId, 'first'), edgeHour(db, slaId, 'last')]);
  if ((first && first.fingerprint !== fingerprint) || (last && last.fingerprint !== fingerprint)) {
    // After a change only: every row of the SLA is read once to drop the old counts and their budgets.
    await db
      .delete(slaSeriesHours)
      .where(and(eq(slaSeriesHours.slaId, slaId), ne(slaSeriesHours.fingerprint, fingerprint)));
    await db
      .delete(sloSeriesStatus)
      .where(and(eq(sloSeriesStatus.slaId, slaId), ne(sloSeriesStatus.fingerprint, fingerprint)));
    [first, last] = await Promise.all([edgeHour(db, slaId, 'first'), edgeHour(db, slaId, 'last')]);
  }
  return first && last ? { first: first.hour, last: last.hour } : null;
}

/**
 * Writes the counts of the whole hours `hours` (each gets its marker, so an hour without events is known to be
 * counted) and the labels of their series. Upserts: an hour counted again replaces its rows' counts.
 */
export async function writeSeriesHours(
  db: Executor,
  slaId: number,
  fingerprint: string,
  hours: readonly number[],
  series: readonly SeriesHours[],
): Promise<void> {
  const rows: Array<typeof slaSeriesHours.$inferInsert> = hours.map((h) => ({
    slaId,
    hour: new Date(h),
    series: MARKER,
    fingerprint,
    good: 0,
    bad: 0,
  }));
  for (const s of series)
    for (const [h, c] of s.hours)
      rows.push({ slaId, hour: new Date(h), series: s.series, fingerprint, good: c.good, bad: c.bad });
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insert(slaSeriesHours)
      .values(rows.slice(i, i + BATCH))
      .onDuplicateKeyUpdate({
        set: {
          fingerprint: sql`values(${slaSeriesHours.fingerprint})`,
          good: sql`values(${slaSeriesHours.good})`,
          bad: sql`values(${slaSeriesHours.bad})`,
        },
      });
  }
  await writeLabels(db, slaId, series);
}

export async function writeLabels(
  db: Executor,
  slaId: number,
  series: ReadonlyArray<{ series: string; labels: Record<string, string> }>,
): Promise<void> {
  for (let i = 0; i < series.length; i += BATCH) {
    await db
      .insert(slaSeriesLabels)
      .values(series.slice(i, i + BATCH).map((s) => ({ slaId, series: s.series, labels: s.labels })))
      .onDuplicateKeyUpdate({ set: { series: sql`${slaSeriesLabels.series}` } });
  }
}

/** The labels of the SLA's series `series`. */
export async function labelsOf(
  db: Executor,
  slaId: number,
  series: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (let i = 0; i < series.length; i += BATCH) {
    const rows = await db
      .select({ series: slaSeriesLabels.series, labels: slaSeriesLabels.labels })
      .from(slaSeriesLabels)
      .where(
        and(eq(slaSeriesLabels.slaId, slaId), inArray(slaSeriesLabels.series, series.slice(i, i + BATCH))),
      );
    for (const r of rows) out.set(r.series, r.labels);
  }
  return out;
}

/**
 * Each series' sums over the whole hours from each of `starts` up to `end` (exclusive; hour-aligned epoch ms), in
 * one grouped read of the SLA's hour rows from the earliest start.
 */
export async function hourSumsBySeries(
  db: Executor,
  slaId: number,
  fingerprint: string,
  starts: Record<keyof SeriesHourSums, number>,
  end: number,
): Promise<Map<string, SeriesHourSums>> {
  const earliest = Math.min(...Object.values(starts));
  if (earliest >= end) return new Map();
  const h = slaSeriesHours;
  const from = (k: keyof SeriesHourSums, col: typeof h.good | typeof h.bad) =>
    sql<string>`sum(case when ${h.hour} >= ${new Date(starts[k])} then ${col} else 0 end)`;
  const rows = await db
    .select({
      series: h.series,
      windowGood: from('window', h.good),
      windowBad: from('window', h.bad),
      good6h: from('6h', h.good),
      bad6h: from('6h', h.bad),
      good3d: from('3d', h.good),
      bad3d: from('3d', h.bad),
    })
    .from(h)
    .where(
      and(
        eq(h.slaId, slaId),
        eq(h.fingerprint, fingerprint),
        gte(h.hour, new Date(earliest)),
        lt(h.hour, new Date(end)),
        ne(h.series, MARKER),
      ),
    )
    .groupBy(h.series);
  const out = new Map<string, SeriesHourSums>();
  for (const r of rows) {
    out.set(r.series, {
      window: { good: Number(r.windowGood), bad: Number(r.windowBad) },
      '6h': { good: Number(r.good6h), bad: Number(r.bad6h) },
      '3d': { good: Number(r.good3d), bad: Number(r.bad3d) },
    });
  }
  return out;
}

export interface SeriesStatusRow {
  series: string;
  fingerprint: string;
  at: Date;
  report: SeriesBudget;
  hoursKey: string;
  hourSums: SeriesHourSums;
}

/**
 * When the SLA's series were last evaluated under `fingerprint` and the whole-hour ranges of that evaluation (every
 * row holds the same), or null.
 */
export async function lastSeriesEvaluation(
  db: Executor,
  slaId: number,
  fingerprint: string,
): Promise<{ at: Date; hoursKey: string } | null> {
  const [row] = await db
    .select({ at: sloSeriesStatus.at, hoursKey: sloSeriesStatus.hoursKey })
    .from(sloSeriesStatus)
    .where(and(eq(sloSeriesStatus.slaId, slaId), eq(sloSeriesStatus.fingerprint, fingerprint)))
    .limit(1);
  return row ?? null;
}

/** Every series status of the SLA (what the next evaluation builds on). */
export async function readSeriesStatuses(db: Executor, slaId: number): Promise<SeriesStatusRow[]> {
  return db
    .select({
      series: sloSeriesStatus.series,
      fingerprint: sloSeriesStatus.fingerprint,
      at: sloSeriesStatus.at,
      report: sloSeriesStatus.report,
      hoursKey: sloSeriesStatus.hoursKey,
      hourSums: sloSeriesStatus.hourSums,
    })
    .from(sloSeriesStatus)
    .where(eq(sloSeriesStatus.slaId, slaId));
}

/**
 * Replaces the SLA's series statuses with `rows` (upserts by SLA and series), then drops the statuses and labels of
 * the series `gone` (no event left in any window).
 */
export async function writeSeriesStatuses(
  db: Executor,
  slaId: number,
  rows: readonly SeriesStatusRow[],
  gone: readonly string[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insert(sloSeriesStatus)
      .values(
        rows.slice(i, i + BATCH).map((r) => ({
          ...r,
          slaId,
          sortRemaining: r.report.budget.remainingPercent ?? NO_BUDGET,
        })),
      )
      .onDuplicateKeyUpdate({
        set: {
          fingerprint: sql`values(${sloSeriesStatus.fingerprint})`,
          at: sql`values(${sloSeriesStatus.at})`,
          sortRemaining: sql`values(${sloSeriesStatus.sortRemaining})`,
          report: sql`values(${sloSeriesStatus.report})`,
          hoursKey: sql`values(${sloSeriesStatus.hoursKey})`,
          hourSums: sql`values(${sloSeriesStatus.hourSums})`,
        },
      });
  }
  for (let i = 0; i < gone.length; i += BATCH) {
    const part = gone.slice(i, i + BATCH);
    await db
      .delete(sloSeriesStatus)
      .where(and(eq(sloSeriesStatus.slaId, slaId), inArray(sloSeriesStatus.series, part)));
    await db
      .delete(slaSeriesLabels)
      .where(and(eq(slaSeriesLabels.slaId, slaId), inArray(slaSeriesLabels.series, part)));
  }
}

/** Where a page of an SLA's series by remaining budget ends. */
export interface SeriesCursor {
  sortRemaining: number;
  series: string;
}

/** The SLA's series by remaining budget, least first (ties by series hash), `limit` after `after`: one index scan. */
export async function listSeriesByRemaining(
  db: Executor,
  slaId: number,
  after: SeriesCursor | undefined,
  limit: number,
): Promise<Array<{ series: string; fingerprint: string; sortRemaining: number; report: SeriesBudget }>> {
  const s = sloSeriesStatus;
  return db
    .select({
      series: s.series,
      fingerprint: s.fingerprint,
      sortRemaining: s.sortRemaining,
      report: s.report,
    })
    .from(s)
    .where(
      and(
        eq(s.slaId, slaId),
        after
          ? or(
              gt(s.sortRemaining, after.sortRemaining),
              and(eq(s.sortRemaining, after.sortRemaining), gt(s.series, after.series)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(s.sortRemaining), asc(s.series))
    .limit(limit);
}

export async function deleteSeriesOf(db: Executor, slaId: number): Promise<void> {
  await db.delete(slaSeriesHours).where(eq(slaSeriesHours.slaId, slaId));
  await db.delete(sloSeriesStatus).where(eq(sloSeriesStatus.slaId, slaId));
  await db.delete(slaSeriesLabels).where(eq(slaSeriesLabels.slaId, slaId));
}
