import type { AnalysisReport } from '../../analytics/report.ts';
import { ANALYSIS_MESSAGE_SCHEMA, type AnalysisMessage } from '../../contracts/analysis-message.ts';
import type { CycleWindow } from '../../contracts/pipeline.ts';
import { messageId } from '../../contracts/series-key.ts';
import type { Sample, SeriesRef } from '../../prometheus/series.ts';

/** The forecast with its timestamps: one point per step after the last sample. */
export function forecastPoints(report: AnalysisReport, samples: Sample[], stepSeconds: number) {
  const hw = report.holt_winters;
  const last = samples.at(-1);
  if ('error' in hw || !last) return [];
  const t0 = Date.parse(last.t);
  return hw.forecast.map((v, i) => ({ t: new Date(t0 + (i + 1) * stepSeconds * 1000).toISOString(), v }));
}

/** One series' analysis as the versioned Kafka message; `producedAt` is passed in to keep this pure. */
export function buildMessage(
  cycleId: string,
  window: CycleWindow,
  ref: SeriesRef,
  samples: Sample[],
  report: AnalysisReport,
  producedAt: Date,
): AnalysisMessage {
  return {
    schema: ANALYSIS_MESSAGE_SCHEMA,
    id: messageId(cycleId, ref.key),
    cycle_id: cycleId,
    produced_at: producedAt.toISOString(),
    series: { key: ref.key, metric: ref.metric, labels: ref.labels },
    window: {
      start: window.start,
      end: window.end,
      step_seconds: window.stepSeconds,
      points: samples.length,
      first_sample: samples[0]?.t ?? null,
      last_sample: samples.at(-1)?.t ?? null,
    },
    report,
    forecast: forecastPoints(report, samples, window.stepSeconds),
  };
}

/** `section:code` for every section that reported an error. */
export function sectionErrors(report: AnalysisReport): string[] {
  return Object.entries(report).flatMap(([name, value]) =>
    value !== null && typeof value === 'object' && 'error' in value ? [`${name}:${value.error.code}`] : [],
  );
}
