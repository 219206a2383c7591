import { createInterface } from 'node:readline';
import type { RetrievalClient } from '../client.ts';
import type { MetricSummary } from '../messages.ts';
import { describe, EXIT, exitCodeOf } from './exit-codes.ts';
import { formatTime, seriesLabel, table } from './format.ts';
import { adfTable, forecastTable, PageRenderer } from './render.ts';

/**
 * The original's menu: one entry per metric the server has, "all metrics" and "exit". Choosing a metric prints
 * the latest run of each of its series: Dickey-Fuller, aggregates, autocorrelation (first lags), the last point
 * of the decomposition and of the Hodrick-Prescott filter, and the forecast. Any input that is not a choice is
 * answered with what is expected and the menu again; a failing call is reported and the menu stays.
 */

export interface Terminal {
  input: NodeJS.ReadableStream;
  out: (text: string) => void;
}

const ACF_LAGS = 10;
const DEADLINE_MS = 30_000;

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

async function showMetric(
  client: RetrievalClient,
  metric: string,
  out: (text: string) => void,
): Promise<void> {
  const query = { metric, limit: 1000 };
  const opts = { deadlineMs: DEADLINE_MS };
  out(`\n== ${metric} ==\n\nAugmented Dickey-Fuller (latest run of each series)\n`);
  out(adfTable(await client.call('GetDickeyFuller', query, opts)));

  out('\nAggregates\n');
  const renderer = new PageRenderer();
  for await (const page of client.stream('ListAggregates', { metric }, opts)) out(renderer.aggregates(page));

  const acfRows: (string | number | undefined)[][] = [];
  for await (const page of client.stream('ListAutocorrelation', { metric }, opts)) {
    const byLag = new Map(page.values.map((v) => [v.lag, v.value]));
    acfRows.push([
      seriesLabel(page.run?.series),
      ...Array.from({ length: ACF_LAGS }, (_, i) => byLag.get(i + 1)),
    ]);
  }
  out(`\nAutocorrelation (lags 1-${ACF_LAGS})\n`);
  out(table(['series', ...Array.from({ length: ACF_LAGS }, (_, i) => `lag ${i + 1}`)], acfRows));

  const decomposition = new Map<number, (string | number | undefined)[]>();
  for await (const page of client.stream('ListDecomposition', { metric }, opts)) {
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
  for await (const page of client.stream('ListHodrickPrescott', { metric }, opts)) {
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
  out(forecastTable(await client.call('GetLatestForecast', query, opts)));
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
      const chosen = parsed.choice === entries - 1 ? metrics : [metrics[parsed.choice - 1]!];
      for (const m of chosen) {
        try {
          await showMetric(client, m.metric, term.out);
        } catch (err) {
          term.out(`\ncould not read ${m.metric}: ${describe(err)}\n`);
        }
      }
    }
  } finally {
    rl.close();
  }
}
