import { buildSlaApp } from '../api/sla/app.ts';
import { slaDepsFromEnv } from '../api/sla/deps.ts';
import type { Env } from '../config/index.ts';
import { startBenchWorker } from './bench-worker.ts';

/**
 * What the SLA benchmarks share: the REST app listening on a free port and an SLA worker (bench-worker.ts), both
 * in this process, on a task queue of their own, against the running stack, with the rate limit raised (a bench is one client);
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
  /**
   * Sequential GETs after a warm-up; latencies in ms, sorted, and the last body. A function path gives each
   * request its own (e.g. another violation-check `end`, so that each is a new workflow, not a stored result).
   */
  time: (
    path: string | ((i: number) => string),
    warmup: number,
    count: number,
  ) => Promise<{ sorted: number[]; body: unknown }>;
  close: () => Promise<void>;
}

export async function startSlaBench(): Promise<SlaBench> {
  const { env, taskQueue, database, temporal, close } = await startBenchWorker('sla');
  const app = await buildSlaApp(
    {
      ...slaDepsFromEnv(env, database, temporal),
      checkTimeoutMs: 30_000,
      // The benchmark sets its own concurrency; the API's cap must not shape what it measures.
      checksInFlight: 10_000,
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
        const url = typeof path === 'string' ? path : path(i);
        const res = await fetch(`${base}${url}`);
        body = await res.json();
        const ms = performance.now() - t0;
        if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${JSON.stringify(body)}`);
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
      await close();
    },
  };
}
