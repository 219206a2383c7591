import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keySlot } from '../../../activities/pipeline/analysis-task.ts';
import { warmStartFor } from '../../../activities/pipeline/analyze-shard.ts';
import { analyzeSeries } from '../../../analytics/report.ts';
import type { Catalog } from '../../../config/catalog.ts';
import { type Database, openDatabase } from '../../../drizzle/db.ts';
import { previousFits, previousForecasts } from '../../../drizzle/repositories/fits.ts';
import { latestForecastRuns } from '../../../drizzle/repositories/forecasts.ts';
import { forecastOfRuns } from '../../../drizzle/repositories/runs.ts';
import { seriesOfMetric } from '../../../drizzle/repositories/series.ts';
import { prometheusDriver } from '../../../prometheus/client.ts';
import { fetchRange } from '../../../prometheus/series.ts';
import type { pipelineCycle } from '../../../workflows/pipeline/index.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import {
  backfillDemo,
  catalogForJob,
  expectedDemo,
  type PipelineHarness,
  readTopic,
  startPipeline,
} from '../../support/pipeline.ts';
import { storeMessages } from '../../support/retrieval.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

// Two consecutive cycles of the real pipeline over the demo history, with the analysis worker reading previous
// fits from the real database: the second cycle starts each Holt-Winters fit from the first cycle's stored fit,
// and flags its latest sample against the first cycle's stored forecast band. The catalog ranks the forecast
// models every cycle here (rank_every 1), so both cycles rank; reusing a choice between rankings is unit-tested.
quietTemporalRuntime();
const env = testEnv();
const job = uniqueName('warm').replaceAll('-', '_');
const end = wholeMinutesAgo(5);
const first = new Date(end.getTime() - 5 * 60_000);
const demo = expectedDemo(job, end, 25);

let harness: PipelineHarness;
let database: Database;

function rankingEveryCycle(catalog: Catalog): Catalog {
  return {
    ...catalog,
    metrics: catalog.metrics.map((m) => ({
      ...m,
      params: { ...m.params, forecast: { ...m.params.forecast, rank_every: 1 } },
    })),
  };
}

async function cycle(windowEnd: Date) {
  const cycleId = uniqueName('warm-cycle');
  const handle = await harness.client.workflow.start<typeof pipelineCycle>('pipelineCycle', {
    taskQueue: harness.env.VIGIL_TASK_QUEUE,
    workflowId: cycleId,
    args: [{ windowEnd: windowEnd.toISOString() }],
  });
  const summary = await handle.result();
  expect(summary.failedMetrics).toEqual([]);
  return (await readTopic(harness.env, demo.length)).filter((m) => m.cycle_id === cycleId);
}

beforeAll(async () => {
  await backfillDemo(job, end, 25);
  database = openDatabase(env.MYSQL_URL);
  harness = await startPipeline(env, rankingEveryCycle(catalogForJob(job)), undefined, database);
});

afterAll(async () => {
  await harness?.stop();
  await database?.close();
});

