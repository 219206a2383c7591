import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { PrometheusDriver } from 'prometheus-query';
import type { WarmStart } from '../../analytics/holt-winters/types.ts';
import {
  emptySummary,
  type ShardInput,
  type ShardSummary,
  TOO_LARGE_KEYS_KEPT,
} from '../../contracts/pipeline.ts';
import type { PreviousFit, PreviousForecast } from '../../drizzle/repositories/fits.ts';
import {
  analysisErrors,
  pipelineFailures,
  publishLatency,
  seriesAnalyzed,
  stageDuration,
} from '../../observability/pipeline-metrics.ts';
import { discoverSeries, fetchGroup, fetchGroups, type Sample } from '../../prometheus/series.ts';
import { type KafkaSettings, type OutgoingMessage, publish } from '../kafka/producer.ts';
import { analyzeInPool } from './analysis-pool.ts';

export interface AnalyzeShardDeps {
  prom: PrometheusDriver;
  kafka: KafkaSettings;
  /** Series fetched together in (at most) one range query, analyzed, then published; progress is heartbeated after each. */
  chunkSize?: number;
  /** Analysis threads of this process (default: one per core). */
  threads?: number;
  /** Warm starts of the Holt-Winters fit from each series' previous stored fit; absent: every fit is cold. */
  warmStarts?: WarmStartSource;
  /**
   * Each series' latest stored forecast choice and 95 % band whose window ended in [since, before) (one read per
   * chunk); absent: every series is ranked each cycle and none is flagged.
   */
  previousForecasts?: (keys: string[], since: Date, before: Date) => Promise<Map<string, PreviousForecast>>;
}

/**
 * How far back a series' previous forecast is looked for: a choice older than this (the pipeline stopped) is
 * ranked again, and an older band cannot cover the latest sample anyway.
 */
export const PREVIOUS_FORECAST_MS = 2 * 3600_000;

export interface WarmStartSource {
  /** The latest stored fit of each series whose window ended in [since, before) (one query per chunk). */
  previousFits: (keys: string[], since: Date, before: Date) => Promise<Map<string, PreviousFit>>;
  /** Every series gets a cold fit at least this often (ms), spread over the cycles by its key. */
  coldEveryMs: number;
}

interface Progress {
  done: number;
  summary: ShardSummary;
}

async function timed<T>(metric: string, stage: string, run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  try {
    const result = await run();
    const ms = performance.now() - start;
    stageDuration.observe({ metric, stage }, ms / 1000);
    return [result, ms];
  } catch (err) {
    pipelineFailures.inc({ metric, stage });
    throw err;
  }
}

/**
 * The warm start for a series, or null for a cold fit: a cold fit at least once per `coldEveryMs` per series (an
 * epoch boundary, shifted per series so that the cold fits of a metric spread evenly over the cycles), or when the
 * previous fit is missing or failed. Whether the warm fit is then kept is the analytics' rule (warm-start.ts).
 */
export function warmStartFor(
  key: string,
  windowEnd: Date,
  previous: PreviousFit | undefined,
  coldEveryMs: number,
  stepMs: number,
): WarmStart | null {
  if (!previous || previous.alpha === null) return null;
  const offset = createHash('sha256').update(key).digest().readUInt32BE(0) % coldEveryMs;
  const epoch = (t: Date) => Math.floor((t.getTime() + offset) / coldEveryMs);
  if (epoch(windowEnd) !== epoch(previous.windowEnd)) return null;
  // Windows have a fixed length, so this window starts as many steps after the previous one as it ends after it.
  const shift = (windowEnd.getTime() - previous.windowEnd.getTime()) / stepMs;
  return {
    alpha: previous.alpha,
    beta: previous.beta,
    gamma: previous.gamma,
    sse: previous.sse,
    n: previous.points,
    states: previous.states && { shift, ...previous.states },
  };
}

/** A shard's series: a contiguous block of the sorted series, so fetch groups share label values. */
export function shardSlice<T>(all: readonly T[], shard: number, shards: number): T[] {
  const size = Math.ceil(all.length / shards);
  return all.slice(shard * size, (shard + 1) * size);
}

/**
 * The pipeline's work for one shard of one metric: fetch its series from Prometheus a chunk at a time (one range
 * query per fetch group, see `fetchGroups`), analyze them on the process's analysis threads, publish one message
 * per series to Kafka. The next chunk is fetched while this one is analyzed. Series data never leaves this
 * activity; it returns a small summary.
 *
 * Progress (series published so far) is heartbeated after each chunk, so a retry after a crash or an outage
 * resumes after the last published chunk instead of starting over; the deterministic message id covers the
 * chunk that may have been sent twice.
 */
