import { pino } from 'pino';
import { buildMessage } from '../../activities/pipeline/build-message.ts';
import type { AnalyzeParamsInput } from '../../analytics/params.ts';
import { analyzeSeries } from '../../analytics/report.ts';
import { RetrievalClient } from '../../api/retrieval/client.ts';
import { type RunningRetrievalServer, startRetrievalServer } from '../../api/retrieval/server.ts';
import type { AnalysisMessage } from '../../contracts/analysis-message.ts';
import { seriesKey } from '../../contracts/series-key.ts';
import { mulberry32 } from '../../demo/prng.ts';
import { type Database, inTransaction } from '../../drizzle/db.ts';
import { type MappedRun, mapAnalysisMessage } from '../../drizzle/mapping.ts';
import { storeBatch } from '../../drizzle/repositories/analysis-store.ts';
import type { Sample } from '../../prometheus/series.ts';
import { uniqueName } from './env.ts';

/**
 * Seeds the storage database with realistic runs for the retrieval tests: each message is what the pipeline
 * publishes (the engine's analyzeSeries report of a byte-count-like series, wrapped by buildMessage), stored
 * through the drain's own batch store, so the rows are exactly those a real cycle leaves.
 */

/** The shipped catalog's parameters (config/metrics.catalog.json). */
export const CATALOG_PARAMS: AnalyzeParamsInput = {
  adf: { maxlag: 3, regression: 'c', autolag: 'AIC' },
  hp: { lambda: 1600 },
  decompose: { model: 'additive', period: 60 },
  aggregates: { windows: ['1h', '3h', '12h'] },
  holt_winters: { trend: 'mul', seasonal: 'add', seasonal_periods: 550, steps: 10 },
} as AnalyzeParamsInput;

const STEP = 60;

/** 24 h of one-minute samples ending at `end` (1,441 points): ~1.6e10 bytes, a daily wave, noise, fractions. */
export function byteSeries(end: Date, seed: number, points = 1441): Sample[] {
  const rand = mulberry32(seed);
  const t0 = end.getTime() - (points - 1) * STEP * 1000;
  const base = 16_647_192_576 + rand() * 1e9;
  return Array.from({ length: points }, (_, i) => ({
    t: new Date(t0 + i * STEP * 1000).toISOString(),
    v: base + i * 1234.5678 + 5e6 * Math.sin((2 * Math.PI * i) / 60) + (rand() - 0.5) * 1e6 + rand(),
  }));
}

export interface RunSpec {
  metric: string;
  labels: Record<string, string>;
  windowEnd: Date;
  seed: number;
  /** Drop samples to make a window with gaps. */
  gaps?: boolean;
}

/** The message the pipeline would publish for this series and window. */
export function pipelineMessage(spec: RunSpec, cycleId: string): AnalysisMessage {
  let samples = byteSeries(spec.windowEnd, spec.seed);
  if (spec.gaps) samples = samples.filter((_, i) => i % 97 !== 50);
  const report = analyzeSeries({ series: samples, params: CATALOG_PARAMS });
  const start = new Date(spec.windowEnd.getTime() - 24 * 3600_000).toISOString();
  return buildMessage(
    cycleId,
    { start, end: spec.windowEnd.toISOString(), stepSeconds: STEP },
    { key: seriesKey(spec.metric, spec.labels), metric: spec.metric, labels: spec.labels },
    samples,
    report,
    new Date(spec.windowEnd.getTime() + 7000),
  );
}

/** Stores messages through the drain's batch store (its own topic and consumer group, so nothing collides). */
export async function storeMessages(database: Database, messages: readonly AnalysisMessage[]): Promise<void> {
  const topic = uniqueName('retrieval-seed');
  const storedAt = new Date();
  const runs: MappedRun[] = messages.map((m, offset) => {
    const mapped = mapAnalysisMessage(m, { topic, partition: 0, offset }, storedAt);
    if (!mapped.ok) throw new Error(`seed message ${m.id} is unstorable: ${mapped.detail}`);
    return mapped.mapped;
  });
  for (let i = 0; i < runs.length; i += 50) {
    const part = runs.slice(i, i + 50);
    await inTransaction(
      database,
      (tx) =>
        storeBatch(tx, {
          consumerGroup: `${topic}-group`,
          topic,
          partition: 0,
          nextOffset: i + part.length,
          runs: part,
          deadLetters: [],
          at: storedAt,
        }),
      { timeoutMs: 120_000 },
    );
  }
}

/** A metric name no other test uses (metric names allow no dashes). */
export function uniqueMetric(prefix: string): string {
  return uniqueName(`vigil_test_${prefix}`).replaceAll('-', '_');
}

/** A real retrieval server on an ephemeral port of this host, and a client of it. */
export async function startTestServer(
  database: Database,
  options: { token?: string; clientToken?: string } = {},
): Promise<{
  server: RunningRetrievalServer;
  client: RetrievalClient;
  address: string;
  close(): Promise<void>;
}> {
  const server = await startRetrievalServer({
    database,
    host: '127.0.0.1',
    port: 0,
    token: options.token,
    log: pino({ level: 'silent' }),
  });
  const address = `127.0.0.1:${server.port}`;
  const client = new RetrievalClient({ address, token: options.clientToken ?? options.token });
  return {
    server,
    client,
    address,
    close: async () => {
      client.close();
      await server.shutdown(2000);
    },
  };
}

/** The gRPC status code a promise rejects with (fails the test if it resolves). */
export async function statusOf(
  work: Promise<unknown> | (() => Promise<unknown>),
): Promise<{ code: number; details: string }> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (err) {
    const e = err as { code?: number; details?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, details: e.details ?? '' };
  }
  throw new Error('the call succeeded; a status error was expected');
}

/** Reads a whole stream. */
export async function drain<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}
