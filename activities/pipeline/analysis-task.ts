/**
 * What an analysis thread does for one series: analyze it and encode its Kafka message. Runs inside the analysis
 * pool (`analysis-pool.ts`), so the event loop of the activity worker stays free for heartbeats and I/O; only
 * the encoded message and its error keys travel back.
 */
import type { WarmStart } from '../../analytics/holt-winters/types.ts';
import type { AnalyzeParamsInput } from '../../analytics/params.ts';
import { analyzeSeries } from '../../analytics/report.ts';
import { encodeAnalysisMessage } from '../../contracts/analysis-message.ts';
import type { CycleWindow } from '../../contracts/pipeline.ts';
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

export function runAnalysisTask(task: AnalysisTask): AnalysisTaskResult {
  const report = analyzeSeries({
    series: task.samples,
    params: task.params,
    warmStart: task.warmStart,
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
