/**
 * Retrieval benchmark: a real `vigil api retrieval` process over the configured MySQL (use the test stack:
 * `eval "$(VIGIL_PROFILE=test bash scripts/stack.sh env)"; VIGIL_PROFILE=test npm run bench:retrieval`).
 * Seeds its own metric (10 series with a latest run each, and one series with 70 runs of 1,441 points), then:
 * - unary: GetDickeyFuller for one series at a fixed 200 requests/s (open loop: latency is measured from each
 *   request's scheduled time, so a stall counts against every request it delays) → p50 / p99 / max;
 * - stream: ListDecomposition over the 70 runs (100,870 points) → points per second.
 * Targets (issue 6): p99 < 10 ms at 200 req/s; ≥ 100,000 streamed points/s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RetrievalClient } from '../api/retrieval/client.ts';
import { config } from '../config/index.ts';
import { openDatabase } from '../drizzle/db.ts';
import { freeBasePort } from '../test/support/ports.ts';
import { pipelineMessage, storeMessages, uniqueMetric } from '../test/support/retrieval.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RATE = 200;
const SECONDS = 15;
const WARMUP_SECONDS = 2;
const STREAM_RUNS = 70;
const STREAM_REPEATS = 5;

const env = config();
const metric = uniqueMetric('bench');
const newest = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;

async function seed(): Promise<void> {
  const database = openDatabase(env.MYSQL_URL);
  const messages = [
    ...Array.from({ length: 10 }, (_, i) =>
      pipelineMessage(
        { metric, labels: { device: `disk${i}`, job: 'host' }, windowEnd: new Date(newest), seed: i },
        'bench-latest',
      ),
    ),
    ...Array.from({ length: STREAM_RUNS }, (_, k) => {
      const end = new Date(newest - (STREAM_RUNS - k) * 5 * 60_000);
      return pipelineMessage(
        { metric, labels: { device: 'stream', job: 'host' }, windowEnd: end, seed: 1000 + k },
        `bench-${end.toISOString()}`,
      );
    }),
  ];
  await storeMessages(database, messages);
  await database.close();
}

async function startServer(): Promise<{ child: ChildProcess; address: string; metricsUrl: string }> {
  // The gRPC port at base, the role's metrics port at base + 100 + 3 (retrieval's offset).
  const port = await freeBasePort([0, 103]);
  const child = spawn(process.execPath, ['bin/vigil.mjs', 'api', 'retrieval'], {
    cwd: ROOT,
    env: {
      ...process.env,
      VIGIL_GRPC_PORT: String(port),
      VIGIL_WORKER_METRICS_PORT: String(port + 100),
      VIGIL_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const address = `127.0.0.1:${port}`;
  const probe = new RetrievalClient({ address });
  await probe.waitForReady(30_000);
  probe.close();
  return { child, address, metricsUrl: `http://127.0.0.1:${port + 103}/metrics` };
}

/**
 * The server's own view from its histogram: the bucket bound under which 99 % of GetDickeyFuller calls finished,
 * which separates server time from client and scheduling delays on a shared machine.
 */
async function serverBuckets(metricsUrl: string): Promise<(readonly [number, number])[]> {
  const text = await (await fetch(metricsUrl)).text();
  const buckets = text
    .split('\n')
    .filter(
      (l) =>
        l.startsWith('vigil_retrieval_request_duration_seconds_bucket{') &&
        l.includes('method="GetDickeyFuller"') &&
        l.includes('code="OK"'),
    )
    .map((l) => {
      const le = /le="([^"]+)"/.exec(l)![1]!;
      return [le === '+Inf' ? Infinity : Number(le), Number(l.split(' ').at(-1))] as const;
    });
  return buckets;
}

/** The bucket bound under which 99 % of the calls between two snapshots finished (warm-up excluded). */
function serverP99(before: (readonly [number, number])[], after: (readonly [number, number])[]): string {
  const counts = after.map(([le, n], k) => [le, n - (before[k]?.[1] ?? 0)] as const);
  const total = counts.at(-1)?.[1] ?? 0;
  const bound = counts.find(([, n]) => n >= 0.99 * total)?.[0];
  return bound === undefined ? 'n/a' : `≤ ${(bound * 1000).toFixed(1)} ms`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function unaryLoad(client: RetrievalClient, metricsUrl: string): Promise<void> {
  const request = { metric, matchers: [{ label: 'device', value: 'disk3' }] };
  const total = RATE * (SECONDS + WARMUP_SECONDS);
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now() + 50;
  const pending: Promise<void>[] = [];
  let before: (readonly [number, number])[] = [];
  for (let i = 0; i < total; i++) {
    if (i === RATE * WARMUP_SECONDS) before = await serverBuckets(metricsUrl);
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      client.call('GetDickeyFuller', request, { deadlineMs: 5000 }).then(
        () => {
          if (i >= RATE * WARMUP_SECONDS) latencies.push(performance.now() - due);
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  const after = await serverBuckets(metricsUrl);
  latencies.sort((a, b) => a - b);
  const achieved = latencies.length / SECONDS;
  const p99 = percentile(latencies, 99);
  console.log(
    `GetDickeyFuller at ${RATE} req/s for ${SECONDS} s (${latencies.length} measured, ${errors} errors, ~${achieved.toFixed(0)} req/s):`,
  );
  console.log(`  server-side p99 (its own histogram, after warm-up): ${serverP99(before, after)}`);
  console.log(
    `  p50 ${percentile(latencies, 50).toFixed(2)} ms   p99 ${p99.toFixed(2)} ms   max ${latencies.at(-1)!.toFixed(2)} ms   target p99 < 10 ms: ${p99 < 10 ? 'met' : 'MISSED'}`,
  );
}

async function streamThroughput(client: RetrievalClient): Promise<void> {
  const rates: number[] = [];
  let points = 0;
  for (let r = 0; r < STREAM_REPEATS; r++) {
    points = 0;
    const t0 = performance.now();
    for await (const page of client.stream('ListDecomposition', {
      metric,
      matchers: [{ label: 'device', value: 'stream' }],
      runs: { window_end: { from: { seconds: 0, nanos: 0 } } },
      page_size: 5000,
    })) {
      points += page.points.length;
    }
    rates.push(points / ((performance.now() - t0) / 1000));
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)]!;
  console.log(
    `ListDecomposition, ${points.toLocaleString('en')} points per stream, ${STREAM_REPEATS} streams:`,
  );
  console.log(
    `  median ${Math.round(median).toLocaleString('en')} points/s   best ${Math.round(rates.at(-1)!).toLocaleString('en')}   worst ${Math.round(rates[0]!).toLocaleString('en')}   target ≥ 100,000/s: ${median >= 100_000 ? 'met' : 'MISSED'}`,
  );
}

await seed();
const server = await startServer();
const client = new RetrievalClient({ address: server.address, token: env.VIGIL_API_TOKEN });
try {
  await unaryLoad(client, server.metricsUrl);
  await streamThroughput(client);
} finally {
  client.close();
  server.child.kill('SIGTERM');
}
