import type { CycleSummary } from '../../contracts/pipeline.ts';
import { componentLogger } from '../../observability/logger.ts';
import { cycleDuration } from '../../observability/pipeline-metrics.ts';

const log = componentLogger('pipeline');

/** Workflows cannot touch metrics or logs; this activity records a finished cycle for Prometheus and the logs. */
export async function recordCycle(summary: CycleSummary): Promise<void> {
  for (const m of summary.metrics) cycleDuration.observe({ metric: m.metric }, m.durationMs / 1000);
  log.info(
    {
      cycleId: summary.cycleId,
      window: summary.window,
      durationMs: summary.durationMs,
      series: summary.metrics.reduce((n, m) => n + m.series, 0),
      failedMetrics: summary.failedMetrics,
    },
    'pipeline cycle finished',
  );
}
