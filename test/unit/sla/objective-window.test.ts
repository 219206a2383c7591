import { describe, expect, it } from 'vitest';
import { objectiveWindow } from '../../../sla/objective-window.ts';

const at = (iso: string) => new Date(iso);

describe('objectiveWindow', () => {
  it('rolling windows end at the minute and hold N days of minutes', () => {
    expect(objectiveWindow('7d', at('2026-11-30T12:34:00Z'))).toEqual({
      start: at('2026-11-23T12:35:00Z'),
      last: at('2026-11-30T12:34:00Z'),
      minutes: 10_080,
    });
    expect(objectiveWindow('28d', at('2026-03-29T00:00:00Z')).start).toEqual(at('2026-03-01T00:01:00Z'));
    expect(objectiveWindow('30d', at('2026-11-30T12:34:00Z')).minutes).toBe(43_200);
  });

  it('the calendar week runs from Monday 00:00 UTC, whatever day the minute is', () => {
    // 2026-11-30 is a Monday; 2026-12-06 the Sunday after.
    for (const minute of ['2026-11-30T00:00:00Z', '2026-12-02T13:00:00Z', '2026-12-06T23:59:00Z']) {
      expect(objectiveWindow('week', at(minute))).toEqual({
        start: at('2026-11-30T00:00:00Z'),
        last: at('2026-12-06T23:59:00Z'),
        minutes: 10_080,
      });
    }
    expect(objectiveWindow('week', at('2026-11-29T23:59:00Z')).start).toEqual(at('2026-11-23T00:00:00Z'));
  });

  it('the calendar month has its own length, February in leap years included', () => {
    expect(objectiveWindow('month', at('2026-11-30T12:00:00Z'))).toEqual({
      start: at('2026-11-01T00:00:00Z'),
      last: at('2026-11-30T23:59:00Z'),
      minutes: 30 * 1440,
    });
    expect(objectiveWindow('month', at('2028-02-10T00:00:00Z')).minutes).toBe(29 * 1440);
    expect(objectiveWindow('month', at('2026-02-10T00:00:00Z')).minutes).toBe(28 * 1440);
    expect(objectiveWindow('month', at('2026-12-31T23:59:00Z')).last).toEqual(at('2026-12-31T23:59:00Z'));
  });
});
