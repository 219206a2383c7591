import type { LabelMatcher, RunQuery, RunSelector } from '../../api/retrieval/messages.ts';
import { toTimestamp } from '../../api/retrieval/timestamp.ts';

/**
 * `vigil retrieve` arguments → a typed command. Pure, so every mistake a user can type is unit-tested; each
 * failure is a UsageError (exit code 2) that says which option is wrong.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const SUBCOMMANDS = {
  metrics: 'list metrics that have stored series',
  series: 'list the series of a metric',
  runs: 'list stored runs',
  adf: 'augmented Dickey-Fuller test (unary)',
  decomposition: 'seasonal decomposition, point by point (stream)',
  hp: 'Hodrick-Prescott trend and cycle, point by point (stream)',
  acf: 'autocorrelation by lag (stream)',
  aggregates: 'window statistics (stream)',
  forecast: 'latest Holt-Winters forecast and its model',
  slos: 'SLA objectives, least remaining error budget first (--limit, --page-token)',
  'series-budgets': "an SLA's series, least remaining error budget first (--sla ID, --limit, --page-token)",
  interactive: 'menu: one entry per metric, all metrics, exit (the default without a subcommand)',
} as const;
export type Subcommand = keyof typeof SUBCOMMANDS;

export interface Connection {
  address?: string | undefined;
  tls: boolean;
  deadlineMs?: number | undefined;
}

export interface ParsedArgs {
  command: Subcommand | 'help';
  connection: Connection;
  query: RunQuery;
  json: boolean;
  quiet: boolean;
  /** series-budgets: the SLA whose series are listed. */
  slaId?: number;
}

const VALUE_OPTIONS = new Set([
  '--metric',
  '--series',
  '--run',
  '--from',
  '--to',
  '--limit',
  '--page-size',
  '--page-token',
  '--address',
  '--deadline',
  '--sla',
]);
const FLAGS = new Set(['--json', '--quiet', '--tls', '--latest', '--help', '-h']);

const CLI_OPS = { '=': 'EQUAL', '!=': 'NOT_EQUAL', '=~': 'MATCH_REGEX', '!~': 'NOT_MATCH_REGEX' } as const;

/**
 * `label=value,label!=value,label=~regex,…` — the original's partition (docs/architecture.md), as label matchers
 * (PromQL operators).
 */
export function parseSeries(text: string): LabelMatcher[] {
  if (text.trim() === '') throw new UsageError('--series: empty; expected label=value[,label!=value…]');
  return text.split(',').map((part) => {
    const m = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(!=|=~|!~|=)(.*)$/.exec(part);
    if (!m) throw new UsageError(`--series: ${JSON.stringify(part)} is not label=value, !=, =~ or !~`);
    const value = m[3]!.trim().replace(/^"(.*)"$/, '$1');
    return { label: m[1]!, op: CLI_OPS[m[2] as keyof typeof CLI_OPS], value };
  });
}

function count(name: string, text: string): number {
  if (!/^\d+$/.test(text))
    throw new UsageError(`${name}: ${JSON.stringify(text)} is not a non-negative integer`);
  return Number(text);
}

