import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PrometheusDriver } from 'prometheus-query';
import type { DemoSeries } from './node-history.ts';
import { toOpenMetrics } from './openmetrics.ts';

const run$ = promisify(execFile);

/** The local stack's Prometheus data folder (scripts/servers/prometheus.sh). */
export function defaultTsdb(): string {
  const stack = process.env.VIGIL_STACK_DIR ?? resolve('.vigil', process.env.VIGIL_PROFILE ?? 'local');
  return join(stack, 'data', 'prometheus', 'tsdb');
}

/**
 * Samples per promtool run: the OpenMetrics text of one run is built as one string, which V8 caps at about 512 MB
 * (10,000 series × 15 hours is 9 M samples, ~650 MB; 4 M is ~300 MB). Several runs write overlapping blocks, which
 * Prometheus merges when it loads them, one run's blocks at a time: callers that wait for the load probe series
 * of the last run too (`vigil demo backfill` writes parts of 200 hosts, each under this, and waits for every host).
 */
const SAMPLES_PER_FILE = 4_000_000;

/** Writes the series as TSDB blocks into `tsdb` with `promtool tsdb create-blocks-from openmetrics`. */
export async function writeBlocks(series: DemoSeries[], tsdb: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-demo-'));
  try {
    const file = join(dir, 'demo.om');
    for (let i = 0; i < series.length; ) {
      let samples = 0;
      let j = i;
      while (j < series.length && (j === i || samples + series[j]!.samples.length <= SAMPLES_PER_FILE)) {
        samples += series[j]!.samples.length;
        j++;
      }
      await writeFile(file, toOpenMetrics(series.slice(i, j)));
      await run$('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', file, tsdb], {
        maxBuffer: 16 << 20,
      });
      i = j;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Waits until Prometheus answers `query` at `at` with a non-empty result: it picks up new blocks on its next
 * block reload (about once a minute). False when `timeoutMs` passed first.
 */
export async function waitForBlocks(
  prometheusUrl: string,
  query: string,
  at: Date,
  timeoutMs = 120_000,
  onWait: () => void = () => {},
): Promise<boolean> {
  const prom = new PrometheusDriver({ endpoint: prometheusUrl, baseURL: '/api/v1' });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const r = await prom.instantQuery(query, at).catch(() => null);
    if (r && r.result.length > 0) return true;
    onWait();
    await new Promise((r2) => setTimeout(r2, 2000));
  }
  return false;
}
