/**
 * SLA manager benchmark on a running stack (`npm start`, or the test stack with its env): the latency of a 12 h
 * violation check through the REST API including its Temporal workflow (p50/p99 of sequential requests, each a
 * new workflow execution), and the throughput of read routes (autocannon, 50 connections). Targets (issue 7):
 * p99 < 150 ms for the check (the original took 2.35 s), reads ≥ 2,000 req/s.
 *
 * The SLA watches node_filefd_allocated of the stack's own node_exporter (job "host"); the app and an SLA worker
 * run in this process on a task queue of their own, with the rate limit raised (the bench is a single client).
 * Run: `npm run bench:sla` (CHECKS=200 and READ_SECONDS=10 by default).
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import autocannon from 'autocannon';
import { prometheusDriver } from '../activities/prometheus/client.ts';
import { buildSlaApp } from '../api/sla/app.ts';
import { loadConfigOrExit } from '../config/index.ts';
import { openDatabase } from '../drizzle/db.ts';
import { applyMigrations } from '../drizzle/migrate.ts';
import { createSlaWorker } from '../workers/sla.ts';

const CHECKS = Number(process.env.CHECKS ?? 200);
const WARMUP = 10;
const READ_SECONDS = Number(process.env.READ_SECONDS ?? 10);
const TOKEN = 'bench-token-0123456789abcdef';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = loadConfigOrExit();
  const taskQueue = `vigil-sla-bench-${Date.now().toString(36)}`;
  await applyMigrations(env.MYSQL_URL);
  const database = openDatabase(env.MYSQL_URL, { connectionLimit: 16 });
  const workerConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await createSlaWorker(
    { ...env, VIGIL_SLA_TASK_QUEUE: taskQueue },
    database,
    workerConnection,
  );
  const running = worker.run();
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const app = await buildSlaApp(
    {
      database,
      temporal,
      prom: prometheusDriver(env.PROMETHEUS_URL, 15_000),
      slaTaskQueue: taskQueue,
      checkTimeoutMs: 30_000,
      now: () => new Date(),
    },
    { apiToken: TOKEN, openReads: true, rateLimitPerMinute: 100_000_000 },
  );
  const base = await app.listen({ host: '127.0.0.1', port: 0 });

  let slaId: number | undefined;
  try {
    const created = await fetch(`${base}/slas`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `bench-${taskQueue}`,
        metric: 'node_filefd_allocated',
        matchers: [{ label: 'job', op: '=', value: 'host' }],
        max: 1000,
        for: '5m',
      }),
    });
    if (created.status !== 201)
      throw new Error(`creating the SLA: ${created.status} ${await created.text()}`);
    slaId = ((await created.json()) as { id: number }).id;

    const checkUrl = `${base}/slas/${slaId}/violations?window=12h`;
    const latencies: number[] = [];
    let samples = 0;
    for (let i = 0; i < WARMUP + CHECKS; i++) {
      const t0 = performance.now();
      const res = await fetch(checkUrl);
      const body = (await res.json()) as { totals?: { samples: number } };
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`violation check: ${res.status} ${JSON.stringify(body)}`);
      samples = body.totals?.samples ?? 0;
      if (i >= WARMUP) latencies.push(ms);
    }
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    process.stdout.write(
      `violation check, 12 h window (${samples} samples), ${CHECKS} sequential requests, each a new workflow:\n` +
        `  p50 ${p50.toFixed(1)} ms   p99 ${p99.toFixed(1)} ms   max ${latencies.at(-1)!.toFixed(1)} ms` +
        `   target p99 < 150 ms: ${p99 < 150 ? 'met' : 'MISSED'} (${(150 / p99).toFixed(2)}x headroom)` +
        `   vs the original's 2.35 s: ${(2350 / p50).toFixed(0)}x faster\n`,
    );

    const reads = [
      ['GET /slas/:id', `/slas/${slaId}`],
      ['GET /slas?limit=20', '/slas?limit=20'],
      ['GET /slas/:id/forecast', `/slas/${slaId}/forecast`],
      ['GET /slas/:id/status', `/slas/${slaId}/status`],
    ] as const;
    for (const [name, path] of reads) {
      // The load generator runs in a worker thread, so it does not share the server's event loop.
      const result = await autocannon({
        url: `${base}${path}`,
        connections: 50,
        duration: READ_SECONDS,
        workers: 1,
      });
      const errors = result.errors + result.non2xx;
      const rps = result.requests.average;
      process.stdout.write(
        `${name.padEnd(24)} ${rps.toFixed(0).padStart(6)} req/s   p50 ${result.latency.p50} ms   p99 ` +
          `${result.latency.p99} ms   errors ${errors}   target ≥ 2,000 req/s: ${rps >= 2000 ? 'met' : 'MISSED'}\n`,
      );
    }
  } finally {
    if (slaId !== undefined) {
      await fetch(`${base}/slas/${slaId}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
    }
    await app.close();
    worker.shutdown();
    await running;
    await connection.close();
    await workerConnection.close();
    await database.close();
  }
}

await main();
