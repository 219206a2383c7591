/**
 * `npm run bench:drain [-- --messages 2000 --consumers 2 --baseline 200]`: throughput of the storage drain into
 * MariaDB with realistic messages (1,440-point series analysed by the real engine, ~150 KB of JSON each), and in
 * the same run the row-by-row baseline on the same rows.
 *
 * Runs against the test stack only, whose data is thrown away by every `npm test`:
 *   VIGIL_PROFILE=test bash scripts/stack.sh up
 *   eval "$(VIGIL_PROFILE=test bash scripts/stack.sh env)"; VIGIL_PROFILE=test npm run bench:drain
 *
 * Figures:
 * - end-to-end drain: Kafka → decode → map → MariaDB with the drain's own code (runDrain, as the worker runs it),
 *   from the first stored batch to the last (group join excluded, shown apart);
 * - DB write path: the same prepared batches stored by the drain's batched transaction and by one INSERT per
 *   row in the same transactions; their ratio is the batching gain.
 * Target (issue 5): 10,000 series per 5-minute cycle (33.3 messages/s) with room to spare, ≥ 10× row-by-row.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { prepareBatch } from '../activities/storage/batch.ts';
import { runDrain } from '../activities/storage/drain.ts';
import { storeDurably } from '../activities/storage/store.ts';
import { config } from '../config/index.ts';
import { type Database, inTransaction, openDatabase } from '../drizzle/db.ts';
import { applyMigrations } from '../drizzle/migrate.ts';
import { cycleMessages, toRecord } from '../test/support/analysis-messages.ts';
import { createTopic, kafkaFor, publish } from '../test/support/storage.ts';
import { storeRowByRow } from './row-by-row.ts';

const TARGET_MESSAGES_PER_SECOND = 10_000 / 300;
const MESSAGES_PER_TRANSACTION = 50;

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '2000' },
    consumers: { type: 'string', default: '2' },
    baseline: { type: 'string', default: '200' },
  },
});
const M = Number(args.messages);
const CONSUMERS = Number(args.consumers);
const BASELINE = Number(args.baseline);

if (process.env.VIGIL_PROFILE !== 'test') {
  process.stderr.write(
    'bench:drain writes into the database: run it against the test stack (VIGIL_PROFILE=test)\n',
  );
  process.exit(2);
}
const env = config();
const log = pino({ level: 'warn' });
const tag = `bench-${Date.now().toString(36)}`;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

async function endToEnd(database: Database) {
  const kafka = kafkaFor(env);
  const topic = `${tag}-drain`;
  await createTopic(kafka, topic, 6);
  const messages = cycleMessages({
    cycleId: `${tag}-e2e`,
    count: M,
    windowEnd: new Date(),
    labels: { bench: tag },
  });
  const records = messages.map(toRecord);
  const bytes = records.reduce((a, r) => a + r.value.length, 0);
  const t = performance.now();
  await publish(kafka, topic, records);
  const publishSeconds = (performance.now() - t) / 1000;

  const stop = new AbortController();
  const totals = new Map<number, { records: number; rows: number }>();
  let firstBatchAt = 0;
  let firstBatchRecords = 0;
  let lastBatchAt = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONSUMERS }, (_, slot) =>
      runDrain({
        database,
        settings: {
          brokers: env.KAFKA_BROKERS,
          clientId: `${tag}-${slot}`,
          topic,
          groupId: tag,
          sessionTimeoutMs: 10_000,
          txTimeoutMs: 60_000,
          partitionsConcurrently: 2,
        },
        signal: stop.signal,
        log,
        onProgress: (p) => {
          const now = performance.now();
          totals.set(slot, { records: p.records, rows: p.rows });
          const done = [...totals.values()].reduce((a, x) => a + x.records, 0);
          if (!firstBatchAt) {
            firstBatchAt = now;
            firstBatchRecords = done;
          }
          lastBatchAt = now;
          if (done >= M) stop.abort();
        },
      }),
    ),
  );
  const rows = [...totals.values()].reduce((a, x) => a + x.rows, 0);
  return {
    messages: M,
    rows,
    bytes,
    // Wall time from starting the consumers (connect and group join included) to the last stored batch.
    seconds: (lastBatchAt - started) / 1000,
    // After the first stored batch: the rate a running drain sustains.
    steadyRate: (M - firstBatchRecords) / ((lastBatchAt - firstBatchAt) / 1000),
    publishSeconds,
  };
}

async function writePath(database: Database) {
  const prepare = (variant: string) => {
    const messages = cycleMessages({
      cycleId: `${tag}-${variant}`,
      count: BASELINE,
      windowEnd: new Date(),
      labels: { bench: tag },
    });
    const records = messages.map((m, i) => ({
      offset: String(i),
      key: Buffer.from(m.series.key),
      value: toRecord(m).value,
      timestamp: String(Date.now()),
    }));
    const source = { topic: `${tag}-${variant}`, partition: 0, consumerGroup: tag, receivedAt: new Date() };
    const batches = [];
    for (let i = 0; i < records.length; i += MESSAGES_PER_TRANSACTION) {
      const slice = records.slice(i, i + MESSAGES_PER_TRANSACTION);
      batches.push({ slice, source, prepared: prepareBatch(slice, source), nextOffset: i + slice.length });
    }
    return batches;
  };

  const batched = prepare('batched');
  let rows = 0;
  let t = performance.now();
  for (const b of batched) {
    const stored = await storeDurably(
      { database, txTimeoutMs: 60_000, signal: new AbortController().signal, log },
      {
        consumerGroup: tag,
        topic: b.source.topic,
        partition: 0,
        nextOffset: b.nextOffset,
        runs: b.prepared.runs,
        deadLetters: [],
        at: new Date(),
      },
      new Map(b.slice.map((r) => [Number(r.offset), r])),
      b.source,
    );
    rows += stored.rows;
  }
  const batchedResult = { rows, seconds: (performance.now() - t) / 1000 };

  // One INSERT per row and per commit (autocommit): the classic row-by-row writer.
  const autocommit = prepare('row-by-row-autocommit');
  rows = 0;
  t = performance.now();
  for (const b of autocommit) {
    rows += await storeRowByRow(database.db, b.prepared.runs, {
      consumerGroup: tag,
      topic: b.source.topic,
      partition: 0,
      nextOffset: b.nextOffset,
      at: new Date(),
    });
  }
  const autocommitResult = { rows, seconds: (performance.now() - t) / 1000 };

  // One INSERT per row inside the drain's transactions: what statement batching alone buys.
  const inTx = prepare('row-by-row-tx');
  rows = 0;
  t = performance.now();
  for (const b of inTx) {
    rows += await inTransaction(
      database,
      (tx) =>
        storeRowByRow(tx, b.prepared.runs, {
          consumerGroup: tag,
          topic: b.source.topic,
          partition: 0,
          nextOffset: b.nextOffset,
          at: new Date(),
        }),
      { timeoutMs: 600_000 },
    );
  }
  return {
    batched: batchedResult,
    autocommit: autocommitResult,
    inTransaction: { rows, seconds: (performance.now() - t) / 1000 },
  };
}

const database = openDatabase(env.MYSQL_URL, { connectionLimit: CONSUMERS * 2 + 2 });
try {
  await applyMigrations(env.MYSQL_URL);
  console.log(
    `drain benchmark (${tag}): MariaDB ${env.MYSQL_URL.replace(/\/\/[^@]*@/, '//')}, Kafka ${env.KAFKA_BROKERS.join(',')}`,
  );
  console.log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );

  const e2e = await endToEnd(database);
  const perMessageRows = e2e.rows / e2e.messages;
  console.log(
    `\nmessages: ${fmt(e2e.messages)} realistic (1,440-point series, ${fmt(e2e.bytes / e2e.messages / 1024)} KB of JSON, ${fmt(perMessageRows)} rows each); published in ${fmt(e2e.publishSeconds, 1)} s`,
  );
  const drainRate = e2e.messages / e2e.seconds;
  console.log(
    `end-to-end drain, ${CONSUMERS} consumers: ${fmt(drainRate)} msg/s, ${fmt(e2e.rows / e2e.seconds)} rows/s, ${fmt(e2e.bytes / e2e.seconds / 1e6, 1)} MB/s of JSON (${fmt(e2e.seconds, 1)} s wall, group join included; ${fmt(e2e.steadyRate)} msg/s once running)`,
  );

  const w = await writePath(database);
  const line = (label: string, r: { rows: number; seconds: number }) =>
    console.log(
      `  ${label.padEnd(44)} ${fmt(BASELINE / r.seconds).padStart(5)} msg/s ${fmt(r.rows / r.seconds).padStart(7)} rows/s (${fmt(r.seconds, 2)} s)`,
    );
  const ratio = (r: { rows: number; seconds: number }) =>
    fmt(w.batched.rows / w.batched.seconds / (r.rows / r.seconds), 1);
  console.log(
    `\ndatabase write path, the same ${fmt(BASELINE)} messages each (${MESSAGES_PER_TRANSACTION} per batch):`,
  );
  line('batched multi-row, one transaction per batch', w.batched);
  line('row-by-row, each row committed (autocommit)', w.autocommit);
  line('row-by-row inside the batch transactions', w.inTransaction);
  console.log(`  batched / row-by-row: ${ratio(w.autocommit)}x (target >= 10x)`);
  console.log(
    `  batched / row-by-row in the same transactions: ${ratio(w.inTransaction)}x (statement batching alone)`,
  );
  console.log(
    `  end-to-end drain (Kafka included) / row-by-row write alone: ${fmt(drainRate / (BASELINE / w.autocommit.seconds), 1)}x`,
  );
  console.log(
    `\ntarget: 10,000 series per 5 min = ${fmt(TARGET_MESSAGES_PER_SECOND, 1)} msg/s; the drain does ${fmt(drainRate / TARGET_MESSAGES_PER_SECOND, 1)}x that (a cycle in ${fmt(10_000 / drainRate)} s)`,
  );
} finally {
  await database.close();
}
