import type { NotificationSummary } from './notifications.ts';
import { SLA_STEP_SECONDS } from './sla.ts';

/**
 * Objectives on SLAs (issue 14): what the REST API stores and answers and what the SLO workflows take. An
 * objective is the share of good series-minutes over a window: each minute, every series the SLA selects is
 * evaluated as the violation check does (1-minute step, Prometheus' lookback) and counts as good (finite, inside
 * the bounds) or bad (outside). For an SLA over one series that is the share of good minutes.
 */

/** The counts' step, one minute: the violation check's SLA_STEP_SECONDS, in milliseconds. */
export const MINUTE_MS = SLA_STEP_SECONDS * 1000;

/** Rolling windows (ending now) and calendar windows (UTC; the week starts on Monday). */
export const OBJECTIVE_WINDOWS = ['7d', '28d', '30d', 'week', 'month'] as const;
export type ObjectiveWindow = (typeof OBJECTIVE_WINDOWS)[number];

export interface SlaObjective {
  /** The share of good series-minutes, e.g. 0.995; from 0.001 to 0.99999 (the API's bounds). */
  target: number;
  window: ObjectiveWindow;
}

/** Burn-rate windows in minutes (the SRE workbook's multiwindow set). */
export const BURN_WINDOWS = { '5m': 5, '30m': 30, '1h': 60, '6h': 360, '3d': 4_320 } as const;
export type BurnWindow = keyof typeof BURN_WINDOWS;

/**
 * Multiwindow, multi-burn-rate alerts (Google SRE workbook, "Alerting on SLOs", table 5-8): each fires when the
 * burn rate is at or above `threshold` over both its long and its short window.
 */
export const BURN_ALERTS = [
  { name: 'page-fast', severity: 'page', long: '1h', short: '5m', threshold: 14.4 },
  { name: 'page-slow', severity: 'page', long: '6h', short: '30m', threshold: 6 },
  { name: 'ticket', severity: 'ticket', long: '3d', short: '6h', threshold: 1 },
] as const satisfies ReadonlyArray<{
  name: string;
  severity: 'page' | 'ticket';
  long: BurnWindow;
  short: BurnWindow;
  threshold: number;
}>;

/** The task queue of SLO counting: the SLA worker's queue with `-slo` (bounded concurrency, see workers/sla.ts). */
export function sloTaskQueue(slaTaskQueue: string): string {
  return `${slaTaskQueue}-slo`;
}

/** Input of the workflow that brings per-minute counts up to date: one SLA, or every SLA with an objective. */
export interface SloMinutesInput {
  slaId?: number;
}

export interface SloMinutesSummary {
  /** SLAs brought up to date. */
  slas: number;
  /** Minutes evaluated and written (re-evaluated recent minutes included). */
  minutes: number;
  /** SLAs left behind by a lasting error of their own (a refused query), with why; the others went on. */
  failed: Array<{ slaId: number; message: string }>;
  /** The scheduled run's notification delivery. */
  notifications?: NotificationSummary;
}

/** Good and bad series-minutes over a stretch of minutes. */
export interface EventCounts {
  good: number;
  bad: number;
}

/** What the per-minute counts sum to, for one SLA at its latest counted minute `at` (one indexed read). */
export interface MinuteSums {
  at: Date;
  /** Over the objective window's minutes up to `at`, and how many of its minutes have been counted. */
  window: EventCounts & { minutes: number };
  /** Over the last N minutes up to `at`, per burn window. */
  burn: Record<BurnWindow, EventCounts>;
  /** Over the last minutes the absent-SLI check looks at. */
  recent: EventCounts;
}

/**
 * How SLO alerts are named outside Vigil, the same in Alertmanager notifications, webhooks and the Prometheus rules
 * GET /slas/:id/rules generates: one alertname per kind, the SLA and the alert in labels.
 */
export const SLO_ALERT_NAMES = { burn: 'VigilSLOBurnRate', absent: 'VigilSLOAbsent' } as const;

/** The labels of an SLO alert (`alert` is a BURN_ALERTS name or 'absent'). */
export function sloAlertLabels(
  sla: { id: number; name: string },
  alert: string,
  severity: 'page' | 'ticket',
): Record<string, string> {
  return {
    alertname: alert === 'absent' ? SLO_ALERT_NAMES.absent : SLO_ALERT_NAMES.burn,
    sla_id: String(sla.id),
    sla_name: sla.name,
    slo_alert: alert,
    severity,
  };
}

export type AlertState = 'ok' | 'pending' | 'firing';

/** An SLO alert's state across evaluations (sla/alert-states.ts), as stored with each evaluation. */
export interface AlertStatus {
  state: AlertState;
  /** When the condition became true (the alert's activeAt), for pending and firing alerts; null when ok. */
  since: string | null;
  /** When it started firing, for firing alerts (Alertmanager's startsAt); null otherwise. */
  firingSince: string | null;
}

/** An objective's evaluation at its last counted minute (sla/budget.ts): what GET /slas/:id/budget answers. */
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
    /** The condition alone, at `at`: both windows at or above the threshold. */
    active: boolean;
    /** The alert's life across evaluations (sla/alert-states.ts): pending until active for the SLA's `for`. */
    state: AlertState;
    since: string | null;
  }>;
  /** No series evaluated at all over the recent minutes (the SLA's `for`, at least 5): the SLI is absent. */
  absent: boolean;
  /** The absent-SLI alert: firing while `absent` (its lookback is already the `for`), since when. */
  absentSince: string | null;
}

/**
 * One series' share of an objective, for SLAs that select several (issue 14): the series' own minutes measured
 * against the SLA's target, so that "which series is eating the budget" is a sorted list. The series' budget is
 * (1 − target) × its own events, as the SLA's is of all of them.
 */
export interface SeriesBudget
  extends Pick<BudgetReport, 'at' | 'events' | 'compliance' | 'budget' | 'burnRates' | 'exhaustion'> {
  labels: Record<string, string>;
}

/** The whole hours' part of one series' window and long burn-window sums (the minutes at their ends come apart). */
export interface SeriesHourSums {
  window: EventCounts;
  '6h': EventCounts;
  '3d': EventCounts;
}
