import { BURN_WINDOWS, MINUTE_MS, type SeriesHourSums } from '../contracts/slo.ts';
import type { WindowBounds } from './objective-window.ts';

/**
 * How a series' sums as of minute `at` are put together (issue 14's per-series budgets; activities/sla/slo-series.ts):
 * each long window (the objective window, 6h, 3d) is its whole hours that are final, summed from stored hour counts,
 * plus short stretches of minutes at its two ends counted in Prometheus at each evaluation; the 5m, 30m and 1h
 * burn windows are such stretches whole. Pure, so the parts can be checked to cover each window exactly once.
 */

export type LongWindow = keyof SeriesHourSums;
export const LONG_WINDOWS = ['window', '6h', '3d'] as const satisfies readonly LongWindow[];
export const SHORT_WINDOWS = ['5m', '30m', '1h'] as const;

const HOUR_MS = 60 * MINUTE_MS;
/**
 * An hour is counted once it ended this many minutes ago, so that late scrapes are in (the minutes' recount);
 * until then its minutes belong to the stretch up to `at`.
 */
export const SETTLE_MINUTES = 3;

export interface SeriesWindowPlan {
  /** Whole hours that are final end here (exclusive, hour-aligned). */
  wholeEnd: number;
  /** Each long window's first whole hour: its hours are [hourStarts[k], wholeEnd). */
  hourStarts: Record<LongWindow, number>;
  /** The stretches of whole minutes [from, to] (both included, epoch ms) to count at the evaluation, by name. */
  stretches: Record<string, readonly [number, number]>;
  /** Which stretches each long window adds to its whole hours, and whether it has any whole hour at all. */
  parts: Record<LongWindow, { hours: boolean; stretches: string[] }>;
}

export function seriesWindowPlan(bounds: WindowBounds, at: Date): SeriesWindowPlan {
  const end = at.getTime();
  const wholeEnd = Math.floor((end + MINUTE_MS - SETTLE_MINUTES * MINUTE_MS) / HOUR_MS) * HOUR_MS;
  const starts: Record<LongWindow, number> = {
    window: bounds.start.getTime(),
    '6h': end - (BURN_WINDOWS['6h'] - 1) * MINUTE_MS,
    '3d': end - (BURN_WINDOWS['3d'] - 1) * MINUTE_MS,
  };
  const stretches: Record<string, readonly [number, number]> = { tail: [wholeEnd, end] };
  for (const w of SHORT_WINDOWS) stretches[w] = [end - (BURN_WINDOWS[w] - 1) * MINUTE_MS, end];
  const hourStarts = {} as Record<LongWindow, number>;
  const parts = {} as SeriesWindowPlan['parts'];
  for (const k of LONG_WINDOWS) {
    const first = Math.ceil(starts[k] / HOUR_MS) * HOUR_MS;
    hourStarts[k] = Math.min(first, wholeEnd);
    if (first >= wholeEnd) {
      // No final whole hour inside (a calendar window's first hour): the window is one stretch.
      stretches[`all:${k}`] = [starts[k], end];
      parts[k] = { hours: false, stretches: [`all:${k}`] };
    } else {
      stretches[`head:${k}`] = [starts[k], first - MINUTE_MS];
      parts[k] = { hours: true, stretches: [`head:${k}`, 'tail'] };
    }
  }
  return { wholeEnd, hourStarts, stretches, parts };
}

/** Names the whole-hour ranges of a plan: stored sums of whole hours are reused while it stays the same. */
export function hoursKey(plan: SeriesWindowPlan): string {
  return [plan.hourStarts.window, plan.hourStarts['6h'], plan.hourStarts['3d'], plan.wholeEnd]
    .map((t) => t / 1000)
    .join('/');
}
