import { buildMessage } from '../../activities/pipeline/build-message.ts';
import { analyzeSeries } from '../../analytics/report.ts';
import type { AnalysisMessage } from '../../contracts/analysis-message.ts';
import { seriesKey } from '../../contracts/series-key.ts';
import type { DemoSeries } from '../../demo/node-history.ts';
import type { Database } from '../../drizzle/db.ts';
import { storeMessages } from './retrieval.ts';

/**
 * What the dashboard tests and benchmark draw: a backfilled fleet (test/support/sla.ts#backfillFleet) whose series
 * also have a stored analysis run, made as the pipeline makes it: the engine's report (HP trend, Holt-Winters
 * forecast) of the series' last day of samples up to `windowEnd`, wrapped by the pipeline's buildMessage and
 * stored through the drain's batch store.
 */

const STEP_SECONDS = 60;
const DAY_POINTS = 1440;

export function fleetRunMessages(history: DemoSeries[], windowEnd: Date, cycleId: string): AnalysisMessage[] {
  const endS = windowEnd.getTime() / 1000;
  return history.map((s) => {
    const samples = s.samples
      .filter(([t]) => t < endS && t >= endS - DAY_POINTS * STEP_SECONDS)
      .map(([t, v]) => ({ t: new Date(t * 1000).toISOString(), v }));
    const report = analyzeSeries({ series: samples });
    return buildMessage(
      cycleId,
      {
        start: new Date(windowEnd.getTime() - DAY_POINTS * STEP_SECONDS * 1000).toISOString(),
        end: windowEnd.toISOString(),
        stepSeconds: STEP_SECONDS,
      },
      { key: seriesKey(s.metric, s.labels), metric: s.metric, labels: s.labels },
      samples,
      report,
      new Date(windowEnd.getTime() + 5000),
    );
  });
}

/** Analyses and stores one run per series of the fleet; returns the messages stored. */
export async function storeFleetRuns(
  database: Database,
  history: DemoSeries[],
  windowEnd: Date,
  cycleId: string,
): Promise<AnalysisMessage[]> {
  const messages = fleetRunMessages(history, windowEnd, cycleId);
  await storeMessages(database, messages);
  return messages;
}