function instant(name: string, text: string): ReturnType<typeof toTimestamp> {
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || !Number.isFinite(ms)) {
    throw new UsageError(
      `${name}: ${JSON.stringify(text)} is not an ISO-8601 instant (2026-01-31T12:00:00Z)`,
    );
  }
  return toTimestamp(new Date(ms));
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_OPTIONS.has(name)) {
      const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      if (values.has(name)) throw new UsageError(`${name} given twice`);
      values.set(name, value);
    } else if (FLAGS.has(arg)) flags.add(arg);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (flags.has('--help') || flags.has('-h') || positional[0] === 'help') {
    return { command: 'help', connection: { tls: false }, query: { metric: '' }, json: false, quiet: false };
  }
  if (positional.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(positional[1])}`);
  const command = (positional[0] ?? 'interactive') as Subcommand;
  if (!(command in SUBCOMMANDS)) throw new UsageError(`unknown subcommand ${JSON.stringify(positional[0])}`);

  const metric = values.get('--metric') ?? '';
  const needsMetric = !['metrics', 'interactive', 'slos', 'series-budgets'].includes(command);
  if (needsMetric && metric === '') throw new UsageError(`${command} needs --metric NAME`);
  const sla = values.get('--sla');
  if (command === 'series-budgets' && sla === undefined)
    throw new UsageError('series-budgets needs --sla ID');
  const slaId = sla === undefined ? undefined : count('--sla', sla);
  if (slaId === 0) throw new UsageError('--sla: SLA ids start at 1');

  const query: RunQuery = { metric };
  const series = values.get('--series');
  if (series !== undefined) query.matchers = parseSeries(series);
  const run = values.get('--run');
  const from = values.get('--from');
  const to = values.get('--to');
  const selectors = [run !== undefined, from !== undefined || to !== undefined, flags.has('--latest')];
  if (selectors.filter(Boolean).length > 1) {
    throw new UsageError('choose one of --run ID, --from/--to or --latest');
  }
  let runs: RunSelector | undefined;
  if (run !== undefined) {
    const id = count('--run', run);
    if (id === 0) throw new UsageError('--run: run ids start at 1');
    runs = { run_id: id };
  } else if (from !== undefined || to !== undefined) {
    runs = {
      window_end: {
        ...(from !== undefined ? { from: instant('--from', from) } : {}),
        ...(to !== undefined ? { to: instant('--to', to) } : {}),
      },
    };
  } else if (flags.has('--latest')) runs = { latest: true };
  if (runs) query.runs = runs;
  const limit = values.get('--limit');
  if (limit !== undefined) query.limit = count('--limit', limit);
  const pageSize = values.get('--page-size');
  if (pageSize !== undefined) query.page_size = count('--page-size', pageSize);
  const token = values.get('--page-token');
  if (token !== undefined) query.page_token = token;

  const deadline = values.get('--deadline');
  const address = values.get('--address');
  if (address !== undefined && !/^[^\s:]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(address)) {
    throw new UsageError(`--address: ${JSON.stringify(address)} is not host:port`);
  }
  return {
    command,
    connection: {
      address,
      tls: flags.has('--tls'),
      deadlineMs: deadline === undefined ? undefined : count('--deadline', deadline),
    },
    query,
    json: flags.has('--json'),
    quiet: flags.has('--quiet'),
    ...(slaId === undefined ? {} : { slaId }),
  };
}

export function usage(): string {
  const lines = Object.entries(SUBCOMMANDS).map(([name, text]) => `  ${name.padEnd(14)} ${text}`);
  return `usage: vigil retrieve [subcommand] [options]

subcommands:
${lines.join('\n')}

options:
  --metric NAME            metric name (required except for metrics, slos, series-budgets and interactive)
  --sla ID                 series-budgets: the SLA (its REST id)
  --series 'l=v,l2!~re'    label matchers (=, !=, =~, !~ as in PromQL; all series of the metric by default)
  --run ID | --from T [--to T] | --latest
                           which runs: one run, runs whose window ends in [from, to), or the latest (default)
  --limit N                unary: items per response (default 100); streams: items in total (default all)
  --page-size N            streams: items per streamed page (default 1000)
  --page-token TOKEN       resume after a previous page
  --json                   JSON output (streams: one JSON object per item and line)
  --quiet                  no progress on stderr
  --address HOST:PORT      server (default VIGIL_HOST:VIGIL_GRPC_PORT)
  --tls                    TLS (also on when VIGIL_GRPC_TLS_CA is set); VIGIL_API_TOKEN is sent as bearer token
  --deadline MS            per-call deadline (default 10000 for unary calls, none for streams)

exit codes: 0 ok, 1 other failure, 2 bad arguments, 3 not found, 4 server unavailable, 5 not authorised
`;
}
