import type { RetrievalClient } from '../../api/retrieval/client.ts';
import type { Calls } from '../../api/retrieval/messages.ts';
import type { StreamMethod } from '../../api/retrieval/proto.ts';
import type { ParsedArgs, Subcommand } from './args.ts';
import { EXIT } from './exit-codes.ts';
import { plain } from './format.ts';
import { Progress } from './progress.ts';
import {
  adfTable,
  forecastTable,
  metricsTable,
  PageRenderer,
  runsTable,
  seriesBudgetsTable,
  seriesTable,
  slosTable,
} from './render.ts';

/**
 * The non-interactive subcommands: one call each, a table (or JSON with --json) on stdout, progress of streams
 * on stderr, and the next page token on stderr when there is more, so a script can page on.
 */

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where stream progress goes (stderr). */
  progressStream: NodeJS.WriteStream;
}

const UNARY_DEADLINE_MS = 10_000;

const STREAMS: Partial<Record<Subcommand, StreamMethod>> = {
  decomposition: 'ListDecomposition',
  hp: 'ListHodrickPrescott',
  acf: 'ListAutocorrelation',
  aggregates: 'ListAggregates',
};

/** Items of a page, flattened with their run, for one-JSON-object-per-line output. */
function itemsOf(method: StreamMethod, page: Calls[StreamMethod]['response']): Record<string, unknown>[] {
  const run = { run_id: page.run?.run_id, series: page.run?.series?.key };
  const rows = (() => {
    switch (method) {
      case 'ListDecomposition':
        return (page as Calls['ListDecomposition']['response']).points;
      case 'ListHodrickPrescott':
        return (page as Calls['ListHodrickPrescott']['response']).points;
      case 'ListAutocorrelation':
        return (page as Calls['ListAutocorrelation']['response']).values;
      case 'ListAggregates':
        return (page as Calls['ListAggregates']['response']).aggregates;
    }
  })() as object[];
  return rows.map((item) => ({ ...run, ...(plain(item) as object) }));
}

function pageItems(page: Calls[StreamMethod]['response']): number {
  if ('points' in page) return page.points.length;
  if ('values' in page) return page.values.length;
  return page.aggregates.length;
}

function render(renderer: PageRenderer, method: StreamMethod, page: Calls[StreamMethod]['response']): string {
  switch (method) {
    case 'ListDecomposition':
      return renderer.decomposition(page as Calls['ListDecomposition']['response']);
    case 'ListHodrickPrescott':
      return renderer.hodrickPrescott(page as Calls['ListHodrickPrescott']['response']);
    case 'ListAutocorrelation':
      return renderer.autocorrelation(page as Calls['ListAutocorrelation']['response']);
    case 'ListAggregates':
      return renderer.aggregates(page as Calls['ListAggregates']['response']);
  }
}

async function runStream(
  client: RetrievalClient,
  args: ParsedArgs,
  method: StreamMethod,
  io: Output,
): Promise<number> {
  const progress = new Progress(method, io.progressStream, !args.quiet);
  const renderer = new PageRenderer();
  const pages = client.stream(method, args.query, { deadlineMs: args.connection.deadlineMs });
  let last = '';
  for await (const page of pages) {
    if (args.json)
      io.out(
        `${itemsOf(method, page)
          .map((i) => JSON.stringify(i))
          .join('\n')}\n`,
      );
    else io.out(render(renderer, method, page));
    progress.add(pageItems(page));
    last = page.next_page_token;
  }
  progress.done();
  // Only a stream cut short by --limit has more to resume; a complete stream's last token resumes nothing.
  if (args.query.limit && last) io.err(`next page: --page-token ${last}\n`);
  return EXIT.ok;
}

export async function runSubcommand(client: RetrievalClient, args: ParsedArgs, io: Output): Promise<number> {
  const stream = STREAMS[args.command as Subcommand];
  if (stream) return runStream(client, args, stream, io);
  const deadlineMs = args.connection.deadlineMs ?? UNARY_DEADLINE_MS;
  const print = (response: unknown, text: () => string, next?: string) => {
    io.out(args.json ? `${JSON.stringify(plain(response), null, 2)}\n` : text());
    if (next) io.err(`next page: --page-token ${next}\n`);
    return EXIT.ok;
  };
  switch (args.command) {
    case 'metrics': {
      const r = await client.call('ListMetrics', {}, { deadlineMs });
      return print(r, () => metricsTable(r));
    }
    case 'series': {
      const q = args.query;
      const r = await client.call(
        'ListSeries',
        { metric: q.metric, matchers: q.matchers ?? [], limit: q.limit ?? 0, page_token: q.page_token ?? '' },
        { deadlineMs },
      );
      return print(r, () => seriesTable(r), r.next_page_token);
    }
    case 'runs': {
      const r = await client.call('ListRuns', args.query, { deadlineMs });
      return print(r, () => runsTable(r), r.next_page_token);
    }
    case 'adf': {
      const r = await client.call('GetDickeyFuller', args.query, { deadlineMs });
      return print(r, () => adfTable(r), r.next_page_token);
    }
    case 'forecast': {
      const r = await client.call('GetLatestForecast', args.query, { deadlineMs });
      return print(r, () => forecastTable(r), r.next_page_token);
    }
    case 'slos': {
      const q = { limit: args.query.limit ?? 0, page_token: args.query.page_token ?? '' };
      const r = await client.call('ListSlos', q, { deadlineMs });
      return print(r, () => slosTable(r), r.next_page_token);
    }
    case 'series-budgets': {
      const q = {
        sla_id: args.slaId ?? 0,
        limit: args.query.limit ?? 0,
        page_token: args.query.page_token ?? '',
      };
      const r = await client.call('ListSeriesBudgets', q, { deadlineMs });
      return print(r, () => seriesBudgetsTable(r), r.next_page_token);
    }
    default:
      throw new Error(`no handler for ${args.command}`);
  }
}
