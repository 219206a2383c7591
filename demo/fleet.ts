import type { DemoSeries } from './node-history.ts';
import { mulberry32 } from './prng.ts';

/**
 * A fleet of one metric: `hosts` series (label host=h1…hN) of an open-files-like gauge at 1-minute steps, quiet
 * around 1,000, with breaches and gaps placed where the caller says. Deterministic for a given seed, so tests
 * recompute what was written and benchmarks use the shape the SLA issue describes (one metric, thousands of
 * series).
 */
export interface FleetOptions {
  metric: string;
  job: string;
  hosts: number;
  /** Last sample (unix seconds, on a whole minute) and how far back the history goes. */
  end: number;
  hours: number;
  seed?: number;
  /** Seconds between each whole minute and its sample (a scrape not aligned to the evaluation grid). */
  offsetSeconds?: number;
  /** Host number → value held over [from, to] (unix seconds, both included). */
  episodes?: { host: number; from: number; to: number; value: number }[];
  /** Host number → no samples over [from, to]. */
  gaps?: { host: number; from: number; to: number }[];
}

export function fleetHistory(o: FleetOptions): DemoSeries[] {
  const rand = mulberry32(o.seed ?? 7);
  const first = o.end - o.hours * 3600 + 60;
  return Array.from({ length: o.hosts }, (_, i) => {
    const host = i + 1;
    const level = 800 + Math.floor(rand() * 400);
    const episodes = (o.episodes ?? []).filter((e) => e.host === host);
    const gaps = (o.gaps ?? []).filter((g) => g.host === host);
    const samples: Array<[number, number]> = [];
    for (let t = first - (o.offsetSeconds ?? 0); t <= o.end; t += 60) {
      if (gaps.some((g) => t >= g.from && t <= g.to)) continue;
      const held = episodes.find((e) => t >= e.from && t <= e.to);
      samples.push([t, held ? held.value : level + ((t / 60) % 17)]);
    }
    return {
      metric: o.metric,
      help: 'Allocated file descriptors (a fleet of hosts).',
      labels: { job: o.job, host: `h${host}` },
      samples,
    };
  });
}
