import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Consumer, type EachBatchPayload, Kafka, type LogEntry, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import type { DrainCounts } from '../../contracts/storage.ts';
import { type Database, inTransaction } from '../../drizzle/db.ts';
import { classifyDbError } from '../../drizzle/errors.ts';
import { readOffsets } from '../../drizzle/repositories/analysis-store.ts';
import {
  batchDuration,
  consumerLag,
  deadLettersStored,
  messagesConsumed,
  rowsStored,
} from '../../observability/storage-metrics.ts';
import { type KafkaRecord, prepareBatch } from './batch.ts';
import { StoreFailed, storeDurably } from './store.ts';

/** How long a stopping drain waits for its Kafka consumer to leave the group (see the `finally` below). */
const DISCONNECT_WAIT_MS = 5_000;

/**
 * The drain: a kafkajs consumer (eachBatch, auto-commit off) that stores each batch in one database transaction
 * together with the partition's next offset. The database's offsets are the truth: on every assignment the
 * consumer seeks to them, and a batch that starts elsewhere is rewound or trimmed, so a crash between the
 * COMMIT and anything after it (Kafka commit, resolveOffset) repeats no write and skips no record. Kafka's
 * committed offsets are still updated after each batch, as a hint for lag tooling and the next assignment.
 *
 * No Temporal in here: the activity (activities.ts) wraps it with heartbeats, the benchmark runs it bare.
 */
export interface DrainSettings {
  brokers: string[];
  clientId: string;
  topic: string;
  groupId: string;
  sessionTimeoutMs: number;
  txTimeoutMs: number;
  /** Partitions one consumer stores at the same time (each its own transaction and connection). */
  partitionsConcurrently: number;
}

export interface DrainProgress extends DrainCounts {
  /** Next offset per partition this consumer stored, as of its latest batch. */
  positions: Record<string, number>;
}

export interface DrainOptions {
  database: Database;
  settings: DrainSettings;
  /** Stops the drain (the batch in flight is abandoned uncommitted; whoever owns the partition next redoes it). */
  signal: AbortSignal;
  /** Epoch ms at which to stop on its own (the workflow's lease); omitted: run until aborted. */
  until?: number;
  log: Logger;
  onProgress?: (progress: DrainProgress) => void;
}

/**
 * Fetch sizes (compressed bytes): a realistic message is ~46 KB gzipped as v2 (~57 KB as v1), so a batch carries
 * up to ~180 messages per partition.
 */
const MAX_BYTES_PER_PARTITION = 8 * 1024 * 1024;
const MAX_BYTES = 32 * 1024 * 1024;

export class DrainStopped extends Error {
  override readonly name = 'DrainStopped';
}

export async function runDrain(options: DrainOptions): Promise<DrainProgress> {
  const { settings, log } = options;
  const progress: DrainProgress = {
    batches: 0,
    records: 0,
    runs: 0,
    duplicates: 0,
    deadLetters: 0,
    rows: 0,
    positions: {},
  };
  const stopping = new AbortController();
  const stop = () => stopping.abort();
  options.signal.addEventListener('abort', stop, { once: true });
  const lease =
    options.until === undefined ? undefined : setTimeout(stop, Math.max(0, options.until - Date.now()));
  let failure: Error | undefined;
  const fail = (err: Error) => {
    failure ??= err;
    stop();
  };

  const kafka = new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => kafkaLog(log, entry),
    retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 10_000 },
  });
  const consumer = kafka.consumer({
    groupId: settings.groupId,
    sessionTimeout: settings.sessionTimeoutMs,
    heartbeatInterval: Math.max(500, Math.floor(settings.sessionTimeoutMs / 5)),
    maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
    maxBytes: MAX_BYTES,
    allowAutoTopicCreation: false,
  });
  const positions = new PositionBook(options, consumer);

  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const assigned = payload.memberAssignment[settings.topic] ?? [];
    log.info({ partitions: assigned, memberId: payload.memberId }, 'partitions assigned');
    positions.assign(assigned, stopping.signal);
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) fail(payload.error);
    else log.warn({ error: payload.error.message }, 'Kafka consumer crashed; kafkajs restarts it');
  });

  const handleBatch = async (payload: EachBatchPayload) => {
    try {
      await storeKafkaBatch(payload, { options, consumer, positions, progress, signal: stopping.signal });
    } catch (err) {
      if (stopping.signal.aborted) return;
      if (err instanceof StoreFailed && err.info.kind === 'aborted') return;
      fail(err as Error);
    }
  };

  try {
    await consumer.connect();
    await consumer.subscribe({ topic: settings.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: settings.partitionsConcurrently,
      eachBatch: handleBatch,
    });
    if (!stopping.signal.aborted) await once(stopping.signal, 'abort');
  } finally {
    clearTimeout(lease);
    options.signal.removeEventListener('abort', stop);
    stop();
    // Waits for the batch in flight, which ends promptly: its transaction is aborted by `stopping`. A consumer
    // caught in a group rebalance can hold disconnect() for the whole rebalance timeout; past DISCONNECT_WAIT_MS
    // it is left behind: nothing depends on it, since offsets live in the database and an unfinished transaction
    // rolls back, and the broker drops the member after its session timeout.
    const disconnected = consumer
      .disconnect()
      .catch((err: Error) => log.warn({ error: err.message }, 'Kafka disconnect failed'));
    const waited = await Promise.race([
      disconnected.then(() => true),
      sleep(DISCONNECT_WAIT_MS, false, { ref: false }),
    ]);
    if (!waited) log.warn({ waitedMs: DISCONNECT_WAIT_MS }, 'Kafka consumer still rebalancing; left behind');
  }
  if (failure) throw failure;
  return progress;
}

