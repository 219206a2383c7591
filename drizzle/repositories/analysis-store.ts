import { and, eq, inArray, sql } from 'drizzle-orm';
import { chunk } from '../codec.ts';
import type { Executor } from '../db.ts';
import type { MappedRun } from '../mapping.ts';
import {
  acfValues,
  adfResults,
  aggregates,
  analysisErrors,
  analysisRuns,
  componentSeries,
  consumedOffsets,
  type DeadLetterReason,
  deadLetters,
  decompositions,
  forecastPoints,
  hpResults,
  series,
} from '../schema.ts';

/**
 * The drain's write path: one Kafka batch, stored in the caller's transaction together with the partition's
 * new offset. Every table gets one multi-row statement per chunk, never a statement per row; every write is
 * idempotent by its natural key, so a batch stored twice (a retry after an unknown COMMIT, two consumers
 * overlapping during a rebalance) leaves the same rows as storing it once.
 */

export type DeadLetterRow = Omit<typeof deadLetters.$inferInsert, 'id'>;

export interface BatchWrite {
  consumerGroup: string;
  topic: string;
  partition: number;
  /** The partition's next offset once this batch is stored: the last record's offset + 1. */
  nextOffset: number;
  runs: readonly MappedRun[];
  deadLetters: readonly DeadLetterRow[];
  at: Date;
}

export interface BatchStored {
  /** Runs written by this call. */
  runs: number;
  /** Messages whose id was already stored (or repeated within the batch). */
  duplicates: number;
  /** Dead-letter rows written by this call, by reason (a re-read record is not counted twice). */
  deadLetters: Partial<Record<DeadLetterReason, number>>;
  /** Rows written to result tables (runs and their children, dead letters). */
  rows: number;
}

/** Rows per statement: big enough to amortise the round trip, small enough to keep statements cheap to parse. */
const ROWS_PER_STATEMENT = 1000;
const KEYS_PER_LOOKUP = 1000;
/**
 * Bytes of blob per statement. mysql2 sends parameters inline, blobs as hex (2 bytes per byte), and MariaDB's
 * default max_allowed_packet is 16 MiB.
 */
const BLOB_BYTES_PER_STATEMENT = 4 * 1024 * 1024;

export async function storeBatch(tx: Executor, batch: BatchWrite): Promise<BatchStored> {
  const unique = [...new Map(batch.runs.map((r) => [r.run.messageHash, r] as const)).values()];
  const stored = await existingMessageHashes(
    tx,
    unique.map((r) => r.run.messageHash),
  );
  // Sorted by key, so concurrent transactions lock catalog and run keys in the same order.
  const fresh = unique
    .filter((r) => !stored.has(r.run.messageHash))
    .sort((a, b) => (a.run.messageHash < b.run.messageHash ? -1 : 1));

  let rows = 0;
  if (fresh.length > 0) rows += await insertRuns(tx, fresh);
  const deadLettered = await insertDeadLetters(tx, batch);
  rows += deadLettered.length;
  await advanceOffset(tx, batch);
  return {
    runs: fresh.length,
    duplicates: batch.runs.length - fresh.length,
    deadLetters: countBy(deadLettered, (d) => d.reason),
    rows,
  };
}

async function existingMessageHashes(tx: Executor, hashes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunk(hashes, KEYS_PER_LOOKUP)) {
    const rows = await tx
      .select({ hash: analysisRuns.messageHash })
      .from(analysisRuns)
      .where(inArray(analysisRuns.messageHash, part));
    for (const r of rows) found.add(r.hash);
  }
  return found;
}

async function upsertSeries(tx: Executor, runs: readonly MappedRun[]): Promise<Map<string, number>> {
  const byHash = new Map<string, MappedRun['series']>();
  for (const r of runs) {
    const known = byHash.get(r.series.keyHash);
    if (!known) byHash.set(r.series.keyHash, { ...r.series });
    else {
      if (r.series.firstSeenAt < known.firstSeenAt) known.firstSeenAt = r.series.firstSeenAt;
      if (r.series.lastSeenAt > known.lastSeenAt) known.lastSeenAt = r.series.lastSeenAt;
    }
  }
  const rows = [...byHash.values()].sort((a, b) => (a.keyHash < b.keyHash ? -1 : 1));
  for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
    await tx
      .insert(series)
      .values(part)
      .onDuplicateKeyUpdate({
        set: {
          firstSeenAt: sql`least(${series.firstSeenAt}, values(${series.firstSeenAt}))`,
          lastSeenAt: sql`greatest(${series.lastSeenAt}, values(${series.lastSeenAt}))`,
        },
      });
  }
  const ids = new Map<string, number>();
  for (const part of chunk([...byHash.keys()], KEYS_PER_LOOKUP)) {
    const found = await tx
      .select({ id: series.id, hash: series.keyHash })
      .from(series)
      .where(inArray(series.keyHash, part));
    for (const r of found) ids.set(r.hash, r.id);
  }
  return ids;
}

