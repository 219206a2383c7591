import type { SlaMatcher } from '../../contracts/sla.ts';

/**
 * PromQL label-matcher semantics in JavaScript, for stored series (the forecast route matches the catalog in
 * MySQL, not through Prometheus): regexes are fully anchored, and a missing label matches as the empty string.
 */
export function matchesAll(labels: Record<string, string>, matchers: readonly SlaMatcher[]): boolean {
  return matchers.every((m) => {
    const value = labels[m.label] ?? '';
    if (m.op === '=') return value === m.value;
    if (m.op === '!=') return value !== m.value;
    const matched = new RegExp(`^(?:${m.value})$`).test(value);
    return m.op === '=~' ? matched : !matched;
  });
}
