/**
 * Prometheus answers, normalised: a series is known by its labels without `__name__` (the metric is the
 * caller's), the form series keys are made of.
 */

export function labelsOf(metric: { labels: unknown }): Record<string, string> {
  return Object.fromEntries(
    Object.entries(metric.labels as Record<string, string>).filter(([k]) => k !== '__name__'),
  );
}
