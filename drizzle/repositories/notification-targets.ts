import { asc, eq, gt, sql } from 'drizzle-orm';
import type { NotificationKind } from '../../contracts/notifications.ts';
import type { Executor } from '../db.ts';
import { isDuplicateKey } from '../errors.ts';
import { notificationTargets } from '../sla-schema.ts';

/** Notification targets: the only place that reads or writes `notification_targets`. */

export interface TargetFields {
  name: string;
  kind: NotificationKind;
  url: string;
  /** Webhooks only; write-only. */
  secret: string | null;
  /** null: every SLA with an objective. */
  slaIds: number[] | null;
}

export interface NotificationTarget extends TargetFields {
  id: number;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export class DuplicateTargetName extends Error {
  override readonly name = 'DuplicateTargetName';
  constructor(readonly targetName: string) {
    super(`a notification target named ${JSON.stringify(targetName)} already exists`);
  }
}

export async function createTarget(
  db: Executor,
  fields: TargetFields,
  at: Date,
): Promise<NotificationTarget> {
  try {
    const [result] = await db
      .insert(notificationTargets)
      .values({ ...fields, revision: 1, createdAt: at, updatedAt: at });
    const created = await getTarget(db, result.insertId);
    if (!created) throw new Error(`notification target ${result.insertId} vanished right after its insert`);
    return created;
  } catch (err) {
    if (isDuplicateKey(err)) throw new DuplicateTargetName(fields.name);
    throw err;
  }
}

export async function getTarget(db: Executor, id: number): Promise<NotificationTarget | undefined> {
  const [row] = await db.select().from(notificationTargets).where(eq(notificationTargets.id, id));
  return row;
}

/** One page by ascending id after `afterId`. */
export function listTargets(db: Executor, afterId: number, limit: number): Promise<NotificationTarget[]> {
  return db
    .select()
    .from(notificationTargets)
    .where(gt(notificationTargets.id, afterId))
    .orderBy(asc(notificationTargets.id))
    .limit(limit);
}

/**
 * Replaces a target's fields, bumping its revision; with `keepSecret` the stored secret stays (it is never read
 * back, so a client cannot send it again). Undefined when there is no such target.
 */
export async function replaceTarget(
  db: Executor,
  id: number,
  fields: TargetFields,
  at: Date,
  keepSecret: boolean,
): Promise<NotificationTarget | undefined> {
  const { secret, ...rest } = fields;
  try {
    const [result] = await db
      .update(notificationTargets)
      .set({
        ...rest,
        ...(keepSecret ? {} : { secret }),
        revision: sql`${notificationTargets.revision} + 1`,
        updatedAt: at,
      })
      .where(eq(notificationTargets.id, id));
    if (result.affectedRows === 0) return undefined;
  } catch (err) {
    if (isDuplicateKey(err)) throw new DuplicateTargetName(fields.name);
    throw err;
  }
  return getTarget(db, id);
}

export async function deleteTarget(db: Executor, id: number): Promise<boolean> {
  const [result] = await db.delete(notificationTargets).where(eq(notificationTargets.id, id));
  return result.affectedRows > 0;
}

/** Every target (there are a handful; the notification steps read them whole). */
export function allTargets(db: Executor): Promise<NotificationTarget[]> {
  return db.select().from(notificationTargets).orderBy(asc(notificationTargets.id));
}

/** Whether a target wants the changes of SLA `slaId`. */
export function covers(target: Pick<TargetFields, 'slaIds'>, slaId: number): boolean {
  return target.slaIds === null || target.slaIds.includes(slaId);
}