export function createAnalyzeShard(deps: AnalyzeShardDeps) {
  const chunkSize = deps.chunkSize ?? 100;

  return async function analyzeShard(input: ShardInput): Promise<ShardSummary> {
    const ctx = Context.current();
    const { metric, window } = input;
    const start = new Date(window.start);
    const end = new Date(window.end);
    const resumed = ctx.info.heartbeatDetails as Progress | undefined;
    let progress: Progress = resumed ?? { done: 0, summary: emptySummary() };

    const [all] = await timed(metric.name, 'discover', () =>
      discoverSeries(deps.prom, metric.name, metric.matchers, start, end),
    );
    const mine = shardSlice(all, input.shard, input.shards);
    const fetchChunk = (from: number) => {
      const chunk = mine.slice(from, from + chunkSize);
      return timed(metric.name, 'fetch', async () => {
        const warm = deps.warmStarts;
        const previous = warm
          ? warm.previousFits(
              chunk.map((r) => r.key),
              new Date(end.getTime() - warm.coldEveryMs),
              end,
            )
          : Promise.resolve(new Map<string, PreviousFit>());
        previous.catch(() => undefined);
        const forecasts = deps.previousForecasts
          ? deps.previousForecasts(
              chunk.map((r) => r.key),
              new Date(end.getTime() - PREVIOUS_FORECAST_MS),
              end,
            )
          : Promise.resolve(new Map<string, PreviousForecast>());
        forecasts.catch(() => undefined);
        const samples: Sample[][] = [];
        for (const group of fetchGroups(chunk, all)) {
          samples.push(...(await fetchGroup(deps.prom, metric, group, start, end, window.stepSeconds)));
        }
        const fits = await previous;
        const warmStarts = chunk.map((r) =>
          warm
            ? warmStartFor(r.key, end, fits.get(r.key), warm.coldEveryMs, window.stepSeconds * 1000)
            : null,
        );
        const previousForecast = await forecasts;
        return { chunk, samples, warmStarts, previousForecast };
      });
    };

    let pending = progress.done < mine.length ? fetchChunk(progress.done) : undefined;
    for (let from = progress.done; pending !== undefined; from += chunkSize) {
      const [{ chunk, samples, warmStarts, previousForecast }, fetchMs] = await pending;
      // Overlap: the next chunk's query runs while this one is analyzed. Its failure surfaces when awaited.
      pending = from + chunkSize < mine.length ? fetchChunk(from + chunkSize) : undefined;
      pending?.catch(() => undefined);

      const analyzeStart = performance.now();
      const producedAt = new Date().toISOString();
      const results = await Promise.all(
        chunk.map((ref, i) =>
          analyzeInPool(
            {
              cycleId: input.cycleId,
              window,
              ref,
              samples: samples[i]!,
              params: metric.params,
              warmStart: warmStarts[i]!,
              previousForecast: previousForecast.get(ref.key) ?? null,
              producedAt,
            },
            deps.threads,
          ).then((r) => {
            // A chunk takes seconds: keep the heartbeat going (the SDK throttles it), still at the chunk's start.
            ctx.heartbeat(progress);
            return r;
          }),
        ),
      );
      const messages: OutgoingMessage[] = [];
      const errors: Record<string, number> = { ...progress.summary.analysisErrors };
      for (const r of results) {
        for (const key of r.errors) {
          errors[key] = (errors[key] ?? 0) + 1;
          const [section, code] = key.split(':');
          analysisErrors.inc({ metric: metric.name, section, code });
        }
        messages.push({
          id: r.id,
          key: r.key,
          value: Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength),
        });
      }
      const analyzeMs = performance.now() - analyzeStart;
      stageDuration.observe({ metric: metric.name, stage: 'analyze' }, analyzeMs / 1000);

      const [published, publishMs] = await timed(metric.name, 'publish', async () => {
        const stop = publishLatency.startTimer();
        const result = await publish(deps.kafka, messages);
        stop();
        return result;
      });
      seriesAnalyzed.inc({ metric: metric.name }, chunk.length);
      // An oversize message fails its series alone (MESSAGE_TOO_LARGE, not retried); the shard goes on.
      for (const m of published.tooLarge) {
        ctx.log.error(m.error, { series: m.key, bytes: m.bytes, code: m.code });
        pipelineFailures.inc({ metric: metric.name, stage: 'publish' });
      }

      const s = progress.summary;
      progress = {
        done: from + chunk.length,
        summary: {
          series: s.series + chunk.length,
          published: s.published + published.published,
          analysisErrors: errors,
          // `?? `: progress heartbeated by a worker from before these fields has neither.
          tooLarge: (s.tooLarge ?? 0) + published.tooLarge.length,
          tooLargeSeries: [...(s.tooLargeSeries ?? []), ...published.tooLarge.map((m) => m.key)].slice(
            0,
            TOO_LARGE_KEYS_KEPT,
          ),
          fetchMs: s.fetchMs + fetchMs,
          analyzeMs: s.analyzeMs + analyzeMs,
          publishMs: s.publishMs + publishMs,
        },
      };
      ctx.heartbeat(progress);
    }
    return roundSummary(progress.summary);
  };
}

function roundSummary(s: ShardSummary): ShardSummary {
  return {
    ...s,
    fetchMs: Math.round(s.fetchMs),
    analyzeMs: Math.round(s.analyzeMs),
    publishMs: Math.round(s.publishMs),
  };
}
