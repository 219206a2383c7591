/**
 * Notifications of SLO alert changes (issue 14): where they go and what they carry. The same labels name an alert
 * in Alertmanager, in webhooks and in the generated Prometheus rules (contracts/slo.ts sloAlertLabels).
 */

export const NOTIFICATION_KINDS = ['alertmanager', 'webhook'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type AlertTransition = 'pending' | 'firing' | 'resolved';

/** One alert change as sent: the webhook body, and what an Alertmanager alert is built from. */
export interface NotificationPayload {
  sla: { id: number; name: string; metric: string };
  alert: string;
  severity: 'page' | 'ticket';
  transition: AlertTransition;
  /** The state the alert left. */
  from: 'ok' | 'pending' | 'firing';
  /** The evaluated minute that made the change. */
  at: string;
  /** When the condition became true (null once resolved). */
  since: string | null;
  /** When it started firing: Alertmanager's startsAt (for a resolution, of the episode that ended). */
  firingSince: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** What one delivery run did. */
export interface NotificationSummary {
  /** Notifications delivered. */
  sent: number;
  /** Firing alerts sent to Alertmanager again (it expects them while they fire). */
  resent: number;
  /** Failed deliveries to be tried again. */
  retrying: number;
  /** Deliveries given up (refused by the receiver, or failing for an hour). */
  abandoned: number;
  /** Old delivered or abandoned notifications deleted. */
  pruned: number;
}
