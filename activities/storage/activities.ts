import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import { vigilFailure } from '../../contracts/errors.ts';
import type {
  DrainActivityInput,
  DrainSummary,
  RetentionInput,
  RetentionSummary,
} from '../../contracts/storage.ts';
import { type Database, type Executor, inTransaction } from '../../drizzle/db.ts';
import { classifyDbError } from '../../drizzle/errors.ts';
import {
  pruneComponentSeries,
  pruneDeadLettersBefore,
  pruneRunsBefore,
  seriesIdsAfter,
} from '../../drizzle/repositories/retention.ts';
import {
  retentionDeadLettersDeleted,
  retentionDeleted,
  retentionRunsDeleted,
} from '../../observability/storage-metrics.ts';
import { type DrainProgress, type DrainSettings, runDrain } from './drain.ts';
import { StoreFailed } from './store.ts';

export interface StorageDeps {
  database: Database;
  drain: DrainSettings;
  log: Logger;
  /**
   * Aborted when the worker process is shutting down. Temporal cancels activities only after the worker's
   * grace time; the drain should rather hand its partitions over at once.
   */
  shutdown?: AbortSignal;
}

/** Heartbeats go out at least this often (Temporal throttles them to ~80 % of the heartbeat timeout anyway). */
const HEARTBEAT_EVERY_MS = 2000;
const RETENTION_SERIES_PER_STEP = 500;
/** Runs (with their ~30 result rows each) or dead letters deleted per transaction by the age-based retention. */
const RETENTION_ROWS_PER_STEP = 500;

/**
 * Anything thrown by the drain or retention, as the typed failure Temporal should see: a server error about the
 * schema or permissions (e.g. migrations not applied to MYSQL_URL) cannot heal by retrying and is CONFIG_INVALID
 * (the drain workflow pauses and starts over); an unreachable or failing database or Kafka is retryable.
 */
function toFailure(err: unknown): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  if (!(err instanceof StoreFailed) && /^KafkaJS/.test((err as Error)?.name ?? '')) {
    return vigilFailure('KAFKA_UNAVAILABLE', (err as Error).message, err);
  }
  const info = err instanceof StoreFailed ? err.info : classifyDbError(err);
  if (info.kind === 'fatal' && info.code.startsWith('ER_')) {
    return vigilFailure('CONFIG_INVALID', `storage database: ${info.code}: ${info.message}`);
  }
  return vigilFailure('DATABASE_UNAVAILABLE', `storage database: ${info.code}: ${info.message}`);
}

