import type { PrometheusDriver } from 'prometheus-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FleetOptions, fleetHistory } from '../../../demo/fleet.ts';
import { prometheusDriver } from '../../../prometheus/client.ts';
import { candidatesOf, type Sampling } from '../../../prometheus/sla-samples.ts';
import { type SeriesStats, WindowStatsCache, windowStats } from '../../../prometheus/window-stats.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import { backfillFleet } from '../../support/sla.ts';

/**
 * The per-series statistics a violation check starts from, cut at whole hours and cached, against what was
 * written: for windows ending on and off the hour, first computed, then from the cache, the count of evaluation
 * points holding a value and the raw extremes must be those of the samples themselves.
 */

const env = testEnv();
const MIN = 60;
const end = wholeMinutesAgo(10);
const endS = end.getTime() / 1000;
const fleet: FleetOptions = {
  metric: 'vigil_test_window_stats',
  job: uniqueName('stats').replaceAll('-', '_'),
  hosts: 40,
  end: endS,
  hours: 15,
  offsetSeconds: 30,
  episodes: [
    {
      host: 3,
      from: endS - 4 * 3600 - 5 * MIN,
      to: endS - 4 * 3600 + 2 * MIN,
      value: Number.POSITIVE_INFINITY,
    },
    { host: 5, from: endS - 11 * 3600, to: endS - 11 * 3600 + 3 * MIN, value: Number.NEGATIVE_INFINITY },
    { host: 8, from: endS - 2 * 3600, to: endS - 3600, value: Number.NaN },
    { host: 12, from: endS - 3 * 3600 - 20 * MIN, to: endS - 3 * 3600 + 20 * MIN, value: 6000 },
    // Just before a 12 h window's first evaluation, within the raw margin before it.
    { host: 14, from: endS - 12 * 3600 - 30 * MIN, to: endS - 12 * 3600 - 25 * MIN, value: 9000 },
  ],
  gaps: [
    // Across whole hours and longer than the lookback; one ending inside the last partial hour.
    { host: 7, from: endS - 6 * 3600 - 20 * MIN, to: endS - 5 * 3600 + 20 * MIN },
    { host: 9, from: endS - 30 * MIN, to: endS - 3 * MIN },
    { host: 40, from: endS - 16 * 3600, to: endS - 9 * 3600 },
  ],
};

interface Want {
  count: number;
  /** The finite extremes, and which non-finite values the raw range holds. */
  max: number;
  min: number;
  posInf: boolean;
  negInf: boolean;
  nan: boolean;
}

/** From the samples written: evaluations every minute reading the latest sample of the 5 minutes before. */
function expected(windowS: number, atS: number, marginS = 3600): Map<string, Want> {
  const out = new Map<string, Want>();
  for (const s of fleetHistory(fleet)) {
    let count = 0;
    let i = 0;
    for (let t = atS - windowS + MIN; t <= atS; t += MIN) {
      while (i < s.samples.length && s.samples[i]![0] <= t) i++;
      const latest = s.samples[i - 1];
      if (latest && latest[0] > t - 300) count++;
    }
    const raw = s.samples.filter(([t]) => t >= atS - windowS + MIN - marginS && t <= atS).map(([, v]) => v);
    const finite = raw.filter(Number.isFinite);
    if (count > 0)
      out.set(s.labels.host!, {
        count,
        max: Math.max(...finite),
        min: Math.min(...finite),
        posInf: raw.includes(Number.POSITIVE_INFINITY),
        negInf: raw.includes(Number.NEGATIVE_INFINITY),
        nan: raw.some(Number.isNaN),
      });
  }
  return out;
}

/**
 * The statistics match the samples: the count exactly; an extreme exactly where the range holds only finite
 * values, "maybe infinite" (NaN, as prometheus-query reads ±Inf) where it holds that infinity, either where it
 * holds NaN (a piece of only NaN has a NaN extreme). From the cache, the extremes may also take in up to one
 * 15-minute piece before the lookback margin (`wide`): a superset, which the comparison after them settles.
 */
