import { and, asc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import type { SlaDefinition, SlaMatcher } from '../../contracts/sla.ts';
import type { SlaObjective } from '../../contracts/slo.ts';
import type { Db, Executor } from '../db.ts';
import { isDuplicateKey } from '../errors.ts';
import { slas } from '../sla-schema.ts';

/** SLA data access for the REST API; the only place that reads or writes the `slas` table. */

export interface SlaFields {
  name: string;
  description: string;
  metric: string;
  matchers: SlaMatcher[];
  min: number | null;
  max: number | null;
  forSeconds: number;
  objective: SlaObjective | null;
}

/** Another SLA already has this name (the table's unique key); `holderId` is that SLA, when it still exists. */
export class DuplicateSlaName extends Error {
  override readonly name = 'DuplicateSlaName';
  constructor(
    readonly slaName: string,
    readonly holderId: number | undefined,
  ) {
    super(
      holderId === undefined
        ? `an SLA named ${JSON.stringify(slaName)} already exists`
        : `SLA ${holderId} is already named ${JSON.stringify(slaName)}`,
    );
  }
}

type Row = typeof slas.$inferSelect;

export function toDefinition(r: Row): SlaDefinition {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    metric: r.metric,
    matchers: r.matchers,
    min: r.minValue,
    max: r.maxValue,
    forSeconds: r.forSeconds,
    objective:
      r.objectiveTarget !== null && r.objectiveWindow !== null
        ? { target: r.objectiveTarget, window: r.objectiveWindow }
        : null,
    revision: r.revision,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function columns(f: SlaFields) {
  return {
    name: f.name,
    description: f.description,
    metric: f.metric,
    matchers: f.matchers,
    minValue: f.min,
    maxValue: f.max,
    forSeconds: f.forSeconds,
    objectiveTarget: f.objective?.target ?? null,
    objectiveWindow: f.objective?.window ?? null,
  };
}

export async function createSla(db: Executor, fields: SlaFields, at: Date): Promise<SlaDefinition> {
  try {
    const [result] = await db
      .insert(slas)
      .values({ ...columns(fields), revision: 1, createdAt: at, updatedAt: at });
    const created = await getSla(db, result.insertId);
    if (!created) throw new Error(`SLA ${result.insertId} vanished right after its insert`);
    return created;
  } catch (err) {
    if (isDuplicateKey(err)) throw new DuplicateSlaName(fields.name, await holderOf(db, fields.name));
    throw err;
  }
}

/**
 * The SLA that holds a name. The column compares under utf8mb4_bin (migration 0002), the same exact comparison as
 * the unique key that refused the write, so this finds the real holder rather than a look-alike name.
 */
async function holderOf(db: Executor, name: string): Promise<number | undefined> {
  const rows = await db.select({ id: slas.id }).from(slas).where(eq(slas.name, name)).limit(1);
  return rows[0]?.id;
}

export async function getSla(db: Executor, id: number): Promise<SlaDefinition | undefined> {
  const rows = await db.select().from(slas).where(eq(slas.id, id)).limit(1);
  return rows[0] ? toDefinition(rows[0]) : undefined;
}

/** One page of SLAs by ascending id, after `afterId` (keyset pagination: stable while others insert). */
export async function listSlas(db: Executor, afterId: number, limit: number): Promise<SlaDefinition[]> {
  const rows = await db.select().from(slas).where(gt(slas.id, afterId)).orderBy(asc(slas.id)).limit(limit);
  return rows.map(toDefinition);
}

/** The SLA is at another revision than the writer expected (someone else changed it in between). */
export class StaleRevision extends Error {
  override readonly name = 'StaleRevision';
  constructor(
    readonly id: number,
    readonly current: number,
  ) {
    super(`SLA ${id} is at revision ${current}`);
  }
}

/**
 * Replaces every field of an SLA and bumps its revision; undefined when there is no such SLA. With `expected`,
 * only if the SLA is still at that revision (compare-and-set in the UPDATE itself), else StaleRevision.
 */
export async function replaceSla(
  db: Db,
  id: number,
  fields: SlaFields,
  at: Date,
  expected?: number,
): Promise<SlaDefinition | undefined> {
  try {
    // One transaction: the UPDATE's row lock holds until the re-read, so the answer is this write's revision.
    return await db.transaction(async (tx) => {
      const [result] = await tx
        .update(slas)
        .set({ ...columns(fields), revision: nextRevision(), updatedAt: at })
        .where(atRevision(id, expected));
      if (result.affectedRows === 0) return missingOrStale(tx, id);
      return await getSla(tx, id);
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new DuplicateSlaName(fields.name, await holderOf(db, fields.name));
    throw err;
  }
}

/** Deletes an SLA; false when there is none. With `expected`, only at that revision, else StaleRevision. */
export async function deleteSla(db: Executor, id: number, expected?: number): Promise<boolean> {
  const [result] = await db.delete(slas).where(atRevision(id, expected));
  if (result.affectedRows > 0) return true;
  await missingOrStale(db, id);
  return false;
}

function atRevision(id: number, expected: number | undefined) {
  return expected === undefined ? eq(slas.id, id) : and(eq(slas.id, id), eq(slas.revision, expected));
}

/** After a write that touched no row: undefined if the SLA does not exist, StaleRevision if it does. */
async function missingOrStale(db: Executor, id: number): Promise<undefined> {
  const current = await getSla(db, id);
  if (current) throw new StaleRevision(id, current.revision);
  return undefined;
}

/** revision + 1 in the statement itself, so concurrent updates never hand out the same revision twice. */
function nextRevision() {
  return sql`${slas.revision} + 1`;
}

/** One page of the SLAs that have an objective, by ascending id after `afterId`. */
export async function listSlasWithObjective(
  db: Executor,
  afterId: number,
  limit: number,
): Promise<SlaDefinition[]> {
  const rows = await db
    .select()
    .from(slas)
    .where(and(gt(slas.id, afterId), isNotNull(slas.objectiveTarget)))
    .orderBy(asc(slas.id))
    .limit(limit);
  return rows.map(toDefinition);
}