export function createStorageActivities(deps: StorageDeps) {
  return {
    /**
     * Runs one Kafka consumer of the drain until the lease ends (completes), the activity is cancelled (worker
     * shutdown, workflow cancel, or the server timed out its heartbeat: throws CancelledFailure so the attempt
     * is retried) or it fails (typed ApplicationFailure). Heartbeats carry the progress for the Web UI.
     */
    async drainPartitions(input: DrainActivityInput): Promise<DrainSummary> {
      const ctx = Context.current();
      const log = deps.log.child({ slot: input.slot, attempt: ctx.info.attempt });
      let progress: DrainProgress | undefined;
      const beat = setInterval(() => ctx.heartbeat(progress ?? null), HEARTBEAT_EVERY_MS);
      ctx.heartbeat(null);
      log.info({ leaseUntil: new Date(input.leaseUntil).toISOString() }, 'drain starting');
      const shutdown = deps.shutdown ?? new AbortController().signal;
      try {
        const result = await runDrain({
          database: deps.database,
          settings: { ...deps.drain, clientId: `${deps.drain.clientId}-drain-${input.slot}` },
          signal: AbortSignal.any([ctx.cancellationSignal, shutdown]),
          until: input.leaseUntil,
          log,
          onProgress: (p) => {
            progress = p;
          },
        });
        // Stopped by cancellation rather than by the lease: confirm the cancellation.
        if (ctx.cancellationSignal.aborted) await ctx.cancelled;
        const { positions, ...counts } = result;
        if (!shutdown.aborted) {
          log.info({ ...counts, positions }, 'drain lease ended');
          return { slot: input.slot, ...counts };
        }
        log.info({ ...counts, positions }, 'drain stopped for the worker shutdown');
      } catch (err) {
        if (ctx.cancellationSignal.aborted) await ctx.cancelled;
        if (shutdown.aborted)
          log.warn({ error: (err as Error).message }, 'drain stopped for the worker shutdown');
        else {
          const failure = toFailure(err);
          log.error({ type: failure.type, error: failure.message }, 'drain failed');
          throw failure;
        }
      } finally {
        clearInterval(beat);
      }
      // Fail the attempt rather than complete it, so the retry runs at once on a worker that stays.
      throw vigilFailure('WORKER_SHUTDOWN', 'the storage worker is shutting down');
    },

    /**
     * One retention pass: component series beyond the latest runs of each series, then runs and dead letters
     * older than their maximum age (cutoffs taken once, at the start of the pass). The heartbeat carries the
     * progress, so a retried attempt continues where the previous one stopped.
     */
    async enforceRetention(input: RetentionInput): Promise<RetentionSummary> {
      const ctx = Context.current();
      const resumed = ctx.info.heartbeatDetails as RetentionProgress | undefined;
      const state: RetentionProgress = resumed ?? {
        cursor: 0,
        startedAt: Date.now(),
        seriesScanned: 0,
        componentRowsDeleted: 0,
        runsDeleted: 0,
        deadLettersDeleted: 0,
      };
      const tx = { timeoutMs: deps.drain.txTimeoutMs, signal: ctx.cancellationSignal };
      try {
        for (;;) {
          ctx.cancellationSignal.throwIfAborted();
          const ids = await seriesIdsAfter(deps.database.db, state.cursor, RETENTION_SERIES_PER_STEP);
          if (ids.length === 0) break;
          const deleted = await pruneComponentSeries(
            deps.database.db,
            { fromId: ids[0]!, toId: ids.at(-1)! },
            input.componentRunsKept,
          );
          retentionDeleted.inc(deleted);
          state.cursor = ids.at(-1)!;
          state.seriesScanned += ids.length;
          state.componentRowsDeleted += deleted;
          ctx.heartbeat(state);
        }
        // By age: bounded batches, each its own short transaction, until a batch comes back short.
        const byAge = async (
          maxAgeMs: number | undefined,
          prune: (tx: Executor, cutoff: Date, limit: number) => Promise<number>,
          counter: Counter,
          field: 'runsDeleted' | 'deadLettersDeleted',
        ) => {
          if (!maxAgeMs) return;
          const cutoff = new Date(state.startedAt - maxAgeMs);
          for (let n = RETENTION_ROWS_PER_STEP; n === RETENTION_ROWS_PER_STEP; ) {
            n = await inTransaction(deps.database, (t) => prune(t, cutoff, RETENTION_ROWS_PER_STEP), tx);
            counter.inc(n);
            state[field] += n;
            ctx.heartbeat(state);
          }
        };
        await byAge(input.runMaxAgeMs, pruneRunsBefore, retentionRunsDeleted, 'runsDeleted');
        await byAge(
          input.deadLetterMaxAgeMs,
          pruneDeadLettersBefore,
          retentionDeadLettersDeleted,
          'deadLettersDeleted',
        );
      } catch (err) {
        if (ctx.cancellationSignal.aborted) await ctx.cancelled;
        throw toFailure(err);
      }
      const { cursor: _cursor, startedAt: _startedAt, ...summary } = state;
      deps.log.info({ ...summary, input }, 'retention enforced');
      return summary;
    },
  };
}

interface RetentionProgress extends RetentionSummary {
  /** The last series id whose component series are done. */
  cursor: number;
  /** When the pass began (epoch ms): the age cutoffs are taken from it, so a retried attempt uses the same ones. */
  startedAt: number;
}

export type StorageActivities = ReturnType<typeof createStorageActivities>;
