import type { DemoSeries } from './node-history.ts';

function escapeLabel(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/**
 * OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`: one family per metric (TYPE/HELP once,
 * all its series after), timestamps in seconds, and the mandatory `# EOF`.
 */
export function toOpenMetrics(series: DemoSeries[]): string {
  const families = new Map<string, DemoSeries[]>();
  for (const s of series) families.set(s.metric, [...(families.get(s.metric) ?? []), s]);
  const lines: string[] = [];
  for (const [metric, members] of families) {
    lines.push(`# HELP ${metric} ${members[0]!.help}`, `# TYPE ${metric} gauge`);
    for (const s of members) {
      const labels = Object.entries(s.labels)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(',');
      for (const [t, v] of s.samples) lines.push(`${metric}{${labels}} ${v} ${t}`);
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}
