import { createInterface } from 'node:readline';
import type { RetrievalClient } from '../../api/retrieval/client.ts';
import type { LabelMatcher, MetricSummary, Series } from '../../api/retrieval/messages.ts';
import { parseSeries, UsageError } from './args.ts';
import { describe, EXIT, exitCodeOf } from './exit-codes.ts';
import { formatTime, seriesLabel, table } from './format.ts';
import { adfTable, forecastTable, PageRenderer } from './render.ts';

/**
 * The original's menu (docs/architecture.md): one entry per metric the server has, "all metrics" and "exit".
 * Choosing a metric prints the latest run of each of its series: Dickey-Fuller, aggregates, autocorrelation (first lags), the last point
 * of the decomposition and of the Hodrick-Prescott filter, and the forecast. Any input that is not a choice is
 * answered with what is expected and the menu again; a failing call is reported and the menu stays.
 */

export interface Terminal {
  input: NodeJS.ReadableStream;
  out: (text: string) => void;
}

const ACF_LAGS = 10;
const DEADLINE_MS = 30_000;
/** Series per page of a metric's tables. */
export const SERIES_PAGE = 20;
/** Items per unary call when reading a whole metric (the server's most). */
const CALL_LIMIT = 1000;

function menu(metrics: readonly MetricSummary[]): string {
  const lines = metrics.map(
    (m, i) => `  ${String(i + 1).padStart(2)}) ${m.metric} (${m.series_count} series)`,
  );
  lines.push(`  ${String(metrics.length + 1).padStart(2)}) all metrics`);
  lines.push(`  ${String(metrics.length + 2).padStart(2)}) exit`);
  return `\nmetrics:\n${lines.join('\n')}\n`;
}

/** The menu entry a line chooses, or a message saying what was expected. */
export function parseChoice(line: string, entries: number): { choice: number } | { problem: string } {
  const text = line.trim();
  if (!/^\d+$/.test(text)) {
    return { problem: `${JSON.stringify(text)} is not a choice: enter a number from 1 to ${entries}` };
  }
  const n = Number(text);
  if (n < 1 || n > entries)
    return { problem: `${n} is not on the menu: enter a number from 1 to ${entries}` };
  return { choice: n };
}

/**
 * Which series a table shows: the whole metric, or exactly these series (each read with matchers on all its
 * labels; a series with more labels matches those too, so rows are kept by series key).
 */
type Scope = { metric: string; series?: readonly Series[] };

function queriesOf(scope: Scope): { metric: string; matchers: LabelMatcher[] }[] {
  if (!scope.series) return [{ metric: scope.metric, matchers: [] }];
  return scope.series.map((s) => ({
    metric: scope.metric,
    matchers: Object.entries(s.labels).map(([label, value]) => ({ label, op: 'EQUAL' as const, value })),
  }));
}

function keeps(scope: Scope): (series: Series | null | undefined) => boolean {
  if (!scope.series) return () => true;
  const keys = new Set(scope.series.map((s) => s.key));
  return (series) => keys.has(series?.key ?? '');
}

async function* streamScope<
  M extends 'ListAggregates' | 'ListAutocorrelation' | 'ListDecomposition' | 'ListHodrickPrescott',
>(client: RetrievalClient, method: M, scope: Scope) {
  const keep = keeps(scope);
  for (const q of queriesOf(scope)) {
    for await (const page of client.stream(method, q, { deadlineMs: DEADLINE_MS })) {
      if (keep(page.run?.series)) yield page;
    }
  }
}

