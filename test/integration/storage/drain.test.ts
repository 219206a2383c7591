import { Client, Connection } from '@temporalio/client';
import { and, eq, inArray } from 'drizzle-orm';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { ANALYSIS_MESSAGE_SCHEMA_V1, type AnalysisMessage } from '../../../contracts/analysis-message.ts';
import { type Database, openDatabase } from '../../../drizzle/db.ts';
import { predictedAggregate } from '../../../drizzle/mapping.ts';
import { applyMigrations } from '../../../drizzle/migrate.ts';
import { adfResults, aggregates, deadLetters, forecastPoints } from '../../../drizzle/schema.ts';
import { cycleMessages, toRecord } from '../../support/analysis-messages.ts';
import { testEnv, uniqueName } from '../../support/env.ts';
import {
  createTopic,
  drainedAll,
  endOffsets,
  expectedCounts,
  kafkaFor,
  publish,
  removeTemporalState,
  rowCounts,
  runCount,
  StorageWorkerProcess,
  seriesCount,
  waitFor,
} from '../../support/storage.ts';
import { componentsOfRun, runByMessageId } from '../../support/stored-runs.ts';

// One real storage worker process (`vigil worker storage`) on this file's own topic, group and task queue,
// draining into the test stack's MariaDB. Every series carries this file's marker label, and every assertion
// is scoped to this file's topic or series, so other files' rows never matter.
const env = testEnv();
const marker = uniqueName('storage-drain');
const topic = marker;
const group = marker;
const taskQueue = marker;
const N = 40;
const windowEnd = (cycle: number) => new Date(Date.UTC(2026, 10, 26, 12, 5 * cycle));
const cycle = (k: number, count: number) =>
  cycleMessages({
    cycleId: `${marker}-c${k}`,
    count,
    windowEnd: windowEnd(k),
    labels: { suite: marker },
    seed: k,
  });

let database: Database;
let kafka: Kafka;
let worker: StorageWorkerProcess;
let first: AnalysisMessage[];

function drained(): Promise<void> {
  return drainedAll(
    database.db,
    kafka,
    { topic, group },
    120_000,
    'the drain to store every published record',
  );
}