async function insertRuns(tx: Executor, fresh: readonly MappedRun[]): Promise<number> {
  const seriesIds = await upsertSeries(tx, fresh);
  const runRows = fresh.map((r) => ({ ...r.run, seriesId: mustGet(seriesIds, r.series.keyHash, 'series') }));
  for (const part of chunk(runRows, ROWS_PER_STATEMENT)) await tx.insert(analysisRuns).values(part);

  // Generated ids are read back by natural key: multi-row AUTO_INCREMENT values are only consecutive under
  // innodb_autoinc_lock_mode 0/1, and MySQL 8 defaults to 2.
  const runIds = new Map<string, number>();
  for (const part of chunk(
    fresh.map((r) => r.run.messageHash),
    KEYS_PER_LOOKUP,
  )) {
    const found = await tx
      .select({ id: analysisRuns.id, hash: analysisRuns.messageHash })
      .from(analysisRuns)
      .where(inArray(analysisRuns.messageHash, part));
    for (const r of found) runIds.set(r.hash, r.id);
  }

  const adf: (typeof adfResults.$inferInsert)[] = [];
  const hp: (typeof hpResults.$inferInsert)[] = [];
  const dec: (typeof decompositions.$inferInsert)[] = [];
  const comps: (typeof componentSeries.$inferInsert)[] = [];
  const acf: (typeof acfValues.$inferInsert)[] = [];
  const aggs: (typeof aggregates.$inferInsert)[] = [];
  const fc: (typeof forecastPoints.$inferInsert)[] = [];
  const errs: (typeof analysisErrors.$inferInsert)[] = [];
  for (const r of fresh) {
    const runId = mustGet(runIds, r.run.messageHash, 'run');
    const seriesId = mustGet(seriesIds, r.series.keyHash, 'series');
    if (r.adf) adf.push({ ...r.adf, runId });
    if (r.hp) hp.push({ ...r.hp, runId });
    if (r.decomposition) dec.push({ ...r.decomposition, runId });
    for (const c of r.components) comps.push({ ...c, runId, seriesId, windowEnd: r.run.windowEnd });
    for (const a of r.acf) acf.push({ ...a, runId });
    for (const a of r.aggregates) aggs.push({ ...a, runId });
    for (const f of r.forecast) fc.push({ ...f, runId });
    for (const e of r.errors) errs.push({ ...e, runId });
  }
  for (const part of chunk(adf, ROWS_PER_STATEMENT)) await tx.insert(adfResults).values(part);
  for (const part of chunk(hp, ROWS_PER_STATEMENT)) await tx.insert(hpResults).values(part);
  for (const part of chunk(dec, ROWS_PER_STATEMENT)) await tx.insert(decompositions).values(part);
  for (const part of chunk(comps, ROWS_PER_STATEMENT, BLOB_BYTES_PER_STATEMENT, (c) => c.data.length)) {
    await tx.insert(componentSeries).values(part);
  }
  for (const part of chunk(acf, ROWS_PER_STATEMENT)) await tx.insert(acfValues).values(part);
  for (const part of chunk(aggs, ROWS_PER_STATEMENT)) await tx.insert(aggregates).values(part);
  for (const part of chunk(fc, ROWS_PER_STATEMENT)) await tx.insert(forecastPoints).values(part);
  for (const part of chunk(errs, ROWS_PER_STATEMENT)) await tx.insert(analysisErrors).values(part);
  return (
    fresh.length +
    adf.length +
    hp.length +
    dec.length +
    comps.length +
    acf.length +
    aggs.length +
    fc.length +
    errs.length
  );
}

async function insertDeadLetters(tx: Executor, batch: BatchWrite): Promise<DeadLetterRow[]> {
  if (batch.deadLetters.length === 0) return [];
  // A record re-read after a crash is already dead-lettered: the first row stays, and is not counted again.
  const known = new Set<number>();
  for (const part of chunk(
    batch.deadLetters.map((d) => d.kafkaOffset),
    KEYS_PER_LOOKUP,
  )) {
    const rows = await tx
      .select({ offset: deadLetters.kafkaOffset })
      .from(deadLetters)
      .where(
        and(
          eq(deadLetters.topic, batch.topic),
          eq(deadLetters.kafkaPartition, batch.partition),
          inArray(deadLetters.kafkaOffset, part),
        ),
      );
    for (const r of rows) known.add(r.offset);
  }
  const fresh = batch.deadLetters.filter((d) => !known.has(d.kafkaOffset));
  const size = (r: DeadLetterRow) => (r.payload?.length ?? 0) + (r.recordKey?.length ?? 0) + r.detail.length;
  for (const part of chunk(fresh, ROWS_PER_STATEMENT, BLOB_BYTES_PER_STATEMENT, size)) {
    // Still an upsert: a concurrent consumer may have written the same position since the lookup.
    await tx
      .insert(deadLetters)
      .values(part)
      .onDuplicateKeyUpdate({ set: { id: sql`${deadLetters.id}` } });
  }
  return fresh;
}

function countBy<T, K extends string>(items: readonly T[], key: (item: T) => K): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

/** Offsets only move forward: a consumer that lost the partition and finishes late cannot rewind it. */
async function advanceOffset(tx: Executor, batch: BatchWrite): Promise<void> {
  await tx
    .insert(consumedOffsets)
    .values({
      consumerGroup: batch.consumerGroup,
      topic: batch.topic,
      kafkaPartition: batch.partition,
      nextOffset: batch.nextOffset,
      updatedAt: batch.at,
    })
    .onDuplicateKeyUpdate({
      set: {
        nextOffset: sql`greatest(${consumedOffsets.nextOffset}, values(${consumedOffsets.nextOffset}))`,
        updatedAt: sql`values(${consumedOffsets.updatedAt})`,
      },
    });
}

/** The stored position of every partition of `topic` this group has consumed. */
export async function readOffsets(
  db: Executor,
  consumerGroup: string,
  topic: string,
): Promise<Map<number, number>> {
  const rows = await db
    .select({ partition: consumedOffsets.kafkaPartition, next: consumedOffsets.nextOffset })
    .from(consumedOffsets)
    .where(and(eq(consumedOffsets.consumerGroup, consumerGroup), eq(consumedOffsets.topic, topic)));
  return new Map(rows.map((r) => [r.partition, r.next]));
}

function mustGet<K, V>(map: Map<K, V>, key: K, what: string): V {
  const v = map.get(key);
  if (v === undefined) throw new Error(`${what} ${String(key)} vanished inside its own transaction`);
  return v;
}