function expectMatches(
  stats: SeriesStats[],
  want: Map<string, Want>,
  what: string,
  wide?: Map<string, Want>,
) {
  expect(stats.map((s) => s.labels.host).sort(), what).toEqual([...want.keys()].sort());
  for (const s of stats) {
    const host = s.labels.host!;
    const [w, v] = [want.get(host)!, (wide ?? want).get(host)!];
    const about = `${what}, ${host}`;
    expect(s.count, about).toBe(w.count);
    for (const side of ['max', 'min'] as const) {
      const [got, inf, wideInf] = side === 'max' ? [s.max, w.posInf, v.posInf] : [s.min, w.negInf, v.negInf];
      const sign = side === 'max' ? 1 : -1;
      if (inf) expect(got, about).toBeNaN();
      else if (Number.isNaN(got)) expect(wideInf || v.nan, about).toBe(true);
      else {
        // Exactly the window's extreme, or one of the wider range's.
        expect(sign * got, about).toBeGreaterThanOrEqual(sign * w[side]);
        expect(sign * got, about).toBeLessThanOrEqual(sign * v[side]);
      }
    }
  }
}

function counting(prom: PrometheusDriver): { prom: PrometheusDriver; ranges: () => number } {
  let ranges = 0;
  const wrapped = new Proxy(prom, {
    get(target, name, receiver) {
      if (name === 'rangeQuery') ranges++;
      const v = Reflect.get(target, name, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { prom: wrapped, ranges: () => ranges };
}

beforeAll(async () => {
  await backfillFleet(env, fleet);
}, 240_000);

describe('window statistics', () => {
  const windows = { '1h': 3600, '3h': 3 * 3600, '12h': 12 * 3600 } as const;
  // Ends on the evaluation grid: now-ish, whole hours, a minute on either side of one, mid-hour.
  const hourEnd = Math.floor(endS / 3600) * 3600;
  const ends = [endS, endS - MIN, hourEnd, hourEnd - MIN, hourEnd + MIN, hourEnd - 37 * MIN, hourEnd - 3600];

  it('equal the samples written, from the cache, for every window and end', async () => {
    const cache = new WindowStatsCache();
    const { prom, ranges } = counting(prometheusDriver(env.PROMETHEUS_URL));
    const sampling = (windowS: number, atS: number): Sampling => ({
      prom,
      metric: fleet.metric,
      matchers: [{ label: 'job', op: '=', value: fleet.job }],
      start: new Date((atS - windowS + MIN) * 1000),
      end: new Date(atS * 1000),
      stepSeconds: MIN,
    });
    // A first check finds nothing cached: it is answered over the whole window, and its pieces are fetched after.
    const first = await windowStats(sampling(14 * 3600, endS), cache);
    expectMatches(first, expected(14 * 3600, endS), 'first, 14h');
    cache.fillWanted();
    await cache.filled;
    expect(cache.seriesPieces).toBeGreaterThan(0);
    const before = ranges();
    expect(before).toBeGreaterThan(0);
    for (const [name, windowS] of Object.entries(windows)) {
      for (const atS of ends) {
        const stats = await windowStats(sampling(windowS, atS), cache);
        expectMatches(
          stats,
          expected(windowS, atS),
          `${name} ending ${new Date(atS * 1000).toISOString()}`,
          expected(windowS, atS, 3600 + 900),
        );
      }
    }
    // Every past piece was cached by the first check: no range query at all since.
    expect(ranges()).toBe(before);
  });

  it('are the same without a cache, and name the series that can breach on either side', async () => {
    const prom = prometheusDriver(env.PROMETHEUS_URL);
    const stats = await windowStats({
      prom,
      metric: fleet.metric,
      matchers: [{ label: 'job', op: '=', value: fleet.job }],
      start: new Date((endS - 12 * 3600 + MIN) * 1000),
      end,
      stepSeconds: MIN,
    });
    const want = expected(12 * 3600, endS);
    expectMatches(stats, want, 'uncached 12h');
    const hosts = (c: ReturnType<typeof candidatesOf>['high']) =>
      c === 'all' ? c : c.map((l) => l.host).sort();
    // Every series that can breach a side is named; the NaN host may be too (the comparison settles it).
    const named = (side: 'high' | 'low', bounds: { min: number | null; max: number | null }) =>
      (hosts(candidatesOf(stats, bounds)[side]) as string[]).filter((h) => h !== 'h8');
    // With a max: above it (+Inf too); with no min: only −Inf.
    expect(named('high', { min: null, max: 5000 })).toEqual(['h12', 'h14', 'h3']);
    expect(named('low', { min: null, max: 5000 })).toEqual(['h5']);
    // With no max: only +Inf; with a min: below it (−Inf too).
    expect(named('high', { min: 900, max: null })).toEqual(['h3']);
    const below = [...want.entries()]
      .filter(([h, w]) => h !== 'h8' && (w.min < 900 || w.negInf))
      .map(([h]) => h)
      .sort();
    expect(below.length).toBeGreaterThan(1);
    expect(named('low', { min: 900, max: null })).toEqual(below);
  });
});
