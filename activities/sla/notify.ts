import { Context } from '@temporalio/activity';
import { vigilFailure } from '../../contracts/errors.ts';
import type { NotificationSummary } from '../../contracts/notifications.ts';
import type { Db } from '../../drizzle/db.ts';
import {
  allTargets,
  covers,
  type NotificationTarget,
} from '../../drizzle/repositories/notification-targets.ts';
import {
  claimDue,
  firingStatuses,
  markAttemptFailed,
  markSent,
  type Notification,
  pruneNotifications,
  release,
} from '../../drizzle/repositories/notifications.ts';
import { type AlertmanagerAlert, postAlerts, toAlertmanager } from '../../notify/alertmanager.ts';
import { DeliveryFailed } from '../../notify/delivery-error.ts';
import { payloadOf } from '../../notify/payload.ts';
import { postWebhook } from '../../notify/webhook.ts';

export interface NotifyDeps {
  /** The pool-backed database: due notifications are claimed in a transaction of their own. */
  db: Db;
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
/**
 * How long a run holds the notifications it claimed (drizzle/repositories/notifications.ts claimDue). A run starts
 * no request later than REQUEST_TIMEOUT_MS + MARK_MARGIN_MS before its lease ends and gives back what it did not
 * get to, so every request it makes has timed out and been recorded while the claim still holds: a run at the same
 * moment never sends the same notification. A crashed run's claims are sent again by the first run after the
 * lease (the same delivery id): short enough that the next scheduled runs, a minute apart, pick them up soon.
 */
export const CLAIM_LEASE_MS = 90_000;
/** Time left after the last request's timeout for recording its outcome before the lease ends. */
const MARK_MARGIN_MS = 20_000;

/** One attempt's failure, kept to be recorded with the others of its round. */
interface Failure {
  n: Notification;
  err: unknown;
}

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
  /**
   * Records failed attempts, one UPDATE per distinct next attempt (and error): retryAt depends on each row's
   * attempts, and a round of webhooks or an Alertmanager request fails many rows alike.
   */
  async function failed(failures: readonly Failure[], now: Date, summary: NotificationSummary) {
    if (failures.length === 0) return;
    const groups = new Map<string, { ids: number[]; message: string; next: Date | null }>();
    for (const { n, err } of failures) {
      const message = err instanceof Error ? err.message : String(err);
      const retryable = !(err instanceof DeliveryFailed) || err.retryable;
      const next = retryable ? retryAt(n.attempts, now) : null;
      const key = `${next?.getTime() ?? 'never'}\u0000${message}`;
      const group = groups.get(key) ?? { ids: [], message, next };
      group.ids.push(n.id);
      groups.set(key, group);
      if (next === null) summary.abandoned++;
      else summary.retrying++;
    }
    for (const { ids, message, next } of groups.values()) {
      await markAttemptFailed(deps.db, ids, message, next);
      Context.current().log.warn('notification delivery failed', { error: message, count: ids.length });
    }
  }

  /**
   * Each due notification on its own, WEBHOOKS_IN_FLIGHT at a time; each round's outcomes in a few writes, and no
   * round started after the deadline (what is left is released for the next run).
   */
  async function webhooks(
    target: NotificationTarget,
    due: Notification[],
    now: Date,
    deadline: number,
    s: NotificationSummary,
  ) {
    for (let i = 0; i < due.length; i += WEBHOOKS_IN_FLIGHT) {
      if (deps.now().getTime() > deadline) {
        await release(
          deps.db,
          due.slice(i).map((n) => n.id),
        );
        return;
      }
      const round = due.slice(i, i + WEBHOOKS_IN_FLIGHT);
      const outcomes = await Promise.allSettled(
        round.map((n) => postWebhook(target.url, target.secret, n.id, n.payload, now, REQUEST_TIMEOUT_MS)),
      );
      const sent: number[] = [];
      const failures: Failure[] = [];
      outcomes.forEach((o, k) => {
        if (o.status === 'fulfilled') sent.push(round[k]!.id);
        else failures.push({ n: round[k]!, err: o.reason });
      });
      await markSent(deps.db, sent, deps.now());
      s.sent += sent.length;
      await failed(failures, now, s);
      Context.current().heartbeat();
    }
  }

