import type { NotificationPayload } from '../contracts/notifications.ts';
import { DeliveryFailed, responseFailure } from './delivery-error.ts';

/**
 * Alerts for Alertmanager's API v2 (`POST /api/v2/alerts`, openapi.yaml of prometheus/alertmanager), as
 * Prometheus sends them (notifier/notifier.go): a firing alert again on every evaluation, valid for four times the
 * resend interval, so that Alertmanager resolves it by itself if the sender goes away; a resolved one once with
 * its end. Alertmanager identifies an alert by its labels, which is why sending it again duplicates nothing.
 */

export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
}

/** How long a firing alert stays valid without being sent again: 4 × the one-minute evaluation. */
export const FIRING_VALIDITY_MS = 4 * 60_000;

export function toAlertmanager(p: NotificationPayload, now: Date): AlertmanagerAlert {
  const startsAt = p.firingSince ?? p.at;
  // A resolution ends with the evaluated minute that found the condition gone.
  const endsAt =
    p.transition === 'resolved'
      ? new Date(Math.max(Date.parse(p.at), Date.parse(startsAt)) + 60_000).toISOString()
      : new Date(now.getTime() + FIRING_VALIDITY_MS).toISOString();
  return { labels: p.labels, annotations: p.annotations, startsAt, endsAt };
}

/** Posts alerts to an Alertmanager; throws DeliveryFailed (retryable or not) when it does not take them. */
export async function postAlerts(
  baseUrl: string,
  alerts: AlertmanagerAlert[],
  timeoutMs: number,
): Promise<void> {
  const url = new URL('api/v2/alerts', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(alerts),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new DeliveryFailed(`Alertmanager unreachable: ${(err as Error).message}`, true);
  }
  if (!res.ok) throw await responseFailure('Alertmanager', res);
}
