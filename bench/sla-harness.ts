import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { buildSlaApp } from '../api/sla/app.ts';
import { type Env, loadConfigOrExit } from '../config/index.ts';
import { openDatabase } from '../drizzle/db.ts';
import { applyMigrations } from '../drizzle/migrate.ts';
import { prometheusDriver } from '../prometheus/client.ts';
import { createSlaWorker } from '../workers/sla.ts';

/**
 * What the SLA benchmarks share: the REST app listening on a free port and an SLA worker, both in this process,
 * on a task queue of their own, against the running stack, with the rate limit raised (a bench is one client);
 * SLAs created through the API and deleted at the end.
 */

export const TOKEN = 'bench-token-0123456789abcdef';

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface SlaBench {
  env: Env;
  base: string;
  taskQueue: string;
  /** Creates an SLA (deleted by close) and returns its id. */
  createSla: (body: Record<string, unknown>) => Promise<number>;
  /** Sequential GETs after a warm-up; latencies in ms, sorted, and the last body. */
  time: (path: string, warmup: number, count: number) => Promise<{ sorted: number[]; body: unknown }>;
  close: () => Promise<void>;
}

export async function startSlaBench(): Promise<SlaBench> {
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
  const created: number[] = [];
  return {
    env,
    base,
    taskQueue,
    async createSla(body) {
      const res = await fetch(`${base}/slas`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `bench-${taskQueue}-${created.length}`, ...body }),
      });
      if (res.status !== 201) throw new Error(`creating the SLA: ${res.status} ${await res.text()}`);
      const id = ((await res.json()) as { id: number }).id;
      created.push(id);
      return id;
    },
    async time(path, warmup, count) {
      const latencies: number[] = [];
      let body: unknown;
      for (let i = 0; i < warmup + count; i++) {
        const t0 = performance.now();
        const res = await fetch(`${base}${path}`);
        body = await res.json();
        const ms = performance.now() - t0;
        if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(body)}`);
        if (i >= warmup) latencies.push(ms);
      }
      return { sorted: latencies.sort((a, b) => a - b), body };
    },
    async close() {
      for (const id of created) {
        await fetch(`${base}/slas/${id}`, {
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
    },
  };
}
