import { and, asc, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { AlertTransition, NotificationPayload } from '../../contracts/notifications.ts';
import type { SlaDefinition } from '../../contracts/sla.ts';
import type { Db, Executor } from '../db.ts';
import { notifications, slas, sloStatus } from '../sla-schema.ts';
import { toDefinition } from './slas.ts';
import { type SloStatusRow, toStatusRow } from './slo-status.ts';

/** The outbox of SLO alert changes (`notifications`): the only place that reads or writes it. */

export interface Change {
  targetId: number;
  slaId: number;
  alert: string;
  transition: AlertTransition;
  at: Date;
  payload: NotificationPayload;
}

export interface Notification extends Change {
  id: number;
  attempts: number;
}

/**
 * Queues changes, once each: a change already queued (the same target, SLA, alert, transition and minute: a run
 * repeated after a crash) is left as it is.
 */
export async function enqueue(db: Executor, changes: readonly Change[], now: Date): Promise<void> {
  if (changes.length === 0) return;
  await db
    .insert(notifications)
    .values(
      changes.map((c) => ({ ...c, state: 'due' as const, attempts: 0, nextAttemptAt: now, createdAt: now })),
    )
    .onDuplicateKeyUpdate({ set: { id: sql`${notifications.id}` } });
}

/**
 * Claims the due notifications, oldest first, at most `limit`: those whose next attempt has come and that no run
 * holds (never claimed, or a claim that expired: its run crashed or overran). In one transaction the rows are
 * read with FOR UPDATE SKIP LOCKED and given the lease `until`, committed before the caller sends anything, so a
 * run at the same moment skips the rows being claimed and, once committed, sees them held: each row is taken by
 * one run at a time. The caller ends each claim with markSent, markAttemptFailed or release before `until`.
 */
export function claimDue(db: Db, now: Date, until: Date, limit: number): Promise<Notification[]> {
  return db.transaction(
    async (tx) => {
      const rows = await tx
        .select({
          id: notifications.id,
          targetId: notifications.targetId,
          slaId: notifications.slaId,
          alert: notifications.alert,
          transition: notifications.transition,
          at: notifications.at,
          payload: notifications.payload,
          attempts: notifications.attempts,
        })
        .from(notifications)
        .where(
          and(
            eq(notifications.state, 'due'),
            lte(notifications.nextAttemptAt, now),
            or(isNull(notifications.claimedUntil), lte(notifications.claimedUntil, now)),
          ),
        )
        .orderBy(asc(notifications.nextAttemptAt), asc(notifications.id))
        .limit(limit)
        .for('update', { skipLocked: true });
      if (rows.length > 0)
        await tx
          .update(notifications)
          .set({ claimedUntil: until })
          .where(
            inArray(
              notifications.id,
              rows.map((r) => r.id),
            ),
          );
      return rows;
    },
    // READ COMMITTED: the locking read takes no gap locks, so a concurrent enqueue is never blocked by a claim.
    { isolationLevel: 'read committed' },
  );
}

export async function markSent(db: Executor, ids: readonly number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(notifications)
    .set({
      state: 'sent',
      sentAt: at,
      lastError: null,
      claimedUntil: null,
      attempts: sql`${notifications.attempts} + 1`,
    })
    .where(inArray(notifications.id, [...ids]));
}

/**
 * Records a failed attempt: due again at `next`, or failed for good when `next` is null. Only rows still due: a
 * run that overran its lease must not turn a row that another run delivered meanwhile into a failure.
 */
export async function markAttemptFailed(
  db: Executor,
  ids: readonly number[],
  error: string,
  next: Date | null,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(notifications)
    .set({
      attempts: sql`${notifications.attempts} + 1`,
      lastError: error.slice(0, 512),
      claimedUntil: null,
      ...(next === null ? { state: 'failed' as const } : { nextAttemptAt: next }),
    })
    .where(and(inArray(notifications.id, [...ids]), eq(notifications.state, 'due')));
}

/** Gives claimed notifications back unattempted (a run out of time): due again for the next run at once. */
export async function release(db: Executor, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(notifications)
    .set({ claimedUntil: null })
    .where(and(inArray(notifications.id, [...ids]), eq(notifications.state, 'due')));
}

/** Deletes delivered and abandoned notifications older than `before`, at most `limit`; how many went. */
export async function pruneNotifications(db: Executor, before: Date, limit: number): Promise<number> {
  const [result] = await db
    .delete(notifications)
    .where(
      and(
        or(eq(notifications.state, 'sent'), eq(notifications.state, 'failed')),
        lt(notifications.createdAt, before),
      ),
    )
    .limit(limit);
  return result.affectedRows;
}

/** The statuses with at least one firing alert, with their SLAs, a page by SLA id after `afterId`. */
export async function firingStatuses(
  db: Executor,
  afterId: number,
  limit: number,
): Promise<Array<{ status: SloStatusRow; sla: SlaDefinition }>> {
  const rows = await db
    .select({ status: sloStatus, sla: slas })
    .from(sloStatus)
    .innerJoin(slas, eq(slas.id, sloStatus.slaId))
    .where(and(gt(sloStatus.firing, 0), gt(sloStatus.slaId, afterId)))
    .orderBy(asc(sloStatus.slaId))
    .limit(limit);
  return rows.map(({ status, sla }) => ({ status: toStatusRow(status), sla: toDefinition(sla) }));
}
