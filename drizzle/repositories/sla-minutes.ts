import { and, eq, lt, max, min, ne, or, sql } from 'drizzle-orm';
import { BURN_WINDOWS, type BurnWindow, type MinuteSums } from '../../contracts/slo.ts';
import type { Executor } from '../db.ts';
import { slaMinutes } from '../sla-schema.ts';

/** Per-minute good/bad counts of SLAs with an objective: the only place that reads or writes `sla_minutes`. */

const MINUTE = 60_000;

export interface MinuteRow {
  slaId: number;
  minute: Date;
  fingerprint: string;
  good: number;
  bad: number;
}

/** The first and last minutes counted under `fingerprint` (contiguous: see the counting activity), or null. */
export async function countedRange(
  db: Executor,
  slaId: number,
  fingerprint: string,
): Promise<{ first: Date; last: Date } | null> {
  const [row] = await db
    .select({ first: min(slaMinutes.minute), last: max(slaMinutes.minute) })
    .from(slaMinutes)
    .where(and(eq(slaMinutes.slaId, slaId), eq(slaMinutes.fingerprint, fingerprint)));
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}

/** The latest minute counted under `fingerprint`, or null when none is. */
export async function lastCountedMinute(
  db: Executor,
  slaId: number,
  fingerprint: string,
): Promise<Date | null> {
  const [row] = await db
    .select({ last: max(slaMinutes.minute) })
    .from(slaMinutes)
    .where(and(eq(slaMinutes.slaId, slaId), eq(slaMinutes.fingerprint, fingerprint)));
  return row?.last ?? null;
}

/** Writes minutes (a minute counted again replaces its earlier count): idempotent by (SLA, minute). */
export async function upsertMinutes(db: Executor, rows: readonly MinuteRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1_000) {
    await db
      .insert(slaMinutes)
      .values(rows.slice(i, i + 1_000))
      .onDuplicateKeyUpdate({
        set: {
          fingerprint: sql`values(${slaMinutes.fingerprint})`,
          good: sql`values(${slaMinutes.good})`,
          bad: sql`values(${slaMinutes.bad})`,
        },
      });
  }
}

/** Drops an SLA's minutes counted under another fingerprint or before `before` (out of every window). */
export async function pruneMinutes(
  db: Executor,
  slaId: number,
  fingerprint: string,
  before: Date,
): Promise<void> {
  await db
    .delete(slaMinutes)
    .where(
      and(
        eq(slaMinutes.slaId, slaId),
        or(ne(slaMinutes.fingerprint, fingerprint), lt(slaMinutes.minute, before)),
      ),
    );
}

export async function deleteMinutesOf(db: Executor, slaId: number): Promise<void> {
  await db.delete(slaMinutes).where(eq(slaMinutes.slaId, slaId));
}

/**
 * The sums a budget report needs, as of the minute `at`, in one indexed range scan of the SLA's minutes from the
 * earliest minute any of them looks at: the objective window's (from `windowStart`), each burn window's and the
 * last `recentMinutes`.
 */
export async function minuteSums(
  db: Executor,
  slaId: number,
  fingerprint: string,
  at: Date,
  windowStart: Date,
  recentMinutes: number,
): Promise<MinuteSums> {
  const since = (minutes: number) => new Date(at.getTime() - (minutes - 1) * MINUTE);
  const burnKeys = Object.keys(BURN_WINDOWS) as BurnWindow[];
  const sumFrom = (from: Date, column: typeof slaMinutes.good | typeof slaMinutes.bad) =>
    sql<number>`coalesce(sum(case when ${slaMinutes.minute} >= ${from} then ${column} else 0 end), 0)`.mapWith(
      Number,
    );
  const earliest = new Date(
    Math.min(windowStart.getTime(), since(Math.max(recentMinutes, ...Object.values(BURN_WINDOWS))).getTime()),
  );
  const selection: Record<string, ReturnType<typeof sumFrom>> = {
    windowGood: sumFrom(windowStart, slaMinutes.good),
    windowBad: sumFrom(windowStart, slaMinutes.bad),
    windowMinutes: sql<number>`count(case when ${slaMinutes.minute} >= ${windowStart} then 1 end)`.mapWith(
      Number,
    ),
    recentGood: sumFrom(since(recentMinutes), slaMinutes.good),
    recentBad: sumFrom(since(recentMinutes), slaMinutes.bad),
  };
  for (const w of burnKeys) {
    selection[`${w}Good`] = sumFrom(since(BURN_WINDOWS[w]), slaMinutes.good);
    selection[`${w}Bad`] = sumFrom(since(BURN_WINDOWS[w]), slaMinutes.bad);
  }
  const [row] = await db
    .select(selection)
    .from(slaMinutes)
    .where(
      and(
        eq(slaMinutes.slaId, slaId),
        sql`${slaMinutes.minute} between ${earliest} and ${at}`,
        eq(slaMinutes.fingerprint, fingerprint),
      ),
    );
  const r = row as Record<string, number>;
  return {
    at,
    window: { good: r['windowGood']!, bad: r['windowBad']!, minutes: r['windowMinutes']! },
    burn: Object.fromEntries(
      burnKeys.map((w) => [w, { good: r[`${w}Good`]!, bad: r[`${w}Bad`]! }]),
    ) as MinuteSums['burn'],
    recent: { good: r['recentGood']!, bad: r['recentBad']! },
  };
}
