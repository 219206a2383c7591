import {
  ANALYSIS_MESSAGE_SCHEMA,
  type AnalysisMessage,
  encodeAnalysisMessage,
} from '../../contracts/analysis-message.ts';
import { messageId, seriesKey } from '../../contracts/series-key.ts';

/**
 * Realistic analysis messages without running the analyses: 1,440 one-minute samples of a byte-count-like
 * series (1.6e10 with fractional parts, so a FLOAT column would visibly lose it), HP and decomposition
 * components of full length with the decomposition's undefined ends as null, 32 ACF lags, 1h/3h/12h aggregates
 * and a 10-step Holt-Winters forecast with timestamps — the shape and size (~150 KB of JSON) the pipeline
 * publishes. Deterministic for a given seed.
 */
export interface SyntheticSeries {
  cycleId: string;
  metric?: string;
  labels: Record<string, string>;
  /** End of the analysis window; the last sample sits one step before it. */
  windowEnd: Date;
  points?: number;
  seed?: number;
}

const STEP_SECONDS = 60;
const PERIOD = 60;
const WINDOWS = { '1h': 60, '3h': 180, '12h': 720 } as const;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stats(values: number[]) {
  const n = values.length;
  if (n === 0) return { max: null, min: null, mean: null, std: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : Number.NaN;
  return {
    max: Math.max(...values),
    min: Math.min(...values),
    mean,
    std: Number.isFinite(variance) ? Math.sqrt(variance) : null,
  };
}

export function syntheticMessage(spec: SyntheticSeries): AnalysisMessage {
  const n = spec.points ?? 1440;
  const metric = spec.metric ?? 'node_filesystem_free_bytes';
  const rand = mulberry32(spec.seed ?? 1);
  const end = spec.windowEnd.getTime();
  const t0 = end - n * STEP_SECONDS * 1000;
  const times = Array.from({ length: n }, (_, i) => t0 + i * STEP_SECONDS * 1000);
  const base = 16_647_192_576 + rand() * 1e9;
  const x = times.map(
    (_, i) =>
      base + i * 1234.5678 + 5e6 * Math.sin((2 * Math.PI * i) / PERIOD) + (rand() - 0.5) * 1e6 + rand(),
  );

  const hpTrend = x.map((_, i) => base + i * 1234.5678 + (rand() - 0.5) * 10);
  const hpCycle = x.map((v, i) => v - hpTrend[i]!);
  const half = PERIOD / 2;
  const decTrend = x.map((_, i) => (i < half || i >= n - half ? null : base + i * 1234.5678 + rand()));
  const seasonal = x.map((_, i) => 5e6 * Math.sin((2 * Math.PI * i) / PERIOD));
  const resid = x.map((v, i) => (decTrend[i] == null ? null : v - decTrend[i]! - seasonal[i]!));
  const acf = Array.from({ length: 32 }, (_, k) =>
    k === 0 ? 1 : Math.cos((2 * Math.PI * k) / PERIOD) * 0.9 ** k,
  );

  const aggregates = Object.fromEntries(
    Object.entries(WINDOWS).map(([rule, len]) => {
      const window = x.slice(-len);
      return [rule, { count: window.length, ...stats(window) }];
    }),
  );
  const aggregatesResampled = Object.fromEntries(
    Object.entries(WINDOWS).map(([rule, len]) => {
      const buckets = x.filter((_, i) => (i + 1) % len === 0);
      return [rule, { ...stats(buckets), n_buckets: buckets.length, n_nonempty: buckets.length }];
    }),
  );
  const last = x[n - 1]!;
  const forecastValues = Array.from({ length: 10 }, (_, i) => last + (i + 1) * 1234.5678 + rand());
  const lastSample = new Date(times[n - 1]!).toISOString();

  const key = seriesKey(metric, spec.labels);
  return {
    schema: ANALYSIS_MESSAGE_SCHEMA,
    id: messageId(spec.cycleId, key),
    cycle_id: spec.cycleId,
    produced_at: new Date(end + 5000).toISOString(),
    series: { key, metric, labels: spec.labels },
    window: {
      start: new Date(t0).toISOString(),
      end: spec.windowEnd.toISOString(),
      step_seconds: STEP_SECONDS,
      points: n,
      first_sample: new Date(times[0]!).toISOString(),
      last_sample: lastSample,
    },
    report: {
      adf: {
        statistic: -3.1 - rand(),
        pvalue: 0.01 + rand() * 0.08,
        usedlag: 3,
        nobs: n - 4,
        critical: { '1%': -3.4349, '5%': -2.8635, '10%': -2.5678 },
        icbest: 41_234.5 + rand(),
      },
      hp: { lambda: 1600, trend: hpTrend, cycle: hpCycle },
      acf,
      decompose: { period: PERIOD, trend: decTrend, seasonal, resid },
      aggregates,
      aggregates_resampled: aggregatesResampled,
      holt_winters: {
        model: { trend: 'mul', seasonal: 'add', seasonal_periods: 550, damped: false },
        params: {
          alpha: 0.8 + rand() * 0.1,
          beta: 0.01,
          gamma: 0.05,
          initial_level: x[0]!,
          initial_trend: 1.0000001,
          initial_seasons: Array.from({ length: 550 }, () => (rand() - 0.5) * 1e6),
        },
        sse: 1.234e15 * (1 + rand()),
        forecast: forecastValues,
      },
    },
    forecast: forecastValues.map((v, i) => ({
      t: new Date(times[n - 1]! + (i + 1) * STEP_SECONDS * 1000).toISOString(),
      v,
    })),
  };
}

/** The Kafka record the pipeline publishes for a message: keyed by series key, so a series stays in order. */
export function toRecord(message: AnalysisMessage): { key: string; value: Buffer } {
  return { key: message.series.key, value: encodeAnalysisMessage(message) };
}

/** `count` messages of distinct series (label `instance` = host-<i>) for one cycle. */
export function cycleMessages(opts: {
  cycleId: string;
  count: number;
  windowEnd: Date;
  labels?: Record<string, string>;
  seed?: number;
}): AnalysisMessage[] {
  return Array.from({ length: opts.count }, (_, i) =>
    syntheticMessage({
      cycleId: opts.cycleId,
      labels: { ...opts.labels, instance: `host-${i}`, job: 'host', mountpoint: '/' },
      windowEnd: opts.windowEnd,
      seed: (opts.seed ?? 7) * 100_003 + i,
    }),
  );
}
