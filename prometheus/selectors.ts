import type { LabelMatch } from '../contracts/label-matcher.ts';

/**
 * PromQL written from data: selectors of a metric and its matchers, with every label value quoted, so no value a
 * user stores can change the query's meaning (`x"} or vector(1)` stays a label value).
 */

/** `label=~"value"`, as PromQL writes a matcher (the value quoted as a JSON string, which PromQL reads alike). */
export function formatMatcher(m: LabelMatch): string {
  return `${m.label}${m.op}${JSON.stringify(m.value)}`;
}

/** RE2 metacharacters: a label value escaped with these matches only itself inside `=~`. */
const RE2_SPECIAL = /[\\.+*?()|[\]{}^$]/g;

/** A regex matching exactly `value`, for an alternation of label values inside `=~`. */
export function regexLiteral(value: string): string {
  return value.replace(RE2_SPECIAL, '\\$&');
}

/** The instant-vector selector of a catalog entry, e.g. `node_filefd_allocated{job=~"host|demo"}`. */
export function selector(metric: string, matchers: readonly LabelMatch[]): string {
  return `${metric}{${matchers.map(formatMatcher).join(',')}}`;
}

/** The selector of exactly one series: every label of it, matched for equality. */
export function seriesSelector(metric: string, labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => formatMatcher({ label: k, op: '=', value: labels[k]! }));
  return `${metric}{${parts.join(',')}}`;
}
