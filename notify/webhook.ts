import { createHmac } from 'node:crypto';
import type { NotificationPayload } from '../contracts/notifications.ts';
import { DeliveryFailed, responseFailure } from './delivery-error.ts';

/**
 * Generic webhooks: the payload as JSON, signed as Stripe and GitHub sign theirs, so the receiver can check that
 * Vigil sent it and when:
 *   X-Vigil-Timestamp: unix seconds
 *   X-Vigil-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" under the target's secret>
 *   X-Vigil-Delivery:  the notification's id, the same on every retry (the receiver's idempotency key: a
 *                      delivery whose answer was lost is sent again)
 */

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export async function postWebhook(
  url: string,
  secret: string | null,
  deliveryId: number,
  payload: NotificationPayload,
  now: Date,
  timeoutMs: number,
): Promise<void> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-vigil-delivery': String(deliveryId),
    'x-vigil-timestamp': String(timestamp),
  };
  if (secret !== null) headers['x-vigil-signature'] = webhookSignature(secret, timestamp, body);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new DeliveryFailed(`webhook unreachable: ${(err as Error).message}`, true);
  }
  if (!res.ok) throw await responseFailure('webhook', res);
}
