import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Context } from '@temporalio/activity';
import type { PrometheusDriver } from 'prometheus-query';
import { analyzeSeries } from '../../analytics/report.ts';
import { encodeAnalysisMessage } from '../../contracts/analysis-message.ts';
import {
  analysisErrors,
  pipelineFailures,
  publishLatency,
  seriesAnalyzed,
  stageDuration,
} from '../../observability/pipeline-metrics.ts';
import {
  emptySummary,
  type ShardInput,
  type ShardSummary,
  TOO_LARGE_KEYS_KEPT,
} from '../../workflows/pipeline/types.ts';
import { type KafkaSettings, type OutgoingMessage, publish } from '../kafka/producer.ts';
import { discoverSeries, fetchRange } from '../prometheus/series.ts';
import { buildMessage, sectionErrors } from './build-message.ts';

export interface AnalyzeShardDeps {
  prom: PrometheusDriver;
  kafka: KafkaSettings;
  /** Series fetched, analyzed and published together; progress is heartbeated after each chunk. */
  chunkSize?: number;
  fetchConcurrency?: number;
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

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

/**
 * The pipeline's work for one shard of one metric: fetch each series from Prometheus, analyze it, publish one
 * message per series to Kafka. Series data never leaves this activity; it returns a small summary.
 *
 * Progress (series published so far) is heartbeated after each chunk, so a retry after a crash or an outage
 * resumes after the last published chunk instead of starting over; the deterministic message id covers the
 * chunk that may have been sent twice.
 */
export function createAnalyzeShard(deps: AnalyzeShardDeps) {
  const chunkSize = deps.chunkSize ?? 20;
  const fetchConcurrency = deps.fetchConcurrency ?? 4;

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
    const mine = all.filter((_, i) => i % input.shards === input.shard);

    for (let from = progress.done; from < mine.length; from += chunkSize) {
      const chunk = mine.slice(from, from + chunkSize);
      const [fetched, fetchMs] = await timed(metric.name, 'fetch', () =>
        mapLimit(chunk, fetchConcurrency, (ref) =>
          fetchRange(deps.prom, ref, start, end, window.stepSeconds),
        ),
      );

      const analyzeStart = performance.now();
      const messages: OutgoingMessage[] = [];
      const errors: Record<string, number> = { ...progress.summary.analysisErrors };
      for (let i = 0; i < chunk.length; i++) {
        const ref = chunk[i]!;
        const samples = fetched[i]!;
        const report = analyzeSeries({ series: samples, params: metric.params });
        for (const key of sectionErrors(report)) {
          errors[key] = (errors[key] ?? 0) + 1;
          const [section, code] = key.split(':');
          analysisErrors.inc({ metric: metric.name, section, code });
        }
        const message = buildMessage(input.cycleId, window, ref, samples, report, new Date());
        messages.push({ id: message.id, key: ref.key, value: encodeAnalysisMessage(message) });
        // Analysis is CPU-bound: give heartbeats and other activities a turn between series.
        await yieldToEventLoop();
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
