import {
  BURN_ALERTS,
  BURN_WINDOWS,
  type BurnWindow,
  type EventCounts,
  MINUTE_MS,
  type MinuteSums,
  type SlaObjective,
} from '../contracts/slo.ts';
import type { WindowBounds } from './objective-window.ts';

export interface BudgetReport {
  objective: SlaObjective;
  window: { start: string; end: string; minutes: number };
  /** The last evaluated minute: every figure is as of its end. */
  at: string;
  /** Window minutes evaluated so far (fewer than the window's while counts are being backfilled). */
  evaluatedMinutes: number;
  events: EventCounts;
  /** good / (good + bad); null before any event. */
  compliance: number | null;
  /**
   * The error budget in bad series-minutes (minutes, for an SLA over one series), relative to the events seen in
   * the window so far, as Sloth and Pyrra count it: allowed = (1 − target) × events.
   */
  budget: { allowed: number; consumed: number; remaining: number; remainingPercent: number | null };
  /** Bad share over each window divided by the allowed bad share (1 − target); null without events. */
  burnRates: Record<BurnWindow, number | null>;
  /** When the remaining budget runs out if bad minutes keep coming as over the last 1h / 6h; null if never. */
  exhaustion: { at1h: string | null; at6h: string | null };
  alerts: Array<{
    name: string;
    severity: 'page' | 'ticket';
    long: BurnWindow;
    short: BurnWindow;
    threshold: number;
    burnLong: number | null;
    burnShort: number | null;
    state: 'ok' | 'firing';
  }>;
  /** No series evaluated at all over the recent minutes (the SLA's `for`, at least 5): the SLI is absent. */
  absent: boolean;
}

function burnRate(c: EventCounts, target: number): number | null {
  const events = c.good + c.bad;
  return events === 0 ? null : c.bad / events / (1 - target);
}

/** The budget, burn rates, projected exhaustion and burn-rate alerts of an objective from its minute sums. */
export function budgetReport(objective: SlaObjective, bounds: WindowBounds, sums: MinuteSums): BudgetReport {
  const { target } = objective;
  const events = sums.window.good + sums.window.bad;
  const allowed = (1 - target) * events;
  const consumed = sums.window.bad;
  const remaining = allowed - consumed;
  const burnRates = Object.fromEntries(
    (Object.keys(BURN_WINDOWS) as BurnWindow[]).map((w) => [w, burnRate(sums.burn[w], target)]),
  ) as Record<BurnWindow, number | null>;
  const exhaustionAt = (w: BurnWindow): string | null => {
    if (remaining <= 0) return events === 0 ? null : sums.at.toISOString();
    const badPerMinute = sums.burn[w].bad / BURN_WINDOWS[w];
    if (badPerMinute === 0) return null;
    // The budget of the minute `at` is spent by its end, hence the minute added.
    return new Date(sums.at.getTime() + MINUTE_MS + (remaining / badPerMinute) * MINUTE_MS).toISOString();
  };
  return {
    objective,
    window: {
      start: bounds.start.toISOString(),
      end: new Date(bounds.last.getTime() + MINUTE_MS).toISOString(),
      minutes: bounds.minutes,
    },
    at: sums.at.toISOString(),
    evaluatedMinutes: sums.window.minutes,
    events: { good: sums.window.good, bad: sums.window.bad },
    compliance: events === 0 ? null : sums.window.good / events,
    budget: {
      allowed,
      consumed,
      remaining,
      remainingPercent: allowed > 0 ? (100 * remaining) / allowed : null,
    },
    burnRates,
    exhaustion: { at1h: exhaustionAt('1h'), at6h: exhaustionAt('6h') },
    alerts: BURN_ALERTS.map((a) => {
      const burnLong = burnRates[a.long];
      const burnShort = burnRates[a.short];
      // As Sloth's generated rules compare: the bad share against threshold × (1 − target), so the same floats
      // decide here and in Prometheus.
      const limit = a.threshold * (1 - target);
      const over = (c: EventCounts) => c.good + c.bad > 0 && c.bad / (c.good + c.bad) >= limit;
      const firing = over(sums.burn[a.long]) && over(sums.burn[a.short]);
      return { ...a, burnLong, burnShort, state: firing ? ('firing' as const) : ('ok' as const) };
    }),
    absent: sums.recent.good + sums.recent.bad === 0,
  };
}
