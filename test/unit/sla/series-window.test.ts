import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BURN_WINDOWS, MINUTE_MS, OBJECTIVE_WINDOWS } from '../../../contracts/slo.ts';
import { objectiveWindow } from '../../../sla/objective-window.ts';
import { LONG_WINDOWS, SETTLE_MINUTES, seriesWindowPlan } from '../../../sla/series-window.ts';

const HOUR = 60 * MINUTE_MS;

/**
 * The parts of a series' sums (whole final hours plus counted stretches) must cover each window's minutes exactly
 * once, whatever the minute and the window: else a series' budget double-counts or drops minutes at an edge.
 */
describe('seriesWindowPlan', () => {
  const minute = fc
    .integer({ min: Date.UTC(2025, 0, 1) / MINUTE_MS, max: Date.UTC(2027, 0, 1) / MINUTE_MS })
    .map((m) => new Date(m * MINUTE_MS));

  it('covers every minute of each long window exactly once, with only final whole hours', () => {
    fc.assert(
      fc.property(minute, fc.constantFrom(...OBJECTIVE_WINDOWS), (at, window) => {
        const bounds = objectiveWindow(window, at);
        const plan = seriesWindowPlan(bounds, at);
        const end = at.getTime();
        expect(plan.wholeEnd % HOUR).toBe(0);
        // The last whole hour ended at least SETTLE_MINUTES before the end of `at`.
        expect(end + MINUTE_MS - plan.wholeEnd).toBeGreaterThanOrEqual(SETTLE_MINUTES * MINUTE_MS);
        expect(end + MINUTE_MS - plan.wholeEnd).toBeLessThan(HOUR + SETTLE_MINUTES * MINUTE_MS);
        const starts = {
          window: bounds.start.getTime(),
          '6h': end - (BURN_WINDOWS['6h'] - 1) * MINUTE_MS,
          '3d': end - (BURN_WINDOWS['3d'] - 1) * MINUTE_MS,
        };
        for (const k of LONG_WINDOWS) {
          const covered = new Map<number, number>();
          const mark = (from: number, to: number) => {
            for (let t = from; t <= to; t += MINUTE_MS) covered.set(t, (covered.get(t) ?? 0) + 1);
          };
          if (plan.parts[k].hours) mark(plan.hourStarts[k], plan.wholeEnd - MINUTE_MS);
          for (const name of plan.parts[k].stretches) {
            const [from, to] = plan.stretches[name]!;
            // Stretches are short: at most an hour and the settling minutes.
            expect(to - from).toBeLessThan(HOUR + SETTLE_MINUTES * MINUTE_MS);
            mark(from, to);
          }
          expect(plan.hourStarts[k] % HOUR).toBe(0);
          expect(covered.size, k).toBe((end - starts[k]) / MINUTE_MS + 1);
          expect(
            [...covered.values()].every((n) => n === 1),
            k,
          ).toBe(true);
          expect(Math.min(...covered.keys())).toBe(starts[k]);
          expect(Math.max(...covered.keys())).toBe(end);
        }
        for (const w of ['5m', '30m', '1h'] as const) {
          expect(plan.stretches[w]).toEqual([end - (BURN_WINDOWS[w] - 1) * MINUTE_MS, end]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('makes a calendar window in its first minutes one stretch of its own', () => {
    const at = new Date('2026-12-01T00:01:00Z');
    const plan = seriesWindowPlan(objectiveWindow('month', at), at);
    expect(plan.parts.window).toEqual({ hours: false, stretches: ['all:window'] });
    expect(plan.stretches['all:window']).toEqual([Date.parse('2026-12-01T00:00:00Z'), at.getTime()]);
    // The 6h and 3d windows cross the month boundary and keep their hours.
    expect(plan.parts['3d'].hours).toBe(true);
  });
});