async function showMetric(client: RetrievalClient, scope: Scope, out: (text: string) => void): Promise<void> {
  const metric = scope.metric;
  const opts = { deadlineMs: DEADLINE_MS };
  const keep = keeps(scope);
  const adf = [];
  const forecasts = [];
  for (const q of queriesOf(scope)) {
    const query = { ...q, limit: CALL_LIMIT };
    adf.push(
      ...(await client.call('GetDickeyFuller', query, opts)).results.filter((r) => keep(r.run?.series)),
    );
    forecasts.push(
      ...(await client.call('GetLatestForecast', query, opts)).forecasts.filter((f) => keep(f.run?.series)),
    );
  }
  out(`\n== ${metric} ==\n\nAugmented Dickey-Fuller (latest run of each series)\n`);
  out(adfTable({ results: adf, next_page_token: '' }));

  out('\nAggregates\n');
  const renderer = new PageRenderer();
  for await (const page of streamScope(client, 'ListAggregates', scope)) out(renderer.aggregates(page));

  const acfRows: (string | number | undefined)[][] = [];
  for await (const page of streamScope(client, 'ListAutocorrelation', scope)) {
    const byLag = new Map(page.values.map((v) => [v.lag, v.value]));
    acfRows.push([
      seriesLabel(page.run?.series),
      ...Array.from({ length: ACF_LAGS }, (_, i) => byLag.get(i + 1)),
    ]);
  }
  out(`\nAutocorrelation (lags 1-${ACF_LAGS})\n`);
  out(table(['series', ...Array.from({ length: ACF_LAGS }, (_, i) => `lag ${i + 1}`)], acfRows));

  const decomposition = new Map<number, (string | number | undefined)[]>();
  for await (const page of streamScope(client, 'ListDecomposition', scope)) {
    const p = page.points.at(-1);
    if (p) {
      decomposition.set(page.run!.run_id, [
        seriesLabel(page.run?.series),
        page.period,
        p.index,
        formatTime(p.timestamp),
        p.trend,
        p.seasonal,
        p.resid,
      ]);
    }
  }
  out('\nSeasonal decomposition (last point)\n');
  out(
    table(['series', 'period', 'index', 'time', 'trend', 'seasonal', 'resid'], [...decomposition.values()]),
  );

  const hp = new Map<number, (string | number | undefined)[]>();
  for await (const page of streamScope(client, 'ListHodrickPrescott', scope)) {
    const p = page.points.at(-1);
    if (p) {
      hp.set(page.run!.run_id, [
        seriesLabel(page.run?.series),
        page.lambda,
        p.index,
        formatTime(p.timestamp),
        p.trend,
        p.cycle,
      ]);
    }
  }
  out('\nHodrick-Prescott (last point)\n');
  out(table(['series', 'lambda', 'index', 'time', 'trend', 'cycle'], [...hp.values()]));

  out('\nHolt-Winters forecast\n');
  out(forecastTable({ forecasts, next_page_token: '' }));
}

/** Every series of the metric the matchers select, page by page of ListSeries. */
async function listSeries(
  client: RetrievalClient,
  metric: string,
  matchers: LabelMatcher[],
): Promise<Series[]> {
  const out: Series[] = [];
  let token = '';
  do {
    const page = await client.call(
      'ListSeries',
      { metric, matchers, limit: CALL_LIMIT, page_token: token },
      { deadlineMs: DEADLINE_MS },
    );
    out.push(...page.series.flatMap((s) => (s.series ? [s.series] : [])));
    token = page.next_page_token;
  } while (token !== '');
  return out;
}

/** The N series least stationary: the highest ADF p-value of their latest run (failed runs last). */
async function worstByAdf(client: RetrievalClient, metric: string, n: number): Promise<Series[]> {
  const scored: { series: Series; p: number }[] = [];
  let token = '';
  do {
    const page = await client.call(
      'GetDickeyFuller',
      { metric, limit: CALL_LIMIT, page_token: token },
      { deadlineMs: DEADLINE_MS },
    );
    for (const r of page.results) {
      if (r.run?.series) scored.push({ series: r.run.series, p: r.adf?.pvalue ?? Number.NEGATIVE_INFINITY });
    }
    token = page.next_page_token;
  } while (token !== '');
  return scored
    .sort((a, b) => b.p - a.p || (a.series.key < b.series.key ? -1 : 1))
    .slice(0, n)
    .map((s) => s.series);
}

const FILTER_HELP = `narrow down (an empty line keeps every series):
  label=value,label!=value   label matchers
  /text                      series whose labels contain text
  worst N                    the N least stationary series (highest ADF p-value)
`;

/** The series a filter line selects, or a message saying what was expected. */
async function narrow(
  client: RetrievalClient,
  metric: string,
  line: string,
): Promise<{ series: Series[]; what: string } | { problem: string }> {
  const text = line.trim();
  if (text === '') return { series: await listSeries(client, metric, []), what: 'all series' };
  if (text.startsWith('/')) {
    const needle = text.slice(1).toLowerCase();
    const all = await listSeries(client, metric, []);
    return {
      series: all.filter((s) => s.key.toLowerCase().includes(needle)),
      what: `containing "${needle}"`,
    };
  }
  const worst = /^worst\s+(\d+)$/i.exec(text);
  if (worst) {
    const n = Number(worst[1]);
    if (n < 1) return { problem: 'worst N needs N of at least 1' };
    return { series: await worstByAdf(client, metric, n), what: `the ${n} least stationary` };
  }
  try {
    const matchers = parseSeries(text);
    return { series: await listSeries(client, metric, matchers), what: text };
  } catch (err) {
    if (err instanceof UsageError)
      return { problem: `${err.message.replace(/^--series: /, '')}\n${FILTER_HELP}` };
    throw err;
  }
}

