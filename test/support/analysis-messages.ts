import { buildMessage } from '../../activities/pipeline/build-message.ts';
import { type AnalysisReport, analyzeSeries } from '../../analytics/report.ts';
import { type AnalysisMessage, encodeAnalysisMessage } from '../../contracts/analysis-message.ts';
import { seriesKey } from '../../contracts/series-key.ts';
import { mulberry32 } from '../../demo/prng.ts';

/**
 * Realistic analysis messages, made the way the pipeline makes them: a day of one-minute samples (1,440 points)
 * of a byte-count-like series (1.6e10 with fractional parts, so a FLOAT column would visibly lose it), analysed
 * by the real engine (analyzeSeries, default parameters: HP, decomposition with null ends, 32 ACF lags, 1h/3h/12h
 * aggregates, Holt-Winters with a 10-step forecast) and wrapped by the pipeline's own buildMessage, ~91 KB each
 * as v2 (~158 KB as v1 JSON). Deterministic for a given seed.
 *
 * Analysing takes ~0.1 s, so a cycle of many series reuses a small pool of analysed reports (same report
 * shape, different series identity); messages may share report objects: clone one before mutating it.
 */
export interface SeriesSpec {
  cycleId: string;
  metric?: string;
  labels: Record<string, string>;
  /** End of the analysis window; the last sample sits one step before it. */
  windowEnd: Date;
  seed?: number;
}

const STEP_SECONDS = 60;
const POINTS = 1440;
const PERIOD = 60;
const REPORT_POOL = 6;

/** Free bytes of a filesystem: a large level, a slow trend, an hourly cycle and noise, never exact integers. */
function values(seed: number): number[] {
  const rand = mulberry32(seed);
  const base = 16_647_192_576 + rand() * 1e9;
  return Array.from(
    { length: POINTS },
    (_, i) =>
      base + i * 1234.5678 + 5e6 * Math.sin((2 * Math.PI * i) / PERIOD) + (rand() - 0.5) * 1e6 + rand(),
  );
}

function samples(seed: number, windowEnd: Date): { t: string; v: number }[] {
  const t0 = windowEnd.getTime() - POINTS * STEP_SECONDS * 1000;
  return values(seed).map((v, i) => ({ t: new Date(t0 + i * STEP_SECONDS * 1000).toISOString(), v }));
}

const reports = new Map<number, AnalysisReport>();

/** The engine's report for the series of `seed` (analysed once per process: the values do not depend on time). */
function reportFor(seed: number): AnalysisReport {
  let report = reports.get(seed);
  if (!report) {
    report = analyzeSeries({ series: samples(seed, new Date(Date.UTC(2026, 0, 1))) });
    reports.set(seed, report);
  }
  return report;
}

export function analyzedMessage(spec: SeriesSpec): AnalysisMessage {
  const seed = spec.seed ?? 1;
  const metric = spec.metric ?? 'node_filesystem_free_bytes';
  const windowEnd = spec.windowEnd.getTime();
  return buildMessage(
    spec.cycleId,
    {
      start: new Date(windowEnd - POINTS * STEP_SECONDS * 1000).toISOString(),
      end: spec.windowEnd.toISOString(),
      stepSeconds: STEP_SECONDS,
    },
    { key: seriesKey(metric, spec.labels), metric, labels: spec.labels },
    samples(seed, spec.windowEnd),
    reportFor(seed),
    new Date(windowEnd + 5000),
  );
}

/** One message, with its own copy of the report (safe to mutate). */
export function freshMessage(spec: SeriesSpec): AnalysisMessage {
  return structuredClone(analyzedMessage(spec));
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
    analyzedMessage({
      cycleId: opts.cycleId,
      labels: { ...opts.labels, instance: `host-${i}`, job: 'host', mountpoint: '/' },
      windowEnd: opts.windowEnd,
      seed: ((opts.seed ?? 7) + i) % REPORT_POOL,
    }),
  );
}
