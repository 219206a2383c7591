import { and, asc, eq, gt, isNotNull, or, sql } from 'drizzle-orm';
import type { SlaDefinition } from '../../contracts/sla.ts';
import type { AlertStatus, BudgetReport } from '../../contracts/slo.ts';
import type { Executor } from '../db.ts';
import { slas, sloStatus } from '../sla-schema.ts';
import { getSla, toDefinition } from './slas.ts';

/** Each objective's latest evaluation (`slo_status`): the only place that reads or writes it. */

export interface SloStatusRow {
  slaId: number;
  fingerprint: string;
  at: Date;
  report: BudgetReport;
  alerts: Record<string, AlertStatus>;
}

/** Where an objective without a budget yet (no events) sorts: after every real percentage. */
export const NO_BUDGET = 1e300;

export async function readSloStatus(db: Executor, slaId: number): Promise<SloStatusRow | undefined> {
  const [row] = await db
    .select({
      slaId: sloStatus.slaId,
      fingerprint: sloStatus.fingerprint,
      at: sloStatus.at,
      report: sloStatus.report,
      alerts: sloStatus.alerts,
    })
    .from(sloStatus)
    .where(eq(sloStatus.slaId, slaId));
  return row;
}

/**
 * An SLA and its stored objective evaluation, read together: what every single-objective read (REST and gRPC)
 * starts from before sla/slo-readiness.ts decides whether the evaluation answers for the SLA.
 */
export async function readSlaWithSloStatus(
  db: Executor,
  slaId: number,
): Promise<{ sla: SlaDefinition | undefined; status: SloStatusRow | undefined }> {
  const [sla, status] = await Promise.all([getSla(db, slaId), readSloStatus(db, slaId)]);
  return { sla, status };
}

/** Replaces the SLA's status (an upsert on its id: a repeated run writes the same row again). */
export async function writeSloStatus(db: Executor, row: SloStatusRow, now: Date): Promise<void> {
  const values = {
    ...row,
    sortRemaining: row.report.budget.remainingPercent ?? NO_BUDGET,
    firing: Object.values(row.alerts).filter((a) => a.state === 'firing').length,
    updatedAt: now,
  };
  await db
    .insert(sloStatus)
    .values(values)
    .onDuplicateKeyUpdate({
      set: {
        fingerprint: sql`values(${sloStatus.fingerprint})`,
        at: sql`values(${sloStatus.at})`,
        sortRemaining: sql`values(${sloStatus.sortRemaining})`,
        report: sql`values(${sloStatus.report})`,
        alerts: sql`values(${sloStatus.alerts})`,
        firing: sql`values(${sloStatus.firing})`,
        updatedAt: sql`values(${sloStatus.updatedAt})`,
      },
    });
}

export async function deleteSloStatus(db: Executor, slaId: number): Promise<void> {
  await db.delete(sloStatus).where(eq(sloStatus.slaId, slaId));
}

export interface SloListItem {
  status: SloStatusRow;
  sla: SlaDefinition;
  sortRemaining: number;
}

/** Where a page of the list by remaining budget ends: the last item's sort key. */
export interface RemainingCursor {
  sortRemaining: number;
  slaId: number;
}

/**
 * Objectives by remaining budget, least first (ties by SLA id), `limit` after `after`: one scan of the index on
 * (sort_remaining, sla_id), each with its SLA as it is now. SLAs whose objective was removed are left out (their
 * status goes with the next run); whether a status is of the SLA's current selector and bounds is the caller's
 * to tell (sla/fingerprint.ts).
 */
export async function listByRemaining(
  db: Executor,
  after: RemainingCursor | undefined,
  limit: number,
): Promise<SloListItem[]> {
  const rows = await db
    .select({ status: sloStatus, sla: slas })
    .from(sloStatus)
    .innerJoin(slas, eq(slas.id, sloStatus.slaId))
    .where(
      and(
        isNotNull(slas.objectiveTarget),
        after
          ? or(
              gt(sloStatus.sortRemaining, after.sortRemaining),
              and(eq(sloStatus.sortRemaining, after.sortRemaining), gt(sloStatus.slaId, after.slaId)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(sloStatus.sortRemaining), asc(sloStatus.slaId))
    .limit(limit);
  return rows.map(({ status, sla }) => ({
    status: toStatusRow(status),
    sla: toDefinition(sla),
    sortRemaining: status.sortRemaining,
  }));
}

/** A `slo_status` row as repositories hand it out (without the columns only the indexes use). */
export function toStatusRow(row: typeof sloStatus.$inferSelect): SloStatusRow {
  return {
    slaId: row.slaId,
    fingerprint: row.fingerprint,
    at: row.at,
    report: row.report,
    alerts: row.alerts,
  };
}
