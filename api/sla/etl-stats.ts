/**
 * The ETL's execution time as PromQL over the pipeline's own histograms (observability/pipeline-metrics.ts):
 * per metric and stage (fetch, analyze, publish from the stage histogram; `cycle` is a metric's whole cycle
 * from the cycle histogram). Histograms keep no maximum, so `max` is the upper bound of the highest bucket that
 * holds an observation (histogram_quantile at 1).
 *
 * Counts are whole observations (for `cycle`, whole cycles), every one counted: each histogram series is summed
 * minute by minute as its own increments, never through increase(). increase() extrapolates to the window's
 * edges (1.0347 cycles) and cannot count a series' first sample, so the first cycle after each worker start
 * (whose counter appears at 1) was lost and a freshly started pipeline reported nothing.
 */

const STAGE = 'vigil_pipeline_stage_duration_seconds';
const CYCLE = 'vigil_pipeline_cycle_duration_seconds';

/** The step of the per-minute sums; the query is evaluated at a whole step so the last step holds "now". */
export const ETL_STEP_SECONDS = 60;

/** `expr(histogram)` over both histograms, the cycle one labelled stage="cycle". */
function both(expr: (histogram: string, relabel: (inner: string) => string) => string): string {
  const asCycle = (inner: string) => `label_replace(${inner}, "stage", "cycle", "", "")`;
  return `(${expr(STAGE, (inner) => inner)}) or (${expr(CYCLE, asCycle)})`;
}

/**
 * What a counter gained over the window, exactly: at each step its rise since the step before, or its whole value
 * where it has no earlier value (a worker just started) or fell (a worker restarted, counting from 0 again).
 * Consecutive steps telescope, so nothing is extrapolated and nothing counted twice; `+ 0` drops the metric name
 * so `or` matches the two sides by their labels.
 */
function gained(series: string, window: string): string {
  const step = `${ETL_STEP_SECONDS}s`;
  return `sum_over_time((((${series} - ${series} offset ${step}) >= 0) or (${series} + 0))[${window}:${step}])`;
}

export function etlQueries(window: string): Record<'count' | 'sum' | 'p95' | 'max', string> {
  const increase = (series: string, relabel: (s: string) => string) => relabel(gained(series, window));
  const quantile = (q: number) =>
    both(
      (h, relabel) =>
        `histogram_quantile(${q}, sum by (metric, stage, le) (${increase(`${h}_bucket`, relabel)}))`,
    );
  return {
    count: both((h, relabel) => `sum by (metric, stage) (${increase(`${h}_count`, relabel)})`),
    sum: both((h, relabel) => `sum by (metric, stage) (${increase(`${h}_sum`, relabel)})`),
    p95: quantile(0.95),
    max: quantile(1),
  };
}

export interface EtlSample {
  labels: Record<string, string>;
  value: number;
}

export interface EtlRow {
  metric: string;
  stage: string;
  count: number;
  meanSeconds: number | null;
  p95Seconds: number | null;
  maxSeconds: number | null;
}

function finite(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

/** Joins the four result vectors by (metric, stage), sorted; groups without observations are left out. */
export function etlRows(results: Record<'count' | 'sum' | 'p95' | 'max', EtlSample[]>): EtlRow[] {
  const keyOf = (l: Record<string, string>) => `${l.metric ?? ''}\u0000${l.stage ?? ''}`;
  const index = (samples: EtlSample[]) => new Map(samples.map((s) => [keyOf(s.labels), s.value]));
  const sums = index(results.sum);
  const p95 = index(results.p95);
  const max = index(results.max);
  return results.count
    .filter((c) => c.value > 0)
    .map((c) => {
      const key = keyOf(c.labels);
      const sum = sums.get(key);
      return {
        metric: c.labels.metric ?? '',
        stage: c.labels.stage ?? '',
        count: c.value,
        meanSeconds: sum === undefined ? null : finite(sum / c.value),
        p95Seconds: finite(p95.get(key)),
        maxSeconds: finite(max.get(key)),
      };
    })
    .sort((a, b) =>
      a.metric === b.metric ? a.stage.localeCompare(b.stage) : a.metric.localeCompare(b.metric),
    );
}