describe('storage drain: Kafka → MariaDB', () => {
  beforeAll(async () => {
    await applyMigrations(env.MYSQL_URL);
    database = openDatabase(env.MYSQL_URL);
    kafka = kafkaFor(env);
    await createTopic(kafka, topic, 3);
    worker = await StorageWorkerProcess.start(env, {
      topic,
      group,
      taskQueue,
      extra: {
        VIGIL_DRAIN_CONSUMERS: '2',
        // Short leases: the workflow continues as new (and consumers hand partitions over) during the test.
        VIGIL_DRAIN_LEASE: '15s',
        VIGIL_KAFKA_SESSION_TIMEOUT: '6s',
        VIGIL_RETENTION_COMPONENT_RUNS: '2',
        VIGIL_RETENTION_INTERVAL: '1h',
        // Ten years: this file's runs (window ends in 2026) and dead letters stay; the 2012 ones below go.
        VIGIL_RETENTION_RUN_AGE: '3650d',
        VIGIL_RETENTION_DEAD_LETTER_AGE: '3650d',
      },
    });
  });

  beforeEach(() => {
    onTestFailed(() => console.error(`storage worker output:\n${worker?.log().slice(-8000)}`));
  });

  afterAll(async () => {
    if (worker && worker.child.exitCode === null) worker.kill('SIGKILL');
    await removeTemporalState(env, taskQueue);
    await database?.close();
  });

  it('stores N published messages as exactly N runs with all their rows, values bit for bit', async () => {
    first = cycle(1, N);
    await publish(kafka, topic, first.map(toRecord));
    await drained();

    expect(await rowCounts(database.db, topic)).toEqual(expectedCounts(first));
    expect(await seriesCount(database.db, marker)).toBe(N);

    const m = first[7]!;
    const run = (await runByMessageId(database.db, m.id))!;
    expect(run.windowEnd.toISOString()).toBe(m.window.end);
    expect(run.cycleId).toBe(m.cycle_id);
    expect(run.errorCount).toBe(0);
    const hw = m.report.holt_winters as { sse: number };
    expect(run.hwSse).toBe(hw.sse);
    expect(run.modelSeasonalPeriods).toBe(550);

    const components = await componentsOfRun(database.db, run.id);
    const hp = m.report.hp as { trend: number[]; cycle: number[] };
    const dec = m.report.decompose as { trend: (number | null)[]; resid: (number | null)[] };
    expect(components.hp_trend).toEqual(hp.trend);
    expect(components.hp_cycle).toEqual(hp.cycle);
    expect(components.decompose_trend).toEqual(dec.trend);
    expect(components.decompose_resid).toEqual(dec.resid);
    expect(components.decompose_trend?.filter((v) => v === null)).toHaveLength(60);

    const [adf] = await database.db.select().from(adfResults).where(eq(adfResults.runId, run.id));
    const adfIn = m.report.adf as { statistic: number; pvalue: number };
    expect(adf).toMatchObject({
      statistic: adfIn.statistic,
      pvalue: adfIn.pvalue,
      stationary: adfIn.pvalue < 0.05,
    });

    const forecast = await database.db
      .select()
      .from(forecastPoints)
      .where(eq(forecastPoints.runId, run.id))
      .orderBy(forecastPoints.step);
    expect(forecast.map((p) => ({ t: p.at.toISOString(), v: p.value }))).toEqual(m.forecast);

    const [predicted] = await database.db
      .select()
      .from(aggregates)
      .where(and(eq(aggregates.runId, run.id), eq(aggregates.kind, 'predicted')));
    const expected = predictedAggregate(
      m.forecast.map((p) => ({ at: new Date(p.t), value: p.v })),
      new Date(m.window.last_sample!),
      60,
    );
    expect(predicted).toMatchObject({
      sampleCount: 10,
      max: expected.max,
      min: expected.min,
      mean: expected.mean,
    });
  });

  it('stores a message delivered twice only once', async () => {
    const again = first.slice(0, 10).map(toRecord);
    // Repeats across batches (a producer retry, a re-run cycle) and within one batch.
    await publish(kafka, topic, [...again, again[0]!, again[0]!]);
    await drained();
    expect(await rowCounts(database.db, topic)).toEqual(expectedCounts(first));
    expect(await worker.metrics()).toMatch(
      /vigil_storage_messages_total\{outcome="duplicate"[^}]*\} (1[2-9]|[2-9]\d)/,
    );
  });

  it('dead-letters malformed records with reason and offset, and stores the records after them', async () => {
    const good = cycle(2, 4);
    const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));
    const { window: _dropped, ...withoutWindow } = good[2]!;
    // All on partition 0, in this order: each bad record sits between good ones.
    const records = [
      toRecord(good[0]!),
      { key: 'bad-json', value: Buffer.from('{"schema": "vigil.analysis.v1", "id": ') },
      toRecord(good[1]!),
      { key: 'future', value: bytes({ ...good[2]!, schema: 'vigil.analysis.v9' }) },
      toRecord(good[2]!),
      { key: 'invalid', value: bytes({ ...withoutWindow, schema: ANALYSIS_MESSAGE_SCHEMA_V1 }) },
      toRecord(good[3]!),
    ].map((r) => ({ ...r, partition: 0 }));
    const before = (await endOffsets(kafka, topic)).get(0)!;
    await publish(kafka, topic, records);
    await drained();

    const letters = await database.db
      .select()
      .from(deadLetters)
      .where(eq(deadLetters.topic, topic))
      .orderBy(deadLetters.kafkaOffset);
    expect(
      letters.map((d) => ({ offset: d.kafkaOffset, reason: d.reason, partition: d.kafkaPartition })),
    ).toEqual([
      { offset: before + 1, reason: 'BAD_JSON', partition: 0 },
      { offset: before + 3, reason: 'UNKNOWN_SCHEMA', partition: 0 },
      { offset: before + 5, reason: 'INVALID', partition: 0 },
    ]);
    expect(letters[2]!.detail).toContain('window');
    expect(letters[1]!.payload).toEqual(records[3]!.value);
    expect(letters[0]!.recordKey?.toString()).toBe('bad-json');
    for (const m of good) expect(await runByMessageId(database.db, m.id)).toBeDefined();
    expect(await runCount(database.db, topic)).toBe(N + 4);
    expect(await worker.metrics()).toMatch(/vigil_storage_dead_letters_total\{reason="BAD_JSON"[^}]*\} 1/);
  });

  it('keeps full component series only for the latest runs of each series, scalars for all; drops what is too old', async () => {
    // host-0..2 get cycles 3 and 4: four runs each (cycles 1-4); retention keeps components of 2.
    await publish(kafka, topic, [...cycle(3, 3), ...cycle(4, 3)].map(toRecord));
    // Runs of 2012 (series of their own) and a dead letter of 2012: older than the worker's ten-year retention.
    const ancient = cycleMessages({
      cycleId: `${marker}-2012`,
      count: 2,
      windowEnd: new Date(Date.UTC(2012, 0, 1)),
      labels: { suite: marker, era: '2012' },
    });
    await publish(kafka, topic, ancient.map(toRecord));
    await drained();
    const ancientRuns = await Promise.all(
      ancient.map(async (m) => (await runByMessageId(database.db, m.id))!.id),
    );
    await database.db.insert(deadLetters).values({
      topic,
      kafkaPartition: 99,
      kafkaOffset: 0,
      consumerGroup: group,
      reason: 'BAD_JSON',
      detail: 'a dead letter of 2012',
      receivedAt: new Date(Date.UTC(2012, 0, 1)),
    });
    const recentLetters = (await database.db.select().from(deadLetters).where(eq(deadLetters.topic, topic)))
      .length;
    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    try {
      const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
      await client.schedule.getHandle(`${taskQueue}-cleanup`).trigger();
    } finally {
      await connection.close();
    }
    const runOf = async (k: number, host: number) =>
      (await runByMessageId(database.db, cycle(k, host + 1)[host]!.id))!;
    await waitFor(
      async () => Object.keys(await componentsOfRun(database.db, (await runOf(1, 0)).id)).length === 0,
      60_000,
      'the cleanup workflow to prune old component series',
    );
    for (const host of [0, 1, 2]) {
      for (const [k, kept] of [
        [1, 0],
        [2, 0],
        [3, 5],
        [4, 5],
      ] as const) {
        const run = await runOf(k, host);
        expect(
          Object.keys(await componentsOfRun(database.db, run.id)),
          `host-${host} cycle ${k}`,
        ).toHaveLength(kept);
        expect(await database.db.select().from(adfResults).where(eq(adfResults.runId, run.id))).toHaveLength(
          1,
        );
      }
    }
    // A series with only two runs keeps everything.
    expect(Object.keys(await componentsOfRun(database.db, (await runOf(1, 3)).id))).toHaveLength(5);
    expect(Object.keys(await componentsOfRun(database.db, (await runOf(1, 9)).id))).toHaveLength(5);

    // The 2012 runs went with every row of theirs, and the 2012 dead letter; this year's stay.
    await waitFor(
      async () => (await runByMessageId(database.db, ancient[1]!.id)) === undefined,
      60_000,
      'the cleanup workflow to delete runs older than the retention age',
    );
    for (const m of ancient) expect(await runByMessageId(database.db, m.id)).toBeUndefined();
    for (const table of [adfResults, aggregates, forecastPoints]) {
      expect(await database.db.select().from(table).where(inArray(table.runId, ancientRuns))).toEqual([]);
    }
    expect(Object.keys(await componentsOfRun(database.db, ancientRuns[0]!))).toHaveLength(0);
    await waitFor(
      async () =>
        (await database.db.select().from(deadLetters).where(eq(deadLetters.topic, topic))).length ===
        recentLetters - 1,
      60_000,
      'the cleanup workflow to delete dead letters older than the retention age',
    );
    expect(await runCount(database.db, topic)).toBe(N + 4 + 6);
    // At least these (the test stack's database may hold other very old rows from earlier runs).
    const metrics = await worker.metrics();
    const counted = (name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, 'm').exec(metrics)?.[1]);
    expect(counted('vigil_storage_retention_runs_deleted_total')).toBeGreaterThanOrEqual(2);
    expect(counted('vigil_storage_retention_dead_letters_deleted_total')).toBeGreaterThanOrEqual(1);
  });

  it('stops gracefully on SIGTERM', async () => {
    worker.kill('SIGTERM');
    expect(await worker.exit()).toBe(0);
    expect(worker.log()).toContain('storage worker stopped');
  });
});
