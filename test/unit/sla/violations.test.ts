import { describe, expect, it } from 'vitest';
import {
  alertState,
  breachOf,
  type Point,
  seriesViolations,
  totalsOf,
  worstState,
} from '../../../sla/violations.ts';

const T0 = Date.UTC(2025, 0, 1, 12, 0);
const MIN = 60_000;
const series = (values: (number | null)[]): Point[] =>
  values.flatMap((v, i) => (v === null ? [] : [{ t: T0 + i * MIN, v }]));
const at = (i: number) => new Date(T0 + i * MIN).toISOString();
const bounds = { min: 10, max: 100 };

describe('breachOf', () => {
  it('treats bounds as inclusive and NaN as no breach', () => {
    expect(breachOf(100, bounds)).toBeNull();
    expect(breachOf(10, bounds)).toBeNull();
    expect(breachOf(100.0001, bounds)).toBe('above_max');
    expect(breachOf(9.9, bounds)).toBe('below_min');
    expect(breachOf(Number.NaN, bounds)).toBeNull();
    expect(breachOf(-1e9, { min: null, max: 5 })).toBeNull();
  });
});

describe('seriesViolations', () => {
  it('counts above and below apart and builds one interval per run with extreme and overshoot', () => {
    const r = seriesViolations({}, series([50, 120, 130, 110, 50, 5, 2, 50]), bounds, 60, 120);
    expect(r).toMatchObject({
      samples: 8,
      violatingSamples: 5,
      violatingMinutes: 5,
      aboveMax: { samples: 3, minutes: 3 },
      belowMin: { samples: 2, minutes: 2 },
    });
    expect(r.intervals).toEqual([
      {
        kind: 'above_max',
        start: at(1),
        end: at(4),
        durationSeconds: 180,
        samples: 3,
        extreme: 130,
        overshoot: 30,
        fired: true,
        firingSince: at(3),
      },
      {
        kind: 'below_min',
        start: at(5),
        end: at(7),
        durationSeconds: 120,
        samples: 2,
        extreme: 2,
        overshoot: 8,
        fired: false,
        firingSince: null,
      },
    ]);
  });

  it('splits a run at a missing sample and at a change of side', () => {
    const gap = seriesViolations({}, series([200, 200, null, 200]), bounds, 60, 0);
    expect(gap.intervals.map((i) => [i.start, i.samples])).toEqual([
      [at(0), 2],
      [at(3), 1],
    ]);
    const flip = seriesViolations({}, series([200, 1]), bounds, 60, 0);
    expect(flip.intervals.map((i) => i.kind)).toEqual(['above_max', 'below_min']);
  });

  it('fires at once with for = 0, and never for a run shorter than for', () => {
    const r0 = seriesViolations({}, series([200]), bounds, 60, 0);
    expect(r0.intervals[0]).toMatchObject({ fired: true, firingSince: at(0) });
    const r5 = seriesViolations({}, series([200, 200, 200, 200, 200]), bounds, 60, 300);
    expect(r5.intervals[0]).toMatchObject({ fired: false, durationSeconds: 300 });
  });

  it('has no intervals for a series inside its bounds, and totals add up', () => {
    const a = seriesViolations({ a: '1' }, series([50, 60]), bounds, 60, 0);
    const b = seriesViolations({ b: '1' }, series([200, 50, 1]), bounds, 60, 0);
    expect(a.intervals).toEqual([]);
    expect(totalsOf([a, b])).toEqual({
      series: 2,
      violatingSeries: 1,
      samples: 5,
      violatingSamples: 2,
      violatingMinutes: 2,
      aboveMax: { samples: 1, minutes: 1 },
      belowMin: { samples: 1, minutes: 1 },
      intervals: 2,
      firedIntervals: 2,
    });
  });
});

describe('alertState (Prometheus `for` semantics)', () => {
  it('is ok without samples or when the latest sample is inside', () => {
    expect(alertState([], bounds, 60, 0).state).toBe('ok');
    expect(alertState(series([200, 200, 50]), bounds, 60, 0)).toMatchObject({ state: 'ok', value: 50 });
  });

  it('is pending until the breach has held for `for`, then firing', () => {
    expect(alertState(series([50, 200, 200]), bounds, 60, 120)).toMatchObject({
      state: 'pending',
      activeSince: at(1),
      firingSince: null,
      breach: 'above_max',
    });
    expect(alertState(series([50, 200, 200, 200]), bounds, 60, 120)).toMatchObject({
      state: 'firing',
      activeSince: at(1),
      firingSince: at(3),
    });
  });

  it('keeps one alert across a change of side, and restarts it after a missing sample', () => {
    expect(alertState(series([200, 1, 1]), bounds, 60, 120)).toMatchObject({
      state: 'firing',
      activeSince: at(0),
      breach: 'below_min',
    });
    expect(alertState(series([200, 200, null, 200]), bounds, 60, 60)).toMatchObject({
      state: 'pending',
      activeSince: at(3),
    });
  });

  it('takes the worst state over series', () => {
    expect(worstState([])).toBe('ok');
    expect(worstState(['ok', 'pending'])).toBe('pending');
    expect(worstState(['pending', 'firing', 'ok'])).toBe('firing');
  });
});
