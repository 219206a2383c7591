import { describe, expect, it } from 'vitest';
import type { BurnWindow, MinuteSums } from '../../../contracts/slo.ts';
import { budgetReport, withAlertStates } from '../../../sla/budget.ts';
import { objectiveWindow } from '../../../sla/objective-window.ts';

const at = new Date('2026-11-30T12:00:00Z');
const objective = { target: 0.99, window: '28d' as const };
const bounds = objectiveWindow('28d', at);

function sums(burn: Partial<Record<BurnWindow, [number, number]>>, window: [number, number]): MinuteSums {
  const c = (pair: [number, number] | undefined) => ({ good: pair?.[0] ?? 0, bad: pair?.[1] ?? 0 });
  return {
    at,
    window: { ...c(window), minutes: bounds.minutes },
    burn: {
      '5m': c(burn['5m']),
      '30m': c(burn['30m']),
      '1h': c(burn['1h']),
      '6h': c(burn['6h']),
      '3d': c(burn['3d']),
    },
    recent: c(burn['5m']),
  };
}

describe('budgetReport', () => {
  it('budget, compliance and burn rates of a worked example', () => {
    // 10,000 events, 40 bad: 1% allowed = 100, 60 left. Last hour: 600 events, 12 bad = 2% = burn 2.
    const r = budgetReport(
      objective,
      bounds,
      sums(
        { '5m': [50, 0], '30m': [297, 3], '1h': [588, 12], '6h': [3590, 10], '3d': [9960, 40] },
        [9960, 40],
      ),
    );
    expect(r.events).toEqual({ good: 9960, bad: 40 });
    expect(r.compliance).toBeCloseTo(0.996, 12);
    expect(r.budget.allowed).toBeCloseTo(100, 9);
    expect(r.budget.consumed).toBe(40);
    expect(r.budget.remaining).toBeCloseTo(60, 9);
    expect(r.budget.remainingPercent).toBeCloseTo(60, 9);
    expect(r.burnRates['5m']).toBe(0);
    expect(r.burnRates['30m']).toBeCloseTo(1, 9);
    expect(r.burnRates['1h']).toBeCloseTo(2, 9);
    expect(r.burnRates['6h']).toBeCloseTo(10 / 3600 / 0.01, 9);
    // 12 bad minutes per hour = 0.2 per minute: 60 left last 300 minutes after the end of `at`'s minute.
    expect(r.exhaustion.at1h).toBe(new Date(at.getTime() + 60_000 + 300 * 60_000).toISOString());
    // 10 per 6 hours: 60 left last 36 hours.
    expect(Date.parse(r.exhaustion.at6h!) - at.getTime() - 60_000).toBeCloseTo(36 * 3_600_000, -3);
    expect(r.alerts.map((a) => [a.name, a.active])).toEqual([
      ['page-fast', false],
      ['page-slow', false],
      ['ticket', false],
    ]);
    expect(r.absent).toBe(false);
  });

  it('fires each alert only when both of its windows burn at or above its threshold', () => {
    // 1h at 15% bad = burn 15 ≥ 14.4, and 5m at 14.5%.
    const fast = budgetReport(objective, bounds, sums({ '5m': [855, 145], '1h': [85, 15] }, [85, 15]));
    expect(fast.alerts.find((a) => a.name === 'page-fast')!.active).toBe(true);
    const shortQuiet = budgetReport(objective, bounds, sums({ '5m': [857, 143], '1h': [85, 15] }, [85, 15]));
    expect(shortQuiet.alerts.find((a) => a.name === 'page-fast')!.active).toBe(false);
    // 7% bad: burn 7 ≥ 6 over 6h and 30m; 2%: burn 2 ≥ 1 over 3d and 6h.
    const slow = budgetReport(objective, bounds, sums({ '30m': [93, 7], '6h': [93, 7] }, [93, 7]));
    expect(slow.alerts.map((a) => a.active)).toEqual([false, true, false]);
    const ticket = budgetReport(objective, bounds, sums({ '6h': [98, 2], '3d': [98, 2] }, [98, 2]));
    expect(ticket.alerts.map((a) => a.active)).toEqual([false, false, true]);
  });

  it('without events: nothing to burn, no compliance, and the SLI is absent', () => {
    const r = budgetReport(objective, bounds, sums({}, [0, 0]));
    expect(r.compliance).toBeNull();
    expect(r.budget).toEqual({ allowed: 0, consumed: 0, remaining: 0, remainingPercent: null });
    expect(Object.values(r.burnRates).every((b) => b === null)).toBe(true);
    expect(r.exhaustion).toEqual({ at1h: null, at6h: null });
    expect(r.alerts.every((a) => !a.active && a.burnLong === null)).toBe(true);
    expect(r.absent).toBe(true);
  });

  it('an overspent budget is exhausted as of `at`', () => {
    const r = budgetReport(objective, bounds, sums({ '1h': [50, 10] }, [900, 100]));
    expect(r.budget.remaining).toBeCloseTo(-90, 9);
    expect(r.budget.remainingPercent).toBeCloseTo(-900, 9);
    expect(r.exhaustion).toEqual({ at1h: at.toISOString(), at6h: at.toISOString() });
  });

  it('carries the alerts across evaluations: pending for the SLA `for`, then firing; absent fires at once', () => {
    const burning = sums({ '5m': [855, 145], '1h': [85, 15] }, [85, 15]);
    const minute = (m: number, s: MinuteSums) => ({ ...s, at: new Date(at.getTime() + m * 60_000) });
    let statuses = {};
    const states: string[] = [];
    for (let m = 0; m < 4; m++) {
      const next = withAlertStates(budgetReport(objective, bounds, minute(m, burning)), statuses, 2 * 60_000);
      statuses = next.statuses;
      states.push(next.report.alerts[0]!.state);
      if (m === 0)
        expect(next.changes.map((c) => [c.alert, c.transition])).toEqual([['page-fast', 'pending']]);
      if (m === 2)
        expect(next.changes.map((c) => [c.alert, c.transition])).toEqual([['page-fast', 'firing']]);
      expect(next.report.alerts[0]!.since).toBe(at.toISOString());
    }
    expect(states).toEqual(['pending', 'pending', 'firing', 'firing']);
    const quiet = withAlertStates(
      budgetReport(objective, bounds, minute(4, sums({}, [0, 0]))),
      statuses,
      120_000,
    );
    expect(quiet.report.alerts[0]).toMatchObject({ state: 'ok', since: null });
    expect(quiet.report.absentSince).toBe(new Date(at.getTime() + 4 * 60_000).toISOString());
    expect(quiet.changes.map((c) => [c.alert, c.transition, c.from])).toEqual([
      ['page-fast', 'resolved', 'firing'],
      ['absent', 'firing', 'ok'],
    ]);
  });
});