/**
 * Where each assigned partition stands in the database. Loaded on every assignment (and the consumer sought
 * there); consulted by every batch, since a fetch may have started from Kafka's committed offset before the seek.
 */
class PositionBook {
  private next = new Map<number, number | null>();
  private rewound = new Set<number>();
  private ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: DrainOptions,
    private readonly consumer: Consumer,
  ) {}

  assign(partitions: number[], signal: AbortSignal): void {
    const { settings } = this.options;
    this.next = new Map();
    this.rewound = new Set();
    this.ready = (async () => {
      const stored = await readStoredOffsets(this.options, signal);
      for (const p of partitions) {
        const offset = stored.get(p) ?? null;
        this.next.set(p, offset);
        if (offset !== null)
          this.consumer.seek({ topic: settings.topic, partition: p, offset: String(offset) });
      }
    })();
    // Awaited by every batch; a failure here (drain stopping) must not surface as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  /** The stored next offset of `partition`, or null if this group never stored one (start where Kafka says). */
  async position(partition: number, signal: AbortSignal): Promise<number | null> {
    await this.ready.catch(() => undefined);
    if (!this.next.has(partition)) {
      const stored = await readStoredOffsets(this.options, signal);
      this.next.set(partition, stored.get(partition) ?? null);
    }
    return this.next.get(partition) ?? null;
  }

  advance(partition: number, next: number): void {
    this.next.set(partition, next);
  }

  /** True the first time a partition's batch starts past the stored position: seek back once. */
  shouldRewind(partition: number): boolean {
    if (this.rewound.has(partition)) return false;
    this.rewound.add(partition);
    return true;
  }
}

interface BatchContext {
  options: DrainOptions;
  consumer: Consumer;
  positions: PositionBook;
  progress: DrainProgress;
  signal: AbortSignal;
}

