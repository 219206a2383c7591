/**
 * The identity of a series: metric name plus its sorted label set, e.g.
 * `node_filesystem_free_bytes{device="/dev/sda1",job="host",mountpoint="/"}`. Used as the Kafka key (so one
 * series stays on one partition, in order), in message ids and as the storage's natural key.
 */
export function seriesKey(metric: string, labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `${metric}{${parts.join(',')}}`;
}

/** The message id: the same cycle re-publishing a series yields the same id, so consumers can drop repeats. */
export function messageId(cycleId: string, key: string): string {
  return `${cycleId}:${key}`;
}
