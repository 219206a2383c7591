/**
 * The retrieval API over a fleet (issue 17): one metric of SERIES series (default 10,000), each with a latest
 * run, read whole the way `vigil retrieve` and scripts read it, page by page, each call against the deadline the
 * client gives it (unary 10 s as the subcommands, streams 30 s as the interactive client). Prints each call's
 * slowest page and the whole read. The seeded runs carry every section but the HP and decomposition component
 * series (stored as failed sections), which would make seeding 10,000 runs take many minutes.
 * Run on the test stack: `VIGIL_PROFILE=test npm run bench:retrieval-fleet` (SERIES=10000 by default).
 */
import type { RetrievalClient } from '../api/retrieval/client.ts';
import { config } from '../config/index.ts';
import { openDatabase } from '../drizzle/db.ts';
import { analyzedMessage } from '../test/support/analysis-messages.ts';
import { startTestServer, storeMessages, uniqueMetric } from '../test/support/retrieval.ts';

const SERIES = Number(process.env.SERIES ?? 10_000);
const UNARY_DEADLINE_MS = 10_000;
const STREAM_DEADLINE_MS = 30_000;
const env = config();
const metric = uniqueMetric('bench_fleet');
const end = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000);

function failed(section: string) {
  return { error: { code: 'NOT_STORED', message: `${section} left out of the fleet bench` } };
}

async function pagedUnary(
  client: RetrievalClient,
  method: 'ListSeries' | 'GetDickeyFuller' | 'GetLatestForecast',
): Promise<void> {
  let token = '';
  let pages = 0;
  let items = 0;
  let slowest = 0;
  const t0 = performance.now();
  do {
    const p0 = performance.now();
    const page = (await client.call(method, { metric, limit: 1000, page_token: token } as never, {
      deadlineMs: UNARY_DEADLINE_MS,
    })) as unknown as { next_page_token: string } & Record<string, unknown[] | undefined>;
    slowest = Math.max(slowest, performance.now() - p0);
    items += (page.series ?? page.results ?? page.forecasts ?? []).length;
    token = page.next_page_token;
    pages++;
  } while (token !== '');
  report(method, items, pages, slowest, performance.now() - t0, UNARY_DEADLINE_MS);
}

async function wholeStream(
  client: RetrievalClient,
  method: 'ListAggregates' | 'ListAutocorrelation',
): Promise<void> {
  let pages = 0;
  let slowest = 0;
  const t0 = performance.now();
  let p0 = t0;
  for await (const _ of client.stream(method, { metric }, { deadlineMs: STREAM_DEADLINE_MS })) {
    slowest = Math.max(slowest, performance.now() - p0);
    p0 = performance.now();
    pages++;
  }
  const total = performance.now() - t0;
  report(method, pages, pages, slowest, total, STREAM_DEADLINE_MS, true);
}

function report(
  method: string,
  items: number,
  pages: number,
  slowestMs: number,
  totalMs: number,
  deadlineMs: number,
  stream = false,
): void {
  const within = (stream ? totalMs : slowestMs) < deadlineMs;
  process.stdout.write(
    `${method.padEnd(20)} ${String(items).padStart(6)} ${stream ? 'runs  ' : 'items '} ${String(pages).padStart(5)} ` +
      `${stream ? 'messages' : 'calls   '}  slowest ${slowestMs.toFixed(0).padStart(5)} ms   whole read ` +
      `${totalMs.toFixed(0).padStart(6)} ms   deadline ${deadlineMs / 1000} s ${stream ? '(the stream)' : '(each call)'}: ` +
      `${within ? 'within' : 'EXCEEDED'}\n`,
  );
}

async function main(): Promise<void> {
  const database = openDatabase(env.MYSQL_URL);
  const harness = await startTestServer(database);
  try {
    const t0 = performance.now();
    for (let i = 0; i < SERIES; i += 500) {
      const part = Array.from({ length: Math.min(500, SERIES - i) }, (_, k) => {
        const m = analyzedMessage({
          cycleId: 'bench-fleet',
          metric,
          labels: { host: `h${i + k + 1}`, job: 'fleet' },
          windowEnd: end,
          seed: 1 + ((i + k) % 6),
        });
        return {
          ...m,
          report: { ...m.report, hp: failed('hp'), decompose: failed('decompose') },
        } as typeof m;
      });
      await storeMessages(database, part);
    }
    process.stdout.write(`seeded ${SERIES} series in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    const l0 = performance.now();
    const metrics = await harness.client.call('ListMetrics', {}, { deadlineMs: UNARY_DEADLINE_MS });
    const mine = metrics.metrics.find((m) => m.metric === metric);
    report(
      'ListMetrics',
      mine?.series_count ?? 0,
      1,
      performance.now() - l0,
      performance.now() - l0,
      UNARY_DEADLINE_MS,
    );
    for (const method of ['ListSeries', 'GetDickeyFuller', 'GetLatestForecast'] as const) {
      await pagedUnary(harness.client, method);
    }
    for (const method of ['ListAggregates', 'ListAutocorrelation'] as const)
      await wholeStream(harness.client, method);
  } finally {
    await harness.close();
    await database.close();
  }
}

await main();
