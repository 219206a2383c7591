import { Context } from '@temporalio/activity';
import { vigilFailure } from '../../contracts/errors.ts';
import type { NotificationSummary } from '../../contracts/notifications.ts';
import type { Executor } from '../../drizzle/db.ts';
import {
  allTargets,
  covers,
  type NotificationTarget,
} from '../../drizzle/repositories/notification-targets.ts';
import {
  dueNotifications,
  firingStatuses,
  markAttemptFailed,
  markSent,
  type Notification,
  pruneNotifications,
} from '../../drizzle/repositories/notifications.ts';
import { type AlertmanagerAlert, postAlerts, toAlertmanager } from '../../notify/alertmanager.ts';
import { DeliveryFailed } from '../../notify/delivery-error.ts';
import { payloadOf } from '../../notify/payload.ts';
import { postWebhook } from '../../notify/webhook.ts';

export interface NotifyDeps {
  db: Executor;
  now: () => Date;
}

/** Due notifications taken per run; the rest wait for the next run, a minute later. */
const DUE_PER_RUN = 1_000;
/** Alerts per Alertmanager request, and firing statuses read per page. */
const ALERTS_PER_POST = 500;
const REQUEST_TIMEOUT_MS = 10_000;
const WEBHOOKS_IN_FLIGHT = 8;
const TARGETS_IN_FLIGHT = 8;
/** A failed delivery is tried again after 15 s, 30 s, … up to 10 minutes apart, 12 times in all (~1 hour). */
const MAX_ATTEMPTS = 12;
const RETENTION_MS = 7 * 24 * 3_600_000;

function retryAt(attempts: number, now: Date): Date | null {
  if (attempts + 1 >= MAX_ATTEMPTS) return null;
  return new Date(now.getTime() + Math.min(600_000, 15_000 * 2 ** attempts));
}

/**
 * Delivers the outbox (drizzle/repositories/notifications.ts) after each SLO evaluation run: each due webhook
 * notification on its own, signed; for each Alertmanager, its due notifications and every alert still firing
 * (Alertmanager expects them again while they fire) in a few requests. A delivery that fails is tried again
 * later with backoff, one that the receiver refuses (4xx) or that keeps failing for an hour is marked failed and
 * kept for a week, like the delivered ones.
 */
export function createNotifyActivities(deps: NotifyDeps) {
  async function failed(
    items: readonly Notification[],
    err: unknown,
    now: Date,
    summary: NotificationSummary,
  ) {
    const message = err instanceof Error ? err.message : String(err);
    const retryable = !(err instanceof DeliveryFailed) || err.retryable;
    for (const n of items) {
      const next = retryable ? retryAt(n.attempts, now) : null;
      await markAttemptFailed(deps.db, [n.id], message, next);
      if (next === null) summary.abandoned++;
      else summary.retrying++;
    }
    Context.current().log.warn('notification delivery failed', { error: message, count: items.length });
  }

  async function webhooks(
    target: NotificationTarget,
    due: Notification[],
    now: Date,
    s: NotificationSummary,
  ) {
    for (let i = 0; i < due.length; i += WEBHOOKS_IN_FLIGHT) {
      await Promise.all(
        due.slice(i, i + WEBHOOKS_IN_FLIGHT).map(async (n) => {
          try {
            await postWebhook(target.url, target.secret, n.id, n.payload, now, REQUEST_TIMEOUT_MS);
            await markSent(deps.db, [n.id], deps.now());
            s.sent++;
          } catch (err) {
            await failed([n], err, now, s);
          }
        }),
      );
      Context.current().heartbeat();
    }
  }

  async function alertmanager(
    target: NotificationTarget,
    due: Notification[],
    now: Date,
    s: NotificationSummary,
  ) {
    // Resolutions first: an alert that resolved and fired again since is sent in that order.
    const alerts: AlertmanagerAlert[] = [...due]
      .sort((a, b) => Number(b.transition === 'resolved') - Number(a.transition === 'resolved'))
      .map((n) => toAlertmanager(n.payload, now));
    for (let after = 0; ; ) {
      const page = await firingStatuses(deps.db, after, ALERTS_PER_POST);
      for (const { sla, status } of page) {
        if (!covers(target, sla.id)) continue;
        for (const [alert, a] of Object.entries(status.alerts)) {
          if (a.state === 'firing') alerts.push(toAlertmanager(payloadOf(sla, status.report, alert, a), now));
        }
      }
      if (page.length < ALERTS_PER_POST) break;
      after = page.at(-1)!.sla.id;
    }
    try {
      for (let i = 0; i < alerts.length; i += ALERTS_PER_POST) {
        await postAlerts(target.url, alerts.slice(i, i + ALERTS_PER_POST), REQUEST_TIMEOUT_MS);
        Context.current().heartbeat();
      }
      await markSent(
        deps.db,
        due.map((n) => n.id),
        deps.now(),
      );
      s.sent += due.length;
      s.resent += alerts.length - due.length;
    } catch (err) {
      await failed(due, err, now, s);
    }
  }

  return {
    async deliverNotifications(): Promise<NotificationSummary> {
      const now = deps.now();
      const summary: NotificationSummary = { sent: 0, resent: 0, retrying: 0, abandoned: 0, pruned: 0 };
      let targets: NotificationTarget[];
      let due: Notification[];
      try {
        [targets, due] = await Promise.all([
          allTargets(deps.db),
          dueNotifications(deps.db, now, DUE_PER_RUN),
        ]);
      } catch (err) {
        throw vigilFailure('DATABASE_UNAVAILABLE', `reading notifications: ${(err as Error).message}`, err);
      }
      const dueOf = (t: NotificationTarget) => due.filter((n) => n.targetId === t.id);
      // Targets side by side, a few at a time: one that hangs until its timeout delays only itself.
      for (let i = 0; i < targets.length; i += TARGETS_IN_FLIGHT) {
        await Promise.all(
          targets
            .slice(i, i + TARGETS_IN_FLIGHT)
            .map((target) =>
              target.kind === 'webhook'
                ? webhooks(target, dueOf(target), now, summary)
                : alertmanager(target, dueOf(target), now, summary),
            ),
        );
      }
      // Notifications of targets deleted since they were queued: nobody to send them to.
      const orphans = due.filter((n) => !targets.some((t) => t.id === n.targetId));
      if (orphans.length > 0)
        await markAttemptFailed(
          deps.db,
          orphans.map((n) => n.id),
          'target deleted',
          null,
        );
      summary.pruned = await pruneNotifications(deps.db, new Date(now.getTime() - RETENTION_MS), 10_000);
      return summary;
    },
  };
}

export type NotifyActivities = ReturnType<typeof createNotifyActivities>;
