import { and, asc, between, desc, eq, gte, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import {
  BURN_WINDOWS,
  type BurnWindow,
  type EventCounts,
  MINUTE_MS,
  type MinuteSums,
} from '../../contracts/slo.ts';
import type { Executor } from '../db.ts';
import { slaHours, slaMinutes } from '../sla-schema.ts';

/**
 * Per-minute good/bad counts of SLAs with an objective and their hourly sums: the only place that reads or
 * writes `sla_minutes` and `sla_hours`.
 */

const HOUR = 60 * MINUTE_MS;

export interface MinuteRow {
  slaId: number;
  minute: Date;
  fingerprint: string;
  good: number;
  bad: number;
}

/**
 * The first or last minute counted under `fingerprint`: ORDER BY on the primary key with LIMIT 1, so MariaDB walks
 * the key from that end and stops at the first row of the fingerprint (a MIN/MAX with the fingerprint condition
 * read every minute of the SLA, 40,320 for a 28-day window).
 */
async function edgeMinute(
  db: Executor,
  slaId: number,
  fingerprint: string,
  edge: 'first' | 'last',
): Promise<Date | null> {
  const [row] = await db
    .select({ minute: slaMinutes.minute })
    .from(slaMinutes)
    .where(and(eq(slaMinutes.slaId, slaId), eq(slaMinutes.fingerprint, fingerprint)))
    .orderBy(edge === 'first' ? asc(slaMinutes.minute) : desc(slaMinutes.minute))
    .limit(1);
  return row?.minute ?? null;
}

/** The first and last minutes counted under `fingerprint` (contiguous: see the counting activity), or null. */
export async function countedRange(
  db: Executor,
  slaId: number,
  fingerprint: string,
): Promise<{ first: Date; last: Date } | null> {
  const [first, last] = await Promise.all([
    edgeMinute(db, slaId, fingerprint, 'first'),
    edgeMinute(db, slaId, fingerprint, 'last'),
  ]);
  return first && last ? { first, last } : null;
}

/** One SLA's minutes counted under `fingerprint` within `range`. */
function minuteRowsOf(db: Executor, slaId: number, fingerprint: string, range: SQL) {
  return db
    .select({ minute: slaMinutes.minute, good: slaMinutes.good, bad: slaMinutes.bad })
    .from(slaMinutes)
    .where(and(eq(slaMinutes.slaId, slaId), eq(slaMinutes.fingerprint, fingerprint), range));
}

/** The counted minutes of [from, to] under `fingerprint`, oldest first (a replay of alert states reads them). */
export async function minutesBetween(
  db: Executor,
  slaId: number,
  fingerprint: string,
  from: Date,
  to: Date,
): Promise<Array<{ minute: Date; good: number; bad: number }>> {
  return minuteRowsOf(db, slaId, fingerprint, between(slaMinutes.minute, from, to)).orderBy(
    asc(slaMinutes.minute),
  );
}

/**
 * Writes one SLA's minutes (a minute counted again replaces its earlier count: idempotent by SLA and minute), then
 * sums every hour they touch again from all of that hour's minutes, so an hour written in several parts (the two
 * ends of a backfill, the recount of recent minutes) always holds its minutes' sum.
 */
export async function writeMinutes(
  db: Executor,
  slaId: number,
  fingerprint: string,
  rows: readonly Omit<MinuteRow, 'slaId' | 'fingerprint'>[],
): Promise<void> {
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += 1_000) {
    await db
      .insert(slaMinutes)
      .values(rows.slice(i, i + 1_000).map((r) => ({ ...r, slaId, fingerprint })))
      .onDuplicateKeyUpdate({
        set: {
          fingerprint: sql`values(${slaMinutes.fingerprint})`,
          good: sql`values(${slaMinutes.good})`,
          bad: sql`values(${slaMinutes.bad})`,
        },
      });
  }
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    earliest = Math.min(earliest, r.minute.getTime());
    latest = Math.max(latest, r.minute.getTime());
  }
  const firstHour = Math.floor(earliest / HOUR) * HOUR;
  const lastHour = Math.floor(latest / HOUR) * HOUR;
  const minutes = await minuteRowsOf(
    db,
    slaId,
    fingerprint,
    between(slaMinutes.minute, new Date(firstHour), new Date(lastHour + HOUR - MINUTE_MS)),
  );
  const hours = new Map<number, { good: number; bad: number; minutes: number }>();
  for (const m of minutes) {
    const h = Math.floor(m.minute.getTime() / HOUR) * HOUR;
    const sum = hours.get(h) ?? { good: 0, bad: 0, minutes: 0 };
    sum.good += m.good;
    sum.bad += m.bad;
    sum.minutes++;
    hours.set(h, sum);
  }
  if (hours.size === 0) return;
  await db
    .insert(slaHours)
    .values([...hours].map(([h, s]) => ({ slaId, hour: new Date(h), fingerprint, ...s })))
    .onDuplicateKeyUpdate({
      set: {
        fingerprint: sql`values(${slaHours.fingerprint})`,
        good: sql`values(${slaHours.good})`,
        bad: sql`values(${slaHours.bad})`,
        minutes: sql`values(${slaHours.minutes})`,
      },
    });
}

/**
 * Drops an SLA's counts from before `before` (out of every window) and, once its selector or bounds changed, those
 * made under another fingerprint. Runs every minute for every SLA: the first two deletes are primary-key ranges,
 * and the fingerprint is checked on the hour rows (at most 744 per SLA), so the full scan of an SLA's minutes that
 * removing another fingerprint's rows takes only happens after a change.
 */
