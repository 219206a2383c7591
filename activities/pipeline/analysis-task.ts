/**
 * What an analysis thread does for one series: analyze it and encode its Kafka message. Runs inside the analysis
 * pool (`analysis-pool.ts`), so the event loop of the activity worker stays free for heartbeats and I/O; only
 * the encoded message and its error keys travel back.
 */
import { createHash } from 'node:crypto';
import type { WarmStart } from '../../analytics/holt-winters/types.ts';
import type { AnalyzeParamsInput } from '../../analytics/params.ts';
import { analyzeSeries } from '../../analytics/report.ts';
import { encodeAnalysisMessage } from '../../contracts/analysis-message.ts';
import type { CycleWindow } from '../../contracts/pipeline.ts';
import type { PreviousForecast } from '../../drizzle/repositories/fits.ts';
import type { Sample, SeriesRef } from '../../prometheus/series.ts';
import { buildMessage, sectionErrors } from './build-message.ts';

export interface AnalysisTask {
  cycleId: string;
  window: CycleWindow;
  ref: SeriesRef;
  samples: Sample[];
  params: AnalyzeParamsInput;
  /** The series' previous Holt-Winters fit to start from; null for a cold (statsmodels-parity) fit. */
  warmStart: WarmStart | null;
  /** The series' previous forecast choice and 95 % band (reused, and flagged against); null: none stored. */
  previousForecast?: PreviousForecast | null;
  /** ISO instant; passed in so the thread stays a pure function of its task. */
  producedAt: string;
}

export interface AnalysisTaskResult {
  id: string;
  key: string;
  value: Uint8Array;
  /** `section:code` for each section that reported an error. */
  errors: string[];
}

/** A number fixed per series key, spreading new series' first forecast rankings over the cycles. */
export function keySlot(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0);
}

export function runAnalysisTask(task: AnalysisTask): AnalysisTaskResult {
  const report = analyzeSeries({
    series: task.samples,
    params: task.params,
    warmStart: task.warmStart,
    forecastMemory: task.previousForecast ?? null,
    previousBand: task.previousForecast?.band ?? null,
    forecastSlot: keySlot(task.ref.key),
  });
  const message = buildMessage(
    task.cycleId,
    task.window,
    task.ref,
    task.samples,
    report,
    new Date(task.producedAt),
  );
  return {
    id: message.id,
    key: task.ref.key,
    value: encodeAnalysisMessage(message),
    errors: sectionErrors(report),
  };
}
