import { MINUTE_MS, type ObjectiveWindow } from '../contracts/slo.ts';

const DAY = 1_440 * MINUTE_MS;

/** An objective's window as whole minutes: the first minute, the last, and how many it holds in all. */
export interface WindowBounds {
  start: Date;
  /** The last minute of the window: `at` for rolling windows, the period's last minute for calendar ones. */
  last: Date;
  minutes: number;
}

/**
 * The window of an objective that holds the minute `at` (a whole minute): a rolling window is the `N` days of
 * minutes ending at `at`; `week` is the ISO week (Monday 00:00 UTC on) and `month` the calendar month, in UTC.
 */
export function objectiveWindow(window: ObjectiveWindow, at: Date): WindowBounds {
  const t = at.getTime();
  if (window === 'week' || window === 'month') {
    const d = new Date(t);
    const start =
      window === 'week'
        ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7))
        : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    const next = window === 'week' ? start + 7 * DAY : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    return { start: new Date(start), last: new Date(next - MINUTE_MS), minutes: (next - start) / MINUTE_MS };
  }
  const days = Number(window.slice(0, -1));
  return { start: new Date(t - days * DAY + MINUTE_MS), last: at, minutes: days * 1_440 };
}
