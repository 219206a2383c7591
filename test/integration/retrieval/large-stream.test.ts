import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecompositionPage } from '../../../api/retrieval/messages.ts';
import type { AnalysisMessage } from '../../../contracts/analysis-message.ts';
import { type Database, openDatabase } from '../../../drizzle/db.ts';
import { testEnv, wholeMinutesAgo } from '../../support/env.ts';
import { pipelineMessage, startTestServer, storeMessages, uniqueMetric } from '../../support/retrieval.ts';
import { runByMessageId } from '../../support/stored-runs.ts';

/**
 * A stream of more than 100,000 points arrives complete and in order: 70 runs (five-minute cycles) of one
 * series, 1,441 decomposition points each, read as one time-range stream by a client that is slow at first,
 * so the server has to wait on backpressure rather than buffer the whole result.
 */
const env = testEnv();
const metric = uniqueMetric('large');
const RUNS = 70;
const newest = wholeMinutesAgo(10).getTime();

let database: Database;
let harness: Awaited<ReturnType<typeof startTestServer>>;
const messages: AnalysisMessage[] = [];
const runIds: number[] = [];

beforeAll(async () => {
  database = openDatabase(env.MYSQL_URL);
  for (let k = 0; k < RUNS; k++) {
    const end = new Date(newest - (RUNS - 1 - k) * 5 * 60_000);
    messages.push(
      pipelineMessage(
        { metric, labels: { device: 'sda1', job: 'host' }, windowEnd: end, seed: k },
        `pipeline-${end.toISOString()}`,
      ),
    );
  }
  await storeMessages(database, messages);
  for (const m of messages) runIds.push((await runByMessageId(database.db, m.id))!.id);
  harness = await startTestServer(database);
});

afterAll(async () => {
  await harness?.close();
  await database?.close();
});

describe('large streams', () => {
  it('streams 100,870 decomposition points complete, in order, value for value', async () => {
    const pages: DecompositionPage[] = [];
    let n = 0;
    for await (const page of harness.client.stream('ListDecomposition', {
      metric,
      runs: { window_end: { from: { seconds: 0, nanos: 0 } } },
      page_size: 2000,
    })) {
      pages.push(page);
      // A slow consumer for the first pages: flow control must hold the server back, not drop anything.
      if (n++ < 10) await new Promise((r) => setTimeout(r, 50));
    }
    const total = pages.reduce((s, p) => s + p.points.length, 0);
    expect(total).toBe(RUNS * 1441);
    expect(total).toBeGreaterThanOrEqual(100_000);
    expect([...new Set(pages.map((p) => p.run!.run_id))]).toEqual(runIds);
    for (const [k, m] of messages.entries()) {
      const dec = m.report.decompose;
      if ('error' in dec) throw new Error('seeded decomposition failed');
      const points = pages.filter((p) => p.run!.run_id === runIds[k]).flatMap((p) => p.points);
      expect(points.map((p) => p.index)).toEqual(dec.trend.map((_, i) => i));
      expect(points.map((p) => p.trend ?? null)).toEqual(dec.trend);
      expect(points.map((p) => p.seasonal ?? null)).toEqual(dec.seasonal);
      expect(points.map((p) => p.resid ?? null)).toEqual(dec.resid);
    }
  });

  it('a client that stops reading and cancels leaves the server serving others', async () => {
    const stream = harness.client.stream('ListHodrickPrescott', {
      metric,
      runs: { window_end: {} },
      page_size: 100,
    });
    let pages = 0;
    for await (const _ of stream) {
      if (++pages === 3) break;
    }
    stream.cancel();
    const adf = await harness.client.call('GetDickeyFuller', { metric });
    expect(adf.results.map((r) => r.run?.run_id)).toEqual([runIds.at(-1)]);
  });
});
