import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BURN_WINDOWS, type BurnWindow } from '../../../contracts/slo.ts';
import { mulberry32 } from '../../../demo/prng.ts';
import { type Database, openDatabase } from '../../../drizzle/db.ts';
import { applyMigrations } from '../../../drizzle/migrate.ts';
import {
  countedRange,
  deleteMinutesOf,
  minuteSums,
  pruneMinutes,
  writeMinutes,
} from '../../../drizzle/repositories/sla-minutes.ts';
import { testEnv } from '../../support/env.ts';

// The per-minute counts and their hourly sums against the real MariaDB: written in overlapping, out-of-order parts
// as a backfill and the recounts write them, every range sum equals the brute-force sum of the minutes written.
const env = testEnv();
const MINUTE = 60_000;
const SLA = 900_000_000 + Math.floor(Math.random() * 1_000_000);
const FP = 'aaaaaaaaaaaaaaaa';
const start = Date.parse('2026-11-20T10:17:00Z');
const minutes = 3 * 1440 + 131;
const rand = mulberry32(5);
/** The value each minute holds after all writes (the last write of a minute wins). */
const truth = new Map<number, { good: number; bad: number }>();
let database: Database;

beforeAll(async () => {
  await applyMigrations(env.MYSQL_URL);
  database = openDatabase(env.MYSQL_URL);
  // Parts of random lengths, newest first then a recount of some, as the counting activity writes them.
  const parts: Array<[number, number]> = [];
  for (let end = minutes - 1; end >= 0; ) {
    const len = 1 + Math.floor(rand() * 400);
    parts.push([Math.max(0, end - len + 1), end]);
    end -= len;
  }
  parts.push([minutes - 5, minutes - 1], [1000, 1100]);
  for (const [a, b] of parts) {
    const rows = [];
    for (let i = a; i <= b; i++) {
      const c = { good: Math.floor(rand() * 50), bad: Math.floor(rand() * 3) };
      truth.set(start + i * MINUTE, c);
      rows.push({ minute: new Date(start + i * MINUTE), ...c });
    }
    await writeMinutes(database.db, SLA, FP, rows);
  }
}, 120_000);
afterAll(async () => {
  await deleteMinutesOf(database.db, SLA);
  await database.close();
});

function brute(from: number, to: number) {
  let good = 0;
  let bad = 0;
  let n = 0;
  for (const [t, c] of truth) {
    if (t < from || t > to) continue;
    good += c.good;
    bad += c.bad;
    n++;
  }
  return { good, bad, n };
}

describe('sla_minutes and sla_hours', () => {
  it('sums every window exactly, whatever minute of the hour `at` and the window start fall on', async () => {
    const ats = [minutes - 1, minutes - 2, 2 * 1440 + 42, 2 * 1440 + 42 - 17 - 1, 1440 * 3 - 17 + 59];
    const windowStarts = [0, 5, 43, 60 - 17, 61 - 17];
    for (const ai of ats) {
      const at = start + ai * MINUTE;
      for (const wi of windowStarts) {
        const ws = start + wi * MINUTE;
        const recent = 1 + Math.floor(rand() * 200);
        const s = await minuteSums(database.db, SLA, FP, new Date(at), new Date(ws), recent);
        const w = brute(ws, at);
        expect(s.window, `at ${ai} window ${wi}`).toEqual({ good: w.good, bad: w.bad, minutes: w.n });
        for (const k of Object.keys(BURN_WINDOWS) as BurnWindow[]) {
          const b = brute(at - (BURN_WINDOWS[k] - 1) * MINUTE, at);
          expect(s.burn[k], `at ${ai} burn ${k}`).toEqual({ good: b.good, bad: b.bad });
        }
        const r = brute(at - (recent - 1) * MINUTE, at);
        expect(s.recent).toEqual({ good: r.good, bad: r.bad });
      }
    }
  });

  it('prunes another fingerprint and what lies before a minute, keeping the rest summed', async () => {
    expect(await countedRange(database.db, SLA, FP)).toEqual({
      first: new Date(start),
      last: new Date(start + (minutes - 1) * MINUTE),
    });
    const cut = start + 700 * MINUTE;
    await pruneMinutes(database.db, SLA, FP, new Date(cut));
    for (const t of [...truth.keys()]) if (t < cut) truth.delete(t);
    expect((await countedRange(database.db, SLA, FP))?.first).toEqual(new Date(cut));
    const at = start + (minutes - 1) * MINUTE;
    const s = await minuteSums(database.db, SLA, FP, new Date(at), new Date(cut), 5);
    const w = brute(cut, at);
    expect(s.window).toEqual({ good: w.good, bad: w.bad, minutes: w.n });
    await pruneMinutes(database.db, SLA, 'bbbbbbbbbbbbbbbb', new Date(cut));
    expect(await countedRange(database.db, SLA, FP)).toBeNull();
    const gone = await minuteSums(database.db, SLA, FP, new Date(at), new Date(cut), 5);
    expect(gone.window).toEqual({ good: 0, bad: 0, minutes: 0 });
  });
});
