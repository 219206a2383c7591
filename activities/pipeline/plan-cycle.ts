import type { PrometheusDriver } from 'prometheus-query';
import type { Catalog } from '../../config/catalog.ts';
import { vigilFailure } from '../../contracts/errors.ts';
import type { CycleInput, CyclePlan, CycleWindow } from '../../contracts/pipeline.ts';
import { discoverSeries } from '../../prometheus/series.ts';

export interface PlanCycleDeps {
  prom: PrometheusDriver;
  catalog: Catalog;
  analysisTaskQueue: string;
}

/** The window ends on a step boundary, so every series of a cycle shares the same sample grid. */
export function cycleWindow(catalog: Catalog, end: Date): CycleWindow {
  const stepMs = catalog.stepSeconds * 1000;
  const endMs = Math.floor(end.getTime() / stepMs) * stepMs;
  return {
    start: new Date(endMs - catalog.lookbackSeconds * 1000).toISOString(),
    end: new Date(endMs).toISOString(),
    stepSeconds: catalog.stepSeconds,
  };
}

/**
 * Resolves which metrics a cycle covers and how many series each has, so the workflow can split the work into
 * shards of at most `batch_size` series. Unknown metric names are a non-retryable UNKNOWN_METRIC.
 */
export function createPlanCycle(deps: PlanCycleDeps) {
  return async function planCycle(input: CycleInput & { windowEnd: string }): Promise<CyclePlan> {
    const { catalog } = deps;
    const wanted = input.metrics?.length ? input.metrics : catalog.metrics.map((m) => m.name);
    const unknown = wanted.filter((name) => !catalog.metrics.some((m) => m.name === name));
    if (unknown.length > 0) {
      const known = catalog.metrics.map((m) => m.name).join(', ');
      throw vigilFailure('UNKNOWN_METRIC', `unknown metric ${unknown.join(', ')}; the catalog has: ${known}`);
    }
    const window = cycleWindow(catalog, new Date(input.windowEnd));
    const metrics = await Promise.all(
      catalog.metrics
        .filter((m) => wanted.includes(m.name))
        .map(async (m) => {
          const refs = await discoverSeries(
            deps.prom,
            m.name,
            m.matchers,
            new Date(window.start),
            new Date(window.end),
          );
          return {
            metric: { name: m.name, matchers: m.matchers, params: m.params },
            seriesCount: refs.length,
            shards: Math.ceil(refs.length / catalog.batchSize),
          };
        }),
    );
    return { window, analysisTaskQueue: deps.analysisTaskQueue, metrics };
  };
}