type Lines = AsyncIterator<string>;

async function ask(lines: Lines, term: Terminal, prompt: string): Promise<string | undefined> {
  term.out(prompt);
  const next = await lines.next();
  return next.done ? undefined : next.value;
}

/**
 * A fleet metric: narrow down, then page through the selection. Returns at "m" (back to the menu) or the end of
 * input (undefined).
 */
async function browse(
  client: RetrievalClient,
  m: MetricSummary,
  lines: Lines,
  term: Terminal,
): Promise<boolean> {
  for (;;) {
    term.out(`\n${m.metric} has ${m.series_count} series; ${FILTER_HELP}`);
    const line = await ask(lines, term, 'filter: ');
    if (line === undefined) return false;
    const narrowed = await narrow(client, m.metric, line);
    if ('problem' in narrowed) {
      term.out(`${narrowed.problem}\n`);
      continue;
    }
    const { series, what } = narrowed;
    if (series.length === 0) {
      term.out(`no series of ${m.metric} match ${what}\n`);
      continue;
    }
    const pages = Math.ceil(series.length / SERIES_PAGE);
    let page = 0;
    for (;;) {
      const first = page * SERIES_PAGE;
      const shown = series.slice(first, first + SERIES_PAGE);
      term.out(
        `\nseries ${first + 1}-${first + shown.length} of ${series.length} (${what}), page ${page + 1}/${pages}\n`,
      );
      await showMetric(client, { metric: m.metric, series: shown }, term.out);
      const action = await ask(lines, term, `\n[n]ext, [p]revious, [f]ilter again, [m]enu: `);
      if (action === undefined) return false;
      const key = action.trim().toLowerCase();
      if (key === 'm') return true;
      if (key === 'f') break;
      if (key === 'n' || key === '') page = Math.min(page + 1, pages - 1);
      else if (key === 'p') page = Math.max(page - 1, 0);
      else term.out(`${JSON.stringify(key)} is not n, p, f or m\n`);
    }
  }
}

/** Runs the menu until "exit" or the end of input; returns the exit code. */
export async function interactive(client: RetrievalClient, term: Terminal): Promise<number> {
  let metrics: MetricSummary[];
  try {
    metrics = (await client.call('ListMetrics', {}, { deadlineMs: DEADLINE_MS })).metrics;
  } catch (err) {
    term.out(`vigil retrieve: ${describe(err)}\n`);
    return exitCodeOf(err);
  }
  if (metrics.length === 0) {
    term.out('no metrics stored yet: run a pipeline cycle first\n');
    return EXIT.ok;
  }
  const rl = createInterface({ input: term.input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const entries = metrics.length + 2;
  try {
    for (;;) {
      term.out(menu(metrics));
      term.out(`choose [1-${entries}]: `);
      const next = await lines.next();
      if (next.done) {
        term.out('\n');
        return EXIT.ok;
      }
      const parsed = parseChoice(next.value, entries);
      if ('problem' in parsed) {
        term.out(`${parsed.problem}\n`);
        continue;
      }
      if (parsed.choice === entries) return EXIT.ok;
      const all = parsed.choice === entries - 1;
      const chosen = all ? metrics : [metrics[parsed.choice - 1]!];
      for (const m of chosen) {
        try {
          if (m.series_count <= SERIES_PAGE) await showMetric(client, { metric: m.metric }, term.out);
          else if (all) {
            const series = (await listSeries(client, m.metric, [])).slice(0, SERIES_PAGE);
            await showMetric(client, { metric: m.metric, series }, term.out);
            term.out(
              `\n(${SERIES_PAGE} of ${m.series_count} series of ${m.metric}: choose it alone to narrow down and page)\n`,
            );
          } else if (!(await browse(client, m, lines, term))) {
            term.out('\n');
            return EXIT.ok;
          }
        } catch (err) {
          term.out(`\ncould not read ${m.metric}: ${describe(err)}\n`);
        }
      }
    }
  } finally {
    rl.close();
  }
}
