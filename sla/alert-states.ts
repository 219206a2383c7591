/**
 * The life of an SLO alert from one evaluation to the next, as Prometheus runs an alerting rule with a `for`
 * (rules/alerting.go): the first evaluation that finds the condition true makes the alert pending, active since
 * that evaluation; it fires at the first evaluation at least `for` after that; any evaluation that finds the
 * condition false makes it ok again (resolved). A `for` of zero fires at once. Evaluations
 * are the SLO counting runs, one per counted minute `at`; a run that is skipped does not reset anything.
 */

import type { AlertState, AlertStatus } from '../contracts/slo.ts';

export type { AlertState, AlertStatus };

export type Transition = 'pending' | 'firing' | 'resolved';

export interface AlertChange {
  alert: string;
  transition: Transition;
  /** The state before: a resolved alert that was only pending never reached Alertmanager. */
  from: AlertState;
  /** The evaluation that made the change. */
  at: string;
  /** The alert's status after the change. */
  status: AlertStatus;
}

const OK: AlertStatus = { state: 'ok', since: null, firingSince: null };

/** An alert's status after an evaluation at `at` found its condition `active`, and the change it made, if any. */
export function nextStatus(
  previous: AlertStatus | undefined,
  active: boolean,
  at: Date,
  forMs: number,
): { status: AlertStatus; transition: Transition | null } {
  const was = previous ?? OK;
  if (!active) return { status: OK, transition: was.state === 'ok' ? null : 'resolved' };
  const since = was.state === 'ok' || was.since === null ? at.toISOString() : was.since;
  if (was.state === 'firing') return { status: was, transition: null };
  if (at.getTime() - Date.parse(since) >= forMs) {
    return { status: { state: 'firing', since, firingSince: at.toISOString() }, transition: 'firing' };
  }
  return {
    status: { state: 'pending', since, firingSince: null },
    transition: was.state === 'pending' ? null : 'pending',
  };
}

/** Every alert's next status, and the changes in the order of `active`'s keys. */
export function nextStatuses(
  previous: Readonly<Record<string, AlertStatus>>,
  active: Readonly<Record<string, boolean>>,
  at: Date,
  forMs: number,
): { statuses: Record<string, AlertStatus>; changes: AlertChange[] } {
  const statuses: Record<string, AlertStatus> = {};
  const changes: AlertChange[] = [];
  for (const [alert, isActive] of Object.entries(active)) {
    const { status, transition } = nextStatus(previous[alert], isActive, at, forMs);
    statuses[alert] = status;
    const from = previous[alert]?.state ?? 'ok';
    if (transition) changes.push({ alert, transition, from, at: at.toISOString(), status });
  }
  return { statuses, changes };
}
