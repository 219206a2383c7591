import { describe, expect, it } from 'vitest';
import { parseIfMatch } from '../../../../api/sla/preconditions.ts';
import { ETL_WINDOW, HORIZON, IF_MATCH, MINUTE_INSTANT, SLA_NAME } from '../../../../api/sla/schemas.ts';

/** What each pattern must mean, written as plain arithmetic over every value it could hold. */
describe('exact schema patterns', () => {
  it('HORIZON is 1m to 1440m, without leading zeros', () => {
    const re = new RegExp(HORIZON);
    for (let n = 0; n <= 20_000; n++) expect(re.test(`${n}m`), `${n}m`).toBe(n >= 1 && n <= 1440);
    for (const bad of ['010m', '10', '10h', ' 10m', '1e1m']) expect(re.test(bad), bad).toBe(false);
  });

  it('ETL_WINDOW is at most 30 days: 1-9999m, 1-720h, 1-30d', () => {
    const re = new RegExp(ETL_WINDOW);
    for (let n = 0; n <= 20_000; n++) {
      expect(re.test(`${n}m`), `${n}m`).toBe(n >= 1 && n <= 9999);
      expect(re.test(`${n}h`), `${n}h`).toBe(n >= 1 && n <= 720);
      expect(re.test(`${n}d`), `${n}d`).toBe(n >= 1 && n <= 30);
    }
    expect(re.test('012h')).toBe(false);
  });

  it('MINUTE_INSTANT holds exactly the calendar days from 1970 on, at whole minutes', () => {
    const re = new RegExp(MINUTE_INSTANT);
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    for (const year of [1969, 1970, 1972, 1900, 2000, 2024, 2026, 2100, 2400, 9999]) {
      for (let month = 1; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const ms = Date.UTC(year, month - 1, day);
          const real = month <= 12 && day >= 1 && new Date(ms).getUTCDate() === day && year >= 1970;
          const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T10:00Z`;
          expect(re.test(text), text).toBe(real);
        }
      }
    }
    for (const ok of ['2026-01-31T23:59Z', '2026-01-31T00:00:00Z', '2026-01-31T00:00:00.000Z']) {
      expect(re.test(ok), ok).toBe(true);
    }
    for (const bad of [
      '2026-01-31T24:00Z',
      '2026-01-31T10:60Z',
      '2026-01-31T10:00:30Z',
      '2026-01-31T10:00',
    ]) {
      expect(re.test(bad), bad).toBe(false);
    }
  });

  it('IF_MATCH accepts exactly what parseIfMatch reads', () => {
    const re = new RegExp(IF_MATCH);
    const reads = (h: string) => {
      try {
        parseIfMatch(h);
        return true;
      } catch {
        return false;
      }
    };
    for (const h of [
      '*',
      ' * ',
      '0',
      '"1",\t"2"',
      '"3"',
      'W/"3"',
      '"1", "2",W/"3"',
      '"12345678901"',
      '3',
      '"a"',
      '"3",',
      '',
      '**',
      '.1',
    ]) {
      expect(re.test(h), h).toBe(reads(h));
    }
    expect(parseIfMatch('"1", W/"2",  "3"')).toEqual(new Set([1, 2, 3]));
    expect(parseIfMatch('*')).toBe('any');
  });
});

describe('SLA_NAME', () => {
  const name = new RegExp(SLA_NAME, 'u');
  it('accepts names with inner spaces and any printable script, refuses control characters and edge spaces', () => {
    for (const ok of ['a', 'root-disk', 'keep 5 GB free', 'é-😀', 'Ключ'])
      expect(name.test(ok), ok).toBe(true);
    for (const bad of ['', ' a', 'a ', 'a\tb', 'H\rj', 'a\u0005', '\u00a0a', 'a\u0085b']) {
      expect(name.test(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});
