import type { AnalysisReport } from '../../analytics/report.ts';
import { ANALYSIS_MESSAGE_SCHEMA, type AnalysisMessage } from '../../contracts/analysis-message.ts';
import type { CycleWindow } from '../../contracts/pipeline.ts';
import { messageId } from '../../contracts/series-key.ts';
import type { Sample, SeriesRef } from '../../prometheus/series.ts';

/**
 * The forecast with its timestamps, one point per step after the last sample: the chosen model's mean (its bands
 * are in `report.forecast`, step for step), or the Holt-Winters forecast when that section failed.
 */
export function forecastPoints(report: AnalysisReport, samples: Sample[], stepSeconds: number) {
  const chosen = report.forecast;
  const hw = report.holt_winters;
  const values = chosen && !('error' in chosen) ? chosen.mean : 'error' in hw ? null : hw.forecast;
  const last = samples.at(-1);
  if (!values || !last) return [];
  const t0 = Date.parse(last.t);
  return values.map((v, i) => ({ t: new Date(t0 + (i + 1) * stepSeconds * 1000).toISOString(), v }));
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
