import {
  BURN_ALERTS,
  BURN_WINDOWS,
  type BudgetReport,
  type BurnWindow,
  type EventCounts,
  MINUTE_MS,
  type MinuteSums,
  type SeriesBudget,
  type SlaObjective,
} from '../contracts/slo.ts';
import { type AlertChange, type AlertStatus, nextStatuses } from './alert-states.ts';
import type { WindowBounds } from './objective-window.ts';

export type { BudgetReport };

/** The absent-SLI check looks back over the SLA's `for`, and never less than five minutes. */
export function absentLookbackMinutes(forSeconds: number): number {
  return Math.max(5, Math.ceil(forSeconds / 60));
}

/** The alert name of the absent SLI, beside BURN_ALERTS' names. */
export const ABSENT_ALERT = 'absent';

/** Bad share over the counts ÷ the allowed bad share (1 − target); null without events. */
export function burnRate(c: EventCounts, target: number): number | null {
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
  const active = alertConditions(sums.burn, sums.recent, target);
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
    alerts: BURN_ALERTS.map((a) => ({
      ...a,
      burnLong: burnRates[a.long],
      burnShort: burnRates[a.short],
      active: active[a.name],
      state: 'ok' as const,
      since: null,
    })),
    absent: active[ABSENT_ALERT],
    absentSince: null,
  };
}

export type AlertName = (typeof BURN_ALERTS)[number]['name'] | typeof ABSENT_ALERT;

/**
 * Whether each alert's condition holds, from the counts over the burn windows and the absent-SLI lookback ending at
 * one minute. As Sloth's generated rules compare: the bad share against threshold × (1 − target), so the same
 * floats decide here and in Prometheus.
 */
export function alertConditions(
  burn: Record<BurnWindow, EventCounts>,
  recent: EventCounts,
  target: number,
): Record<AlertName, boolean> {
  const conditions = { [ABSENT_ALERT]: recent.good + recent.bad === 0 } as Record<AlertName, boolean>;
  for (const a of BURN_ALERTS) {
    const limit = a.threshold * (1 - target);
    const over = (c: EventCounts) => c.good + c.bad > 0 && c.bad / (c.good + c.bad) >= limit;
    conditions[a.name] = over(burn[a.long]) && over(burn[a.short]);
  }
  return conditions;
}

/** One evaluation of the alerts' conditions, at the end of minute `at`. */
export interface AlertStep {
  at: Date;
  active: Record<AlertName, boolean>;
}

/**
 * The report with its alerts' states advanced from `previous` (the last stored evaluation's) through `replay` (the
 * evaluations of the minutes in between, oldest first, when runs did not evaluate each of them) and then the
 * report's own minute: burn-rate alerts are pending until active for `forMs` (the SLA's `for`), the absent SLI
 * fires at once. The changes to notify are between `previous` and the end, one per alert at most: a flap inside a
 * replay is history, not news.
 */
export function withAlertStates(
  report: BudgetReport,
  previous: Readonly<Record<string, AlertStatus>>,
  forMs: number,
  replay: readonly AlertStep[] = [],
): { report: BudgetReport; statuses: Record<string, AlertStatus>; changes: AlertChange[] } {
  const own: AlertStep = {
    at: new Date(report.at),
    active: {
      ...(Object.fromEntries(report.alerts.map((a) => [a.name, a.active])) as Record<AlertName, boolean>),
      [ABSENT_ALERT]: report.absent,
    },
  };
  let statuses: Record<string, AlertStatus> = { ...previous };
  for (const step of [...replay, own]) {
    const { [ABSENT_ALERT]: absent, ...burn } = step.active;
    statuses = {
      ...statuses,
      ...nextStatuses(statuses, burn, step.at, forMs).statuses,
      ...nextStatuses(statuses, { [ABSENT_ALERT]: absent }, step.at, 0).statuses,
    };
  }
  const changes = alertChanges(previous, statuses, report.at);
  return {
    report: {
      ...report,
      alerts: report.alerts.map((a) => ({
        ...a,
        state: statuses[a.name]!.state,
        since: statuses[a.name]!.since,
      })),
      absentSince: statuses[ABSENT_ALERT]!.since,
    },
    statuses,
    changes,
  };
}

/** What changed from `previous` to `statuses`, one change per alert at most, as of the evaluation `at`. */
export function alertChanges(
  previous: Readonly<Record<string, AlertStatus>>,
  statuses: Readonly<Record<string, AlertStatus>>,
  at: string,
): AlertChange[] {
  const changes: AlertChange[] = [];
  for (const [alert, status] of Object.entries(statuses)) {
    const from = previous[alert]?.state ?? 'ok';
    if (
      status.state === 'ok'
        ? from === 'ok'
        : status.since === (previous[alert]?.since ?? null) && status.state === from
    )
      continue;
    const transition = status.state === 'ok' ? 'resolved' : status.state;
    changes.push({ alert, transition, from, at, status });
  }
  return changes;
}

/**
 * One series' figures from its own sums (issue 14's per-series budgets): the SLA's report computed over that
 * series' minutes alone, without what only the SLA has (alert states, the absent SLI, evaluated minutes).
 */
export function seriesBudget(
  objective: SlaObjective,
  bounds: WindowBounds,
  at: Date,
  labels: Record<string, string>,
  window: EventCounts,
  burn: Record<BurnWindow, EventCounts>,
): SeriesBudget {
  const r = budgetReport(objective, bounds, {
    at,
    window: { ...window, minutes: 0 },
    burn,
    recent: burn['5m'],
  });
  return {
    labels,
    at: r.at,
    events: r.events,
    compliance: r.compliance,
    budget: r.budget,
    burnRates: r.burnRates,
    exhaustion: r.exhaustion,
  };
}
