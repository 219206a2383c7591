/**
 * SLA manager benchmark on a running stack (`npm start`, or the test stack with its env): the latency of a 12 h
 * violation check through the REST API including its Temporal workflow (p50/p99 of sequential requests, each a
 * new workflow execution), and the throughput of read routes (autocannon, 50 connections). Targets (issue 7):
 * p99 < 150 ms for the check (the original took 2.35 s, docs/architecture.md), reads ≥ 2,000 req/s.
 *
 * The SLA watches node_filefd_allocated of the stack's own node_exporter (job "host"); the app and an SLA worker
 * run in this process on a task queue of their own, with the rate limit raised (the bench is a single client).
 * Run: `npm run bench:sla` (CHECKS=200 and READ_SECONDS=10 by default).
 */
import autocannon from 'autocannon';
import { percentile, startSlaBench } from './sla-harness.ts';

const CHECKS = Number(process.env.CHECKS ?? 200);
const WARMUP = 10;
const READ_SECONDS = Number(process.env.READ_SECONDS ?? 10);

async function main(): Promise<void> {
  const bench = await startSlaBench();
  const { base } = bench;
  try {
    const slaId = await bench.createSla({
      metric: 'node_filefd_allocated',
      matchers: [{ label: 'job', op: '=', value: 'host' }],
      max: 1000,
      for: '5m',
    });
    // Each request ends a minute earlier, so each is a new workflow rather than a stored identical check.
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const { sorted: latencies, body } = await bench.time(
      (i) => `/slas/${slaId}/violations?window=12h&end=${new Date(minute - 60_000 * i).toISOString()}`,
      WARMUP,
      CHECKS,
    );
    const samples = (body as { totals?: { samples: number } }).totals?.samples ?? 0;
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
    await bench.close();
  }
}

await main();
