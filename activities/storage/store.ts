import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { type Database, inTransaction } from '../../drizzle/db.ts';
import { classifyDbError, type DbErrorInfo } from '../../drizzle/errors.ts';
import { type BatchStored, type BatchWrite, storeBatch } from '../../drizzle/repositories/analysis-store.ts';
import type { DeadLetterReason } from '../../drizzle/schema.ts';
import { batchRetries } from '../../observability/storage-metrics.ts';
import { type BatchSource, deadLetter, type KafkaRecord } from './batch.ts';

export interface StoreContext {
  database: Database;
  txTimeoutMs: number;
  /** Aborted when the drain stops: retry waits and transactions in flight end at once. */
  signal: AbortSignal;
  log: Logger;
}

/** A storage failure that retrying the same transaction cannot fix (see DbErrorKind). */
export class StoreFailed extends Error {
  override readonly name = 'StoreFailed';
  constructor(readonly info: DbErrorInfo) {
    super(`${info.code}: ${info.message}`);
  }
}

const BACKOFF_START_MS = 250;
const BACKOFF_MAX_MS = 10_000;
/** A duplicate key that persists after this many retries is not a race with another consumer but bad data. */
const DUPLICATE_KEY_RETRIES = 3;

/**
 * Retries `work` while the database is unavailable, with capped exponential backoff and no attempt limit: a
 * database outage must stall the drain, not lose or skip a batch. Kafka and Temporal keep being heartbeaten
 * meanwhile by the caller, so the partition stays assigned and the activity alive.
 */
async function withRetry<T>(ctx: StoreContext, work: () => Promise<T>): Promise<T> {
  let attempt = 0;
  let duplicateKeys = 0;
  for (;;) {
    try {
      return await work();
    } catch (err) {
      const info = classifyDbError(err);
      if (
        info.kind === 'transient' &&
        info.code === 'ER_DUP_ENTRY' &&
        ++duplicateKeys > DUPLICATE_KEY_RETRIES
      ) {
        throw new StoreFailed({ ...info, kind: 'data' });
      }
      if (info.kind !== 'transient' || ctx.signal.aborted) throw new StoreFailed(info);
      attempt++;
      batchRetries.inc({ code: info.code });
      const delay = Math.min(BACKOFF_START_MS * 2 ** (attempt - 1), BACKOFF_MAX_MS);
      (attempt === 1 || attempt % 10 === 0 ? ctx.log.warn : ctx.log.debug).call(
        ctx.log,
        { code: info.code, error: info.message, attempt, retryInMs: delay },
        'storing a batch failed; retrying',
      );
      try {
        await sleep(delay, undefined, { signal: ctx.signal });
      } catch {
        throw new StoreFailed({ kind: 'aborted', code: 'ABORTED', message: 'the drain is stopping' });
      }
    }
  }
}

function storeOnce(ctx: StoreContext, batch: BatchWrite): Promise<BatchStored> {
  return withRetry(ctx, () =>
    inTransaction(ctx.database, (tx) => storeBatch(tx, batch), {
      timeoutMs: ctx.txTimeoutMs,
      signal: ctx.signal,
    }),
  );
}

/**
 * Stores a prepared batch and the partition's new offset in one transaction. If the database refuses some value
 * (a `data` error), the batch is stored again record by record, each with its own offset, so the one bad message
 * is found and dead-lettered as UNSTORABLE while every other record is stored.
 */
export async function storeDurably(
  ctx: StoreContext,
  batch: BatchWrite,
  records: ReadonlyMap<number, KafkaRecord>,
  source: BatchSource,
): Promise<BatchStored> {
  try {
    return await storeOnce(ctx, batch);
  } catch (err) {
    if (!(err instanceof StoreFailed) || err.info.kind !== 'data') throw err;
    ctx.log.warn(
      { code: err.info.code, error: err.info.message, partition: batch.partition },
      'the database refused a value; storing the batch record by record to isolate it',
    );
  }
  const units = [
    ...batch.runs.map((run) => ({ offset: run.offset, run, dead: undefined })),
    ...batch.deadLetters.map((dead) => ({ offset: dead.kafkaOffset, run: undefined, dead })),
  ].sort((a, b) => a.offset - b.offset);
  const total: BatchStored = { runs: 0, duplicates: 0, deadLetters: {}, rows: 0 };
  const add = (s: BatchStored) => {
    total.runs += s.runs;
    total.duplicates += s.duplicates;
    total.rows += s.rows;
    for (const [reason, n] of Object.entries(s.deadLetters) as [DeadLetterReason, number][]) {
      total.deadLetters[reason] = (total.deadLetters[reason] ?? 0) + n;
    }
  };
  for (const unit of units) {
    const single: BatchWrite = {
      ...batch,
      nextOffset: unit.offset + 1,
      runs: unit.run ? [unit.run] : [],
      deadLetters: unit.dead ? [unit.dead] : [],
    };
    try {
      add(await storeOnce(ctx, single));
    } catch (err) {
      const record = records.get(unit.offset);
      if (!(err instanceof StoreFailed) || err.info.kind !== 'data' || !unit.run || !record) throw err;
      const refused = deadLetter(record, source, 'UNSTORABLE', `${err.info.code}: ${err.info.message}`);
      add(await storeOnce(ctx, { ...single, runs: [], deadLetters: [refused] }));
    }
  }
  // Records below the stored position were skipped above; the offset still moves past the whole batch.
  add(await storeOnce(ctx, { ...batch, runs: [], deadLetters: [] }));
  return total;
}