describe('warm starts in the pipeline', () => {
  it("starts the next cycle's fits from the stored ones, with the analytics engine's own result", async () => {
    const before = await cycle(first);
    expect(before).toHaveLength(demo.length);
    // Nothing stored yet for this job: the first cycle is cold throughout.
    for (const m of before) expect(m.report.holt_winters).toMatchObject({ fit: 'cold', fit_reason: null });
    await storeMessages(database, before);

    const after = await cycle(end);
    expect(after).toHaveLength(demo.length);
    const stored = await previousFits(
      database.db,
      after.map((m) => m.series.key),
      new Date(end.getTime() - 3_600_000),
      end,
    );
    const forecasts = await previousForecasts(
      database.db,
      after.map((m) => m.series.key),
      new Date(end.getTime() - 3_600_000),
      end,
    );
    const prom = prometheusDriver(env.PROMETHEUS_URL);
    const params = rankingEveryCycle(catalogForJob(job)).metrics[0]!.params;
    let warm = 0;
    let fds = 0;
    for (const m of after) {
      const previous = stored.get(m.series.key);
      expect(previous?.windowEnd.toISOString(), m.series.key).toBe(first.toISOString());
      // The start the worker must have used, derived here from what the first cycle stored ...
      const warmStart = warmStartFor(m.series.key, end, previous, 3_600_000, 60_000);
      const samples = await fetchRange(prom, m.series, new Date(m.window.start), end, 60);
      // ... gives exactly the published report when the engine runs on the same window from it.
      const previousForecast = forecasts.get(m.series.key)!;
      expect(previousForecast.band?.lower, m.series.key).toHaveLength(10);
      const expected = analyzeSeries({
        series: samples,
        params,
        warmStart,
        forecastMemory: previousForecast,
        previousBand: previousForecast.band,
        forecastSlot: keySlot(m.series.key),
      });
      expect(m.report, m.series.key).toEqual(JSON.parse(JSON.stringify(expected)));
      // Ranked again, and the first cycle's band covers this latest sample (5 minutes into its forecast).
      expect(m.report.forecast, m.series.key).toMatchObject({
        ranked: true,
        rank_age: 0,
        anomaly: { step: 5 },
      });
      if ((m.report.holt_winters as { fit?: string }).fit === 'warm') warm++;
      // Small-valued series (fd counts) have their fitted initial states stored and start from them.
      if (m.series.metric === 'node_filefd_allocated') {
        expect(previous?.states?.seasonal, m.series.key).toHaveLength(550);
        expect(warmStart === null ? null : warmStart.states?.shift).toBe(warmStart === null ? null : 5);
        if (warmStart !== null) expect(m.report.holt_winters, m.series.key).toMatchObject({ fit: 'warm' });
        fds++;
      }
    }
    expect(fds).toBeGreaterThan(0);
    // The byte-sized demo series (memory, filesystems) keep their warm fits unless their hourly cold fit is due.
    expect(warm).toBeGreaterThan(0);
  });

  it('stores each forecast minute with its 80/95 % bands, and the chosen model with its backtest MASE', async () => {
    const metric = 'node_memory_MemAvailable_bytes';
    const ids = (await seriesOfMetric(database.db, metric))
      .filter((s) => s.labels['job'] === job)
      .map((s) => s.id);
    expect(ids.length).toBeGreaterThan(0);
    const runs = await latestForecastRuns(database.db, ids);
    expect(runs).toHaveLength(ids.length);
    const points = await forecastOfRuns(
      database.db,
      runs.map((r) => r.runId),
    );
    for (const run of runs) {
      expect(run.choice?.model).toMatch(/^(hw-|holt|seasonal-naive|linear-trend|original)/);
      expect(run.choice?.mase).toBeGreaterThan(0);
      // The shipped catalog detects each series' period (none when no autocorrelation peak is significant).
      expect(run.choice?.periodSource).toBe('auto');
      if (run.choice?.period != null) expect(run.choice.period).toBeGreaterThanOrEqual(2);
      expect(run.choice?.runnerUp?.mase).toBeGreaterThanOrEqual(run.choice!.mase!);
      const mine = points.filter((p) => p.runId === run.runId);
      expect(mine).toHaveLength(10);
      for (const p of mine) {
        expect(p.lower95!).toBeLessThanOrEqual(p.lower80!);
        expect(p.lower80!).toBeLessThanOrEqual(p.value);
        expect(p.value).toBeLessThanOrEqual(p.upper80!);
        expect(p.upper80!).toBeLessThanOrEqual(p.upper95!);
      }
      // Wider further ahead; seasonal naive's spread is constant within a season (its σ·√(⌊(h−1)/m⌋+1)).
      const width = (p: (typeof mine)[number]) => p.upper95! - p.lower95!;
      for (let k = 1; k < 10; k++)
        expect(width(mine[k]!)).toBeGreaterThanOrEqual(width(mine[k - 1]!) * (1 - 1e-12));
      if (run.choice?.model !== 'seasonal-naive') expect(width(mine[9]!)).toBeGreaterThan(width(mine[0]!));
    }
  });
});