export async function pruneMinutes(
  db: Executor,
  slaId: number,
  fingerprint: string,
  before: Date,
): Promise<void> {
  await db.delete(slaMinutes).where(and(eq(slaMinutes.slaId, slaId), lt(slaMinutes.minute, before)));
  // An hour that holds `before` keeps its row: reads only sum whole hours inside a window, all after `before`.
  const hourOfBefore = new Date(Math.floor(before.getTime() / HOUR) * HOUR);
  await db.delete(slaHours).where(and(eq(slaHours.slaId, slaId), lt(slaHours.hour, hourOfBefore)));
  const [other] = await db
    .select({ hour: slaHours.hour })
    .from(slaHours)
    .where(and(eq(slaHours.slaId, slaId), ne(slaHours.fingerprint, fingerprint)))
    .limit(1);
  if (!other) return;
  await db
    .delete(slaMinutes)
    .where(and(eq(slaMinutes.slaId, slaId), ne(slaMinutes.fingerprint, fingerprint)));
  await db.delete(slaHours).where(and(eq(slaHours.slaId, slaId), ne(slaHours.fingerprint, fingerprint)));
}

/** The SLA's hour sums of the hours starting in [from, to] under `fingerprint`, oldest first. */
export async function hoursBetween(
  db: Executor,
  slaId: number,
  fingerprint: string,
  from: Date,
  to: Date,
): Promise<Array<{ hour: number; good: number; bad: number }>> {
  const rows = await db
    .select({ hour: slaHours.hour, good: slaHours.good, bad: slaHours.bad })
    .from(slaHours)
    .where(
      and(eq(slaHours.slaId, slaId), eq(slaHours.fingerprint, fingerprint), between(slaHours.hour, from, to)),
    )
    .orderBy(asc(slaHours.hour));
  return rows.map((r) => ({ hour: r.hour.getTime(), good: r.good, bad: r.bad }));
}

export async function deleteMinutesOf(db: Executor, slaId: number): Promise<void> {
  await db.delete(slaMinutes).where(eq(slaMinutes.slaId, slaId));
  await db.delete(slaHours).where(eq(slaHours.slaId, slaId));
}

/**
 * The sums a budget report needs, as of the minute `at`: the objective window's (from `windowStart`), each burn
 * window's and the last `recentMinutes`. Each range [A, at] is its whole hours from `sla_hours` plus the minutes
 * of the partial hours at its two ends from `sla_minutes`: two indexed reads of at most 744 hours and a few
 * hundred minutes, whatever the window.
 */
export async function minuteSums(
  db: Executor,
  slaId: number,
  fingerprint: string,
  at: Date,
  windowStart: Date,
  recentMinutes: number,
): Promise<MinuteSums> {
  const end = at.getTime();
  // Whole hours end where the hour holding `at` starts, unless `at` is that hour's last minute.
  const wholeEnd = Math.floor((end + MINUTE_MS) / HOUR) * HOUR;
  const burnKeys = Object.keys(BURN_WINDOWS) as BurnWindow[];
  const starts = {
    window: windowStart.getTime(),
    recent: end - (recentMinutes - 1) * MINUTE_MS,
    ...Object.fromEntries(burnKeys.map((w) => [w, end - (BURN_WINDOWS[w] - 1) * MINUTE_MS])),
  } as Record<'window' | 'recent' | BurnWindow, number>;
  const wholeStart = (a: number) => Math.ceil(a / HOUR) * HOUR;
  // Minutes needed: the tail after the whole hours (or the whole range when it holds none), and each range's head.
  const minuteRanges: Array<[number, number]> = [
    [Math.min(wholeEnd, ...Object.values(starts).filter((a) => wholeStart(a) >= wholeEnd)), end],
  ];
  for (const a of Object.values(starts))
    if (wholeStart(a) < wholeEnd) minuteRanges.push([a, wholeStart(a) - MINUTE_MS]);
  const earliestHour = Math.min(...Object.values(starts).map(wholeStart));
  const [minuteRows, hourRows] = await Promise.all([
    minuteRowsOf(
      db,
      slaId,
      fingerprint,
      or(
        ...minuteRanges
          .filter(([a, b]) => a <= b)
          .map(([a, b]) => between(slaMinutes.minute, new Date(a), new Date(b))),
      )!,
    ),
    earliestHour < wholeEnd
      ? db
          .select({ hour: slaHours.hour, good: slaHours.good, bad: slaHours.bad, minutes: slaHours.minutes })
          .from(slaHours)
          .where(
            and(
              eq(slaHours.slaId, slaId),
              eq(slaHours.fingerprint, fingerprint),
              gte(slaHours.hour, new Date(earliestHour)),
              lte(slaHours.hour, new Date(wholeEnd - HOUR)),
            ),
          )
      : Promise.resolve([]),
  ]);
  const sum = (a: number): EventCounts & { minutes: number } => {
    const s = { good: 0, bad: 0, minutes: 0 };
    const hoursFrom = wholeStart(a);
    const whole = hoursFrom < wholeEnd;
    for (const m of minuteRows) {
      const t = m.minute.getTime();
      if (t < a || t > end || (whole && t >= hoursFrom && t < wholeEnd)) continue;
      s.good += m.good;
      s.bad += m.bad;
      s.minutes++;
    }
    if (whole) {
      for (const h of hourRows) {
        const t = h.hour.getTime();
        if (t < hoursFrom || t >= wholeEnd) continue;
        s.good += h.good;
        s.bad += h.bad;
        s.minutes += h.minutes;
      }
    }
    return s;
  };
  const pair = (a: number): EventCounts => {
    const { good, bad } = sum(a);
    return { good, bad };
  };
  return {
    at,
    window: sum(starts.window),
    burn: Object.fromEntries(burnKeys.map((w) => [w, pair(starts[w])])) as MinuteSums['burn'],
    recent: pair(starts.recent),
  };
}
