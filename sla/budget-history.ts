import { type EventCounts, MINUTE_MS, type SlaObjective } from '../contracts/slo.ts';
import { burnRate } from './budget.ts';
import { objectiveWindow } from './objective-window.ts';

/**
 * An objective's budget and burn rates as of the end of each past hour (issue 16's budget and burn-rate charts),
 * from the hourly sums of its per-minute counts. At the last minute of an hour every window starts on a whole hour
 * (a rolling window of N days ends at hh:59 and starts at hh:00 N days before; calendar windows start at midnight),
 * so hour sums give the same figures sla/budget.ts#budgetReport gives at that minute, exactly.
 */

const HOUR_MS = 60 * MINUTE_MS;

export interface BudgetHistoryPoint {
  /** The hour's last minute: every figure is as of its end. */
  at: string;
  remainingPercent: number | null;
  consumed: number;
  allowed: number;
  burn1h: number | null;
  burn6h: number | null;
}

export interface HourSum extends EventCounts {
  /** The hour's start, epoch ms. */
  hour: number;
}

/**
 * The points of the hours starting at `fromHour` through `toHour` (epoch ms, hour-aligned), from `hours` (the
 * SLA's hour sums, which must reach back over the objective window of `fromHour`; missing hours count as empty).
 */
export function budgetHistory(
  objective: SlaObjective,
  hours: readonly HourSum[],
  fromHour: number,
  toHour: number,
): BudgetHistoryPoint[] {
  const byHour = new Map(hours.map((h) => [h.hour, h]));
  const sum = (from: number, to: number): EventCounts => {
    const s = { good: 0, bad: 0 };
    for (let h = from; h <= to; h += HOUR_MS) {
      const c = byHour.get(h);
      if (c) {
        s.good += c.good;
        s.bad += c.bad;
      }
    }
    return s;
  };
  const points: BudgetHistoryPoint[] = [];
  for (let h = fromHour; h <= toHour; h += HOUR_MS) {
    const at = h + HOUR_MS - MINUTE_MS;
    const start = objectiveWindow(objective.window, new Date(at)).start.getTime();
    const window = sum(start, h);
    const allowed = (1 - objective.target) * (window.good + window.bad);
    const remaining = allowed - window.bad;
    points.push({
      at: new Date(at).toISOString(),
      remainingPercent: allowed > 0 ? (100 * remaining) / allowed : null,
      consumed: window.bad,
      allowed,
      burn1h: burnRate(sum(h, h), objective.target),
      burn6h: burnRate(sum(h - 5 * HOUR_MS, h), objective.target),
    });
  }
  return points;
}
