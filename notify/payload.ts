import type { NotificationPayload } from '../contracts/notifications.ts';
import type { SlaDefinition } from '../contracts/sla.ts';
import { BURN_ALERTS, sloAlertLabels } from '../contracts/slo.ts';
import type { AlertChange, AlertStatus } from '../sla/alert-states.ts';
import { ABSENT_ALERT, type BudgetReport } from '../sla/budget.ts';

/** The severity of an SLO alert: the burn-rate alert's own, a page for an absent SLI. */
export function severityOf(alert: string): 'page' | 'ticket' {
  return BURN_ALERTS.find((a) => a.name === alert)?.severity ?? 'page';
}

function annotations(sla: SlaDefinition, alert: string, report: BudgetReport): Record<string, string> {
  if (alert === ABSENT_ALERT) {
    return {
      summary: `SLA ${sla.name}: no series of ${sla.metric} evaluated`,
      description: `No series of the SLA's selector held a value in its last minutes (as of ${report.at}).`,
    };
  }
  const burn = report.alerts.find((a) => a.name === alert);
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : v.toFixed(2));
  return {
    summary: `SLA ${sla.name}: error budget burning (${alert})`,
    description:
      `Burn rate ${fmt(burn?.burnLong)} over ${burn?.long} and ${fmt(burn?.burnShort)} over ${burn?.short} ` +
      `(threshold ${burn?.threshold}); ${fmt(report.budget.remainingPercent)} % of the budget left as of ${report.at}.`,
  };
}

/** What is sent about an alert of `sla` in `status`, after the evaluation `report`. */
export function payloadOf(
  sla: SlaDefinition,
  report: BudgetReport,
  alert: string,
  status: AlertStatus,
  change?: Pick<AlertChange, 'transition' | 'from'> & { firingSince?: string | null },
): NotificationPayload {
  const severity = severityOf(alert);
  return {
    sla: { id: sla.id, name: sla.name, metric: sla.metric },
    alert,
    severity,
    transition: change?.transition ?? 'firing',
    from: change?.from ?? 'firing',
    at: report.at,
    since: status.since,
    firingSince: change?.firingSince ?? status.firingSince,
    labels: sloAlertLabels(sla, alert, severity),
    annotations: annotations(sla, alert, report),
  };
}
