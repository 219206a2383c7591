/**
 * Single-flight cache for answers that are fixed for a whole minute: the status route evaluates at the last
 * whole minute, so every request within that minute asks Prometheus the same range query. Sharing one query per
 * (key, minute) keeps the route at in-memory speed under load without changing any answer; entries of earlier
 * minutes are dropped as soon as a new minute is asked for, and the map is bounded.
 */
export class MinuteCache<T> {
  private minute = Number.NaN;
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly maxEntries = 10_000) {}

  get(minuteMs: number, key: string, load: () => Promise<T>): Promise<T> {
    if (minuteMs !== this.minute) {
      this.entries.clear();
      this.minute = minuteMs;
    }
    const hit = this.entries.get(key);
    if (hit) return hit;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    // A failed load is not cached: the next request retries Prometheus.
    const loading = load().catch((err: unknown) => {
      if (this.entries.get(key) === loading) this.entries.delete(key);
      throw err;
    });
    this.entries.set(key, loading);
    return loading;
  }
}
