import { Counter, Gauge } from 'prom-client';
import type { WindowStatsCache } from '../prometheus/window-stats.ts';
import { registry } from './metrics-server.ts';

/** The SLA worker's cache of past pieces of windows (prometheus/window-stats.ts), read when /metrics is scraped. */
export function registerWindowCacheMetrics(cache: WindowStatsCache): void {
  new Gauge({
    name: 'vigil_sla_window_cache_series_pieces',
    help: 'Per-series statistics of past 15-minute pieces held for violation checks (series × pieces)',
    registers: [registry],
    collect() {
      this.set(cache.seriesPieces);
    },
  });
  new Counter({
    name: 'vigil_sla_window_cache_lookups_total',
    help: 'Past 15-minute pieces violation checks needed, by result: hit (cached) or miss (asked of Prometheus)',
    labelNames: ['result'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ result: 'hit' }, cache.hits);
      this.inc({ result: 'miss' }, cache.misses);
    },
  });
}