  async function alertmanager(
    target: NotificationTarget,
    due: Notification[],
    now: Date,
    deadline: number,
    s: NotificationSummary,
  ) {
    // The claimed changes first, in requests of their own, so that they are recorded within the lease however
    // many alerts fire. Resolutions first: an alert that resolved and fired again since is sent in that order.
    if (due.length > 0) {
      if (deps.now().getTime() > deadline) {
        await release(
          deps.db,
          due.map((n) => n.id),
        );
        return;
      }
      const changes: AlertmanagerAlert[] = [...due]
        .sort((a, b) => Number(b.transition === 'resolved') - Number(a.transition === 'resolved'))
        .map((n) => toAlertmanager(n.payload, now));
      try {
        for (let i = 0; i < changes.length; i += ALERTS_PER_POST) {
          await postAlerts(target.url, changes.slice(i, i + ALERTS_PER_POST), REQUEST_TIMEOUT_MS);
          Context.current().heartbeat();
        }
      } catch (err) {
        await failed(
          due.map((n) => ({ n, err })),
          now,
          s,
        );
        // Alertmanager is failing: the firing alerts wait for the next run rather than a second timeout.
        return;
      }
      await markSent(
        deps.db,
        due.map((n) => n.id),
        deps.now(),
      );
      s.sent += due.length;
    }
    // Then every alert still firing, again (Alertmanager expects them while they fire). Not claimed: sending one
    // twice is harmless, and a failure here only waits for the next run, a minute later.
    const firing: AlertmanagerAlert[] = [];
    for (let after = 0; ; ) {
      const page = await firingStatuses(deps.db, after, ALERTS_PER_POST);
      for (const { sla, status } of page) {
        if (!covers(target, sla.id)) continue;
        for (const [alert, a] of Object.entries(status.alerts)) {
          if (a.state === 'firing') firing.push(toAlertmanager(payloadOf(sla, status.report, alert, a), now));
        }
      }
      if (page.length < ALERTS_PER_POST) break;
      after = page.at(-1)!.sla.id;
    }
    try {
      for (let i = 0; i < firing.length; i += ALERTS_PER_POST) {
        await postAlerts(target.url, firing.slice(i, i + ALERTS_PER_POST), REQUEST_TIMEOUT_MS);
        s.resent += Math.min(ALERTS_PER_POST, firing.length - i);
        Context.current().heartbeat();
      }
    } catch (err) {
      Context.current().log.warn('firing alerts not sent again', {
        error: err instanceof Error ? err.message : String(err),
        target: target.id,
      });
    }
  }

  return {
    async deliverNotifications(): Promise<NotificationSummary> {
      const now = deps.now();
      const until = new Date(now.getTime() + CLAIM_LEASE_MS);
      // No request starts after this: its timeout and its outcome's write then fit in the lease.
      const deadline = until.getTime() - REQUEST_TIMEOUT_MS - MARK_MARGIN_MS;
      const summary: NotificationSummary = { sent: 0, resent: 0, retrying: 0, abandoned: 0, pruned: 0 };
      let targets: NotificationTarget[];
      let due: Notification[];
      try {
        due = await claimDue(deps.db, now, until, DUE_PER_RUN);
      } catch (err) {
        throw vigilFailure('DATABASE_UNAVAILABLE', `claiming notifications: ${(err as Error).message}`, err);
      }
      try {
        // The targets after the claim: a claimed row whose target is not listed was deleted, not created since.
        targets = await allTargets(deps.db);
      } catch (err) {
        // Given back for the next run rather than held for the lease; if that fails too, the lease expires.
        await release(
          deps.db,
          due.map((n) => n.id),
        ).catch(() => undefined);
        throw vigilFailure(
          'DATABASE_UNAVAILABLE',
          `reading notification targets: ${(err as Error).message}`,
          err,
        );
      }
      const dueOf = (t: NotificationTarget) => due.filter((n) => n.targetId === t.id);
      // Targets side by side, a few at a time: one that hangs until its timeout delays only itself.
      for (let i = 0; i < targets.length; i += TARGETS_IN_FLIGHT) {
        await Promise.all(
          targets
            .slice(i, i + TARGETS_IN_FLIGHT)
            .map((target) =>
              target.kind === 'webhook'
                ? webhooks(target, dueOf(target), now, deadline, summary)
                : alertmanager(target, dueOf(target), now, deadline, summary),
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