async function storeKafkaBatch(payload: EachBatchPayload, ctx: BatchContext): Promise<void> {
  const { batch, heartbeat, isRunning, isStale, resolveOffset } = payload;
  const { options, consumer, positions, progress, signal } = ctx;
  const { settings, log } = options;
  if (!isRunning() || isStale() || batch.messages.length === 0) return;
  const started = performance.now();
  const partition = batch.partition;
  const stored = await positions.position(partition, signal);
  // A seek issued after this batch was fetched makes it stale: the next fetch starts at the stored position.
  if (isStale()) return;
  const first = Number(batch.messages[0]!.offset);
  const last = batch.messages.at(-1)!;
  const nextOffset = Number(last.offset) + 1;

  if (stored !== null && first > stored) {
    if (positions.shouldRewind(partition)) {
      log.info({ partition, from: first, to: stored }, 'batch starts past the stored offset; rewinding');
      consumer.seek({ topic: settings.topic, partition, offset: String(stored) });
      return;
    }
    // Sought back and still past it: Kafka's retention deleted those records before they were stored.
    log.error({ partition, from: stored, to: first }, 'records no longer in Kafka were never stored');
  }
  const pending = stored === null ? batch.messages : batch.messages.filter((m) => Number(m.offset) >= stored);
  const records = new Map<number, KafkaRecord>(pending.map((m) => [Number(m.offset), m]));
  const source = {
    topic: settings.topic,
    partition,
    consumerGroup: settings.groupId,
    receivedAt: new Date(),
  };
  const prepared = prepareBatch(pending, source);

  // Keeps the group membership alive while a transaction waits on a slow or stopped database.
  const keepAlive = setInterval(
    () => void heartbeat().catch(() => undefined),
    Math.max(500, Math.floor(settings.sessionTimeoutMs / 5)),
  );
  let result: Awaited<ReturnType<typeof storeDurably>>;
  try {
    result = await storeDurably(
      { database: options.database, txTimeoutMs: settings.txTimeoutMs, signal, log },
      {
        consumerGroup: settings.groupId,
        topic: settings.topic,
        partition,
        nextOffset,
        runs: prepared.runs,
        deadLetters: prepared.deadLetters,
        at: source.receivedAt,
      },
      records,
      source,
    );
  } finally {
    clearInterval(keepAlive);
  }

  positions.advance(partition, nextOffset);
  resolveOffset(last.offset);
  // Records below the stored position were stored before (a redelivery after a crash or rebalance).
  const duplicates = result.duplicates + (batch.messages.length - pending.length);
  const deadLettered = Object.values(result.deadLetters).reduce((a, b) => a + b, 0);
  progress.batches++;
  progress.records += batch.messages.length;
  progress.runs += result.runs;
  progress.duplicates += duplicates;
  progress.deadLetters += deadLettered;
  progress.rows += result.rows;
  progress.positions[String(partition)] = nextOffset;
  messagesConsumed.inc({ outcome: 'stored' }, result.runs);
  messagesConsumed.inc({ outcome: 'duplicate' }, duplicates);
  messagesConsumed.inc({ outcome: 'dead_lettered' }, deadLettered);
  for (const [reason, n] of Object.entries(result.deadLetters)) deadLettersStored.inc({ reason }, n);
  rowsStored.inc(result.rows);
  batchDuration.observe((performance.now() - started) / 1000);
  consumerLag.set({ topic: settings.topic, partition: String(partition) }, Number(batch.offsetLag()));
  if (deadLettered > 0) {
    log.warn(
      {
        partition,
        deadLetters: prepared.deadLetters.map((d) => ({
          offset: d.kafkaOffset,
          reason: d.reason,
          detail: d.detail,
        })),
      },
      'dead-lettered records',
    );
  }
  options.onProgress?.(progress);

  // Best effort: the database already holds this position; Kafka's copy only helps tooling and the next join.
  try {
    await consumer.commitOffsets([{ topic: settings.topic, partition, offset: String(nextOffset) }]);
    await heartbeat();
  } catch (err) {
    log.debug({ error: (err as Error).message }, 'Kafka commit or heartbeat after a batch failed');
  }
}

/**
 * The group's stored offsets for the topic, retried like a batch while the database is away (bounded by the
 * transaction timeout each time, so a hung server cannot stall the consumer past a stop request).
 */
async function readStoredOffsets(options: DrainOptions, signal: AbortSignal): Promise<Map<number, number>> {
  const { database, settings, log } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(database, (tx) => readOffsets(tx, settings.groupId, settings.topic), {
        timeoutMs: settings.txTimeoutMs,
        signal,
      });
    } catch (err) {
      if (signal.aborted) throw new DrainStopped('the drain is stopping');
      const info = classifyDbError(err);
      if (info.kind !== 'transient') throw new StoreFailed(info);
      if (attempt === 1)
        log.warn({ code: info.code, error: info.message }, 'reading stored offsets failed; retrying');
      await sleep(Math.min(250 * 2 ** attempt, 10_000), undefined, { signal }).catch(() => undefined);
    }
  }
}

function kafkaLog(log: Logger, { level, log: entry }: LogEntry): void {
  const { message, ...rest } = entry;
  const fields = { kafka: { logger: entry.logger ?? rest.namespace, error: rest.error } };
  // kafkajs reports every routine rebalance as an error; it is how consumers join and leave.
  const rebalance = /rebalanc/i.test(String(rest.error ?? ''));
  if (level <= logLevel.ERROR && !rebalance) log.error(fields, `kafkajs: ${message}`);
  else if (level <= logLevel.WARN && !rebalance) log.warn(fields, `kafkajs: ${message}`);
  else log.debug(fields, `kafkajs: ${message}`);
}
