/**
 * `parseIsoInstant`'s fast path for the canonical "YYYY-MM-DDTHH:MM:SS[.f…]Z" form (charCode reads, a per-day
 * cache) against the previous parser, verbatim, on random and edge-case strings: every string must give the same
 * number (or NaN). Canonical strings with at most millisecond precision are also checked against Date.parse.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoInstant } from '../../../analytics/series.ts';

// ---- the previous implementation, verbatim -------------------------------------------------------------------
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
function referenceParse(text: string): number {
  const fast = referenceCanonical(text);
  if (fast !== null) return fast;
  const m = ISO_INSTANT.exec(text);
  if (!m) return Number.NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  let ms = (daysFromCivil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second) * 1_000;
  if (m[7] !== undefined) ms += (digits(m[7], 0, m[7].length) / 10 ** m[7].length) * 1000;
  if (m[9] !== undefined) {
    const offHours = Number(m[10]);
    const offMinutes = m[11] === undefined ? 0 : Number(m[11]);
    if (offHours > 23 || offMinutes > 59) return Number.NaN;
    const offset = (offHours * 60 + offMinutes) * 60_000;
    ms += m[9] === '+' ? -offset : offset;
  }
  return ms;
}
function referenceCanonical(text: string): number | null {
  const len = text.length;
  if (len < 20 || text.charCodeAt(len - 1) !== 90) return null;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':')
    return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
  let fraction = 0;
  if (len > 20) {
    const n = len - 21;
    if (text[19] !== '.' || n < 1 || n > 9) return null;
    const f = digits(text, 20, n);
    if (f < 0) return null;
    fraction = (f / 10 ** n) * 1000;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return (daysFromCivil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second) * 1_000 + fraction;
}
function digits(text: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}
function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
// ---------------------------------------------------------------------------------------------------------------

/** 0000-01-01T00:00:00Z (Date.UTC reads years 0–99 as 1900–1999, hence setUTCFullYear). */
const MIN_YEAR0 = new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(0);
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** An ISO string of a random instant in years 0000–9999, in one of the fractional-second spellings. */
const canonical = fc
  .tuple(
    fc.integer({ min: MIN_YEAR0, max: MAX_MS }),
    fc.constantFrom('none', 'ms', 'short', 'long'),
    fc.integer({ min: 0, max: 999_999 }),
  )
  .map(([ms, style, extra]) => {
    const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
    if (style === 'none') return `${iso.slice(0, 19)}Z`;
    if (style === 'ms') return iso;
    if (style === 'short') return `${iso.slice(0, 21)}Z`;
    return `${iso.slice(0, 23)}${String(extra).padStart(6, '0')}Z`;
  });

/** Random edits of canonical strings: replaced, deleted and inserted characters from the characters that matter. */
const mutated = fc
  .tuple(
    canonical,
    fc.array(
      fc.tuple(
        fc.constantFrom('replace', 'delete', 'insert'),
        fc.nat(),
        fc.constantFrom(...'0123456789-:TtZz.,+ /x9'.split('')),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([s, edits]) => {
    let out = s;
    for (const [kind, at, ch] of edits) {
      const i = at % (out.length + 1);
      if (kind === 'replace') out = out.slice(0, i) + ch + out.slice(i + 1);
      else if (kind === 'delete') out = out.slice(0, i) + out.slice(i + 1);
      else out = out.slice(0, i) + ch + out.slice(i);
    }
    return out;
  });

/** Out-of-range fields on an otherwise canonical layout: month 00–19, day 00–39, hour 00–29, minute/second 00–69. */
const fieldsOutOfRange = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 19 }),
    fc.integer({ min: 0, max: 39 }),
    fc.integer({ min: 0, max: 29 }),
    fc.integer({ min: 0, max: 69 }),
    fc.integer({ min: 0, max: 69 }),
  )
  .map(
    ([y, mo, d, h, mi, s]) =>
      `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T` +
      `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}Z`,
  );

function same(text: string) {
  const got = parseIsoInstant(text);
  const want = referenceParse(text);
  expect(Object.is(got, want), `${JSON.stringify(text)}: ${got} vs ${want}`).toBe(true);
}

describe('parseIsoInstant fast path', () => {
  it('matches the previous parser on random canonical instants (years 0000–9999, 0–9 fraction digits)', () => {
    fc.assert(
      fc.property(canonical, (s) => same(s)),
      { numRuns: 20_000 },
    );
  });

  it('matches the previous parser on random edits of canonical strings', () => {
    fc.assert(
      fc.property(mutated, (s) => same(s)),
      { numRuns: 20_000 },
    );
  });

  it('matches the previous parser on out-of-range fields, including days after a cached valid day', () => {
    fc.assert(
      fc.property(fc.array(fieldsOutOfRange, { minLength: 1, maxLength: 20 }), (list) => {
        for (const s of list) same(s);
      }),
      { numRuns: 2_000 },
    );
  });

  it('agrees with Date.parse on canonical instants to the millisecond', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_YEAR0, max: MAX_MS }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseIsoInstant(iso)).toBe(Date.parse(iso));
        expect(parseIsoInstant(`${iso.slice(0, 19)}Z`)).toBe(Date.parse(`${iso.slice(0, 19)}Z`));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads consecutive minutes across day, month and leap-year boundaries like Date.parse', () => {
    for (const start of [
      '2023-12-31T23:00:00Z',
      '2024-02-28T23:30:00Z',
      '2100-02-28T23:30:00Z',
      '2000-02-28T23:30:00Z',
    ]) {
      const t0 = Date.parse(start);
      for (let i = 0; i < 200; i++) {
        const iso = new Date(t0 + i * 60_000).toISOString().replace('.000Z', 'Z');
        expect(parseIsoInstant(iso)).toBe(t0 + i * 60_000);
      }
    }
  });

  it.each([
    '2024-02-29T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2000-02-29T12:00:00Z',
    '1900-02-29T12:00:00Z',
    '2100-02-29T12:00:00Z',
    '0000-02-29T00:00:00Z',
    '9999-12-31T23:59:59.999999999Z',
    '1970-01-01T00:00:00Z',
    '1969-12-31T23:59:59.999Z',
    '2024-03-11T06:13:00.Z',
    '2024-03-11T06:13:00.1234567890Z',
    '2024-03-11T06:13:00,250Z',
    '2024-03-11T06:13:00.250z',
    '2024-03-11t06:13:00Z',
    '2024-03-11T06:13:00+00:00',
    '2024-03-11T08:13:00.5+02:00',
    '2024-03-11T06:13:00.250-0130',
    '2024-03-11T24:00:00Z',
    '2024-03-11T23:60:00Z',
    '2024-03-11T23:59:60Z',
    '2024-04-31T00:00:00Z',
    '2024-00-10T00:00:00Z',
    '2024-03-00T00:00:00Z',
    '+02024-03-11T06:13:00Z',
    '２０２４-03-11T06:13:00Z',
    '2024-03-11T06:13:0aZ',
    '2024-03-11T06:13:00.2a0Z',
    '2024-03-11T06:13:00ZZ',
    ' 2024-03-11T06:13:00Z',
  ])('matches the previous parser on %j', (s) => {
    same(s);
  });
});
