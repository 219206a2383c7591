/**
 * SLA checks over a fleet (issue 17), on a running stack (the test stack with its env, like bench:sla): one
 * metric of SERIES hosts (default 2,000) with 13 h (and an hour per 60 checks) of 1-minute history, backfilled through promtool, and
 *   - the 12 h violation check of an SLA over every host (target p99 < 500 ms; it took 4.0 s when every sample
 *     came to Node as JSON), its first page and its totals;
 *   - the same check of a single-series SLA (target p99 < 150 ms);
 *   - the status and forecast routes of the fleet SLA.
 * Each host sits near 1,000 open files; one in a hundred breaches the max of 5,000 for 40 minutes.
 * Run: `npm run bench:sla-fleet` (SERIES=2000 CHECKS=200 by default).
 */

import type { SlaMatcher } from '../contracts/sla.ts';
import { defaultTsdb, waitForBlocks, writeBlocks } from '../demo/backfill.ts';
import { fleetHistory } from '../demo/fleet.ts';
import { prometheusDriver } from '../prometheus/client.ts';
import { breachingSamples, candidatesOf } from '../prometheus/sla-samples.ts';
import { WindowStatsCache, windowStats } from '../prometheus/window-stats.ts';
import { percentile, startSlaBench } from './sla-harness.ts';

const SERIES = Number(process.env.SERIES ?? 2000);
// 200 checks, so that p99 is not simply the slowest one.
const CHECKS = Number(process.env.CHECKS ?? 200);
const WARMUP = 5;
const PLAN_RUNS = 30;
// Each check ends a minute before the previous one: the history reaches back far enough that every check's
// 12-hour window is full.
const HOURS = 13 + Math.ceil((WARMUP + CHECKS) / 60);

function line(name: string, sorted: number[], targetMs?: number): string {
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const target =
    targetMs === undefined ? '' : `   target p99 < ${targetMs} ms: ${p99 < targetMs ? 'met' : 'MISSED'}`;
  return `${name.padEnd(44)} p50 ${p50.toFixed(1).padStart(7)} ms   p99 ${p99.toFixed(1).padStart(7)} ms${target}\n`;
}

async function main(): Promise<void> {
  const bench = await startSlaBench();
  try {
    const metric = 'vigil_bench_fleet_fds';
    const job = `bench_fleet_${Date.now().toString(36)}`;
    const end = Math.floor(Date.now() / 60_000) * 60 - 600;
    const episodes = Array.from({ length: Math.ceil(SERIES / 100) }, (_, i) => {
      const from = end - (i % 12) * 3600 - 3600;
      return { host: i * 100 + 1, from, to: from + 40 * 60, value: 6000 };
    });
    const t0 = performance.now();
    await writeBlocks(
      fleetHistory({ metric, job, hosts: SERIES, end, hours: HOURS, offsetSeconds: 30, episodes }),
      defaultTsdb(),
    );
    // The first and the last host: a large fleet is written by several promtool runs, loaded one by one.
    const probe = `count_over_time(${metric}{job="${job}",host=~"h1|h${SERIES}"}[${HOURS}h]) >= ${HOURS * 60 - 1}`;
    const both = `count(${probe}) == 2`;
    if (!(await waitForBlocks(bench.env.PROMETHEUS_URL, both, new Date(end * 1000), 300_000))) {
      throw new Error('Prometheus did not load the fleet within 5 minutes');
    }
    process.stdout.write(
      `backfilled ${SERIES} series x ${HOURS} h in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
    );
    const matchers: SlaMatcher[] = [{ label: 'job', op: '=', value: job }];
    const fleet = await bench.createSla({ metric, matchers, max: 5000, for: '5m' });
    const single = await bench.createSla({
      metric,
      matchers: [...matchers, { label: 'host', op: '=', value: 'h1' }],
      max: 5000,
      for: '5m',
    });
    // Each request ends a minute earlier: a new workflow each time, never an identical check's stored result.
    const at = (i: number) => new Date((end - 60 * i) * 1000).toISOString();

    const checked = await bench.time(
      (i) => `/slas/${fleet}/violations?window=12h&end=${at(i)}`,
      WARMUP,
      CHECKS,
    );
    const report = checked.body as { total: number; totals: { samples: number; violatingSeries: number } };
    process.stdout.write(
      `violations, 12 h, ${report.total} series, ${report.totals.samples} samples, ` +
        `${report.totals.violatingSeries} violating series; ${CHECKS} sequential checks, each a new workflow:\n`,
    );
    process.stdout.write(line('  fleet SLA (every series, first page)', checked.sorted, 500));
    await comparePlans(bench.env.PROMETHEUS_URL, metric, matchers, end);
    const one = await bench.time((i) => `/slas/${single}/violations?window=12h&end=${at(i)}`, WARMUP, CHECKS);
    process.stdout.write(line('  single-series SLA', one.sorted, 150));
    const reused = await bench.time(`/slas/${fleet}/violations?window=12h&end=${at(0)}`, WARMUP, CHECKS);
    process.stdout.write(line('  fleet SLA, repeated (the stored result)', reused.sorted));
    const status = await bench.time(`/slas/${fleet}/status`, WARMUP, CHECKS);
    process.stdout.write(line('status, fleet SLA (first page)', status.sorted));
    const forecast = await bench.time(`/slas/${fleet}/forecast`, WARMUP, CHECKS);
    process.stdout.write(line('forecast, fleet SLA (no stored forecasts)', forecast.sorted));
  } finally {
    await bench.close();
  }
}

/**
 * The Prometheus part of a fleet check, this plan against the previous one (baseline), interleaved in the same
 * run. The previous plan: the sample counts and the raw-sample screening of each side over the whole window (the
 * same queries without a cache, as a check that finds its cache empty still runs them), then the comparison of
 * the candidate series. This plan: the same counts and extremes with past 15-minute pieces from a
 * cache (warmed by the first check, as the worker's is by the checks before), then the same comparison.
 */
async function comparePlans(url: string, metric: string, matchers: SlaMatcher[], end: number): Promise<void> {
  const prom = prometheusDriver(url);
  const bounds = { min: null, max: 5000 };
  const cache = new WindowStatsCache();
  const previous: number[] = [];
  const current: number[] = [];
  for (let i = -1; i < PLAN_RUNS; i++) {
    const s = {
      prom,
      metric,
      matchers,
      start: new Date((end - 60 * i - 43_200 + 60) * 1000),
      end: new Date((end - 60 * i) * 1000),
      stepSeconds: 60,
    };
    let t = performance.now();
    const whole = await windowStats(s);
    await breachingSamples(s, bounds, candidatesOf(whole, bounds));
    const before = performance.now() - t;
    t = performance.now();
    const stats = await windowStats(s, cache);
    await breachingSamples(s, bounds, candidatesOf(stats, bounds));
    const now = performance.now() - t;
    cache.fillWanted();
    await cache.filled;
    if (i < 0) {
      process.stdout.write(`  Prometheus part, first check (empty cache): this plan ${now.toFixed(1)} ms\n`);
      continue;
    }
    previous.push(before);
    current.push(now);
  }
  const med = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  process.stdout.write(
    `  Prometheus part alone, median of ${PLAN_RUNS}: previous plan ${med(previous).toFixed(1)} ms, ` +
      `this plan ${med(current).toFixed(1)} ms (${(med(previous) / med(current)).toFixed(2)}x), ` +
      `${cache.seriesPieces} series-pieces cached\n`,
  );
}

await main();
