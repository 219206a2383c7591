/**
 * Prediction intervals at given levels: from the normal forecast distribution where the model has an analytic
 * variance (ŷ ± Φ⁻¹((1+level)/2)·sd), otherwise from the empirical quantiles of simulated sample paths
 * (Hyndman et al. 2008, §6.1; quantiles by linear interpolation, numpy's default "linear" method).
 */
import { AnalysisError } from '../errors.ts';
import { normQuantile } from '../normal.ts';
import type { ForecastDistribution, IntervalBand, IntervalForecast } from './types.ts';

export const DEFAULT_LEVELS: readonly number[] = [0.8, 0.95];

export interface SimulationOptions {
  /** Sample paths where simulation is needed. */
  paths?: number;
  seed?: number;
}

export const DEFAULT_PATHS = 1000;
export const DEFAULT_SEED = 20_260_415;

export function checkLevels(levels: readonly number[]): void {
  for (const level of levels) {
    if (!(level > 0 && level < 1)) throw new AnalysisError('INVALID_PARAMETER', 'levels must lie in (0, 1)');
  }
}

export function predictionIntervals(
  dist: ForecastDistribution,
  levels: readonly number[] = DEFAULT_LEVELS,
  options: SimulationOptions = {},
): IntervalForecast {
  checkLevels(levels);
  const h = dist.mean.length;
  const mean = Array.from(dist.mean);
  const { sd } = dist;
  if (sd !== null) {
    const bands = levels.map((level): IntervalBand => {
      const z = normQuantile((1 + level) / 2);
      return {
        level,
        lower: mean.map((v, k) => v - z * sd[k]!),
        upper: mean.map((v, k) => v + z * sd[k]!),
      };
    });
    return { mean, method: 'analytic', bands };
  }
  const count = options.paths ?? DEFAULT_PATHS;
  const paths = dist.simulate(count, options.seed ?? DEFAULT_SEED);
  const column = new Float64Array(count);
  const bands = levels.map((level) => ({ level, lower: new Array<number>(h), upper: new Array<number>(h) }));
  for (let k = 0; k < h; k++) {
    for (let i = 0; i < count; i++) column[i] = paths[i * h + k]!;
    column.sort();
    for (const band of bands) {
      band.lower[k] = sortedQuantile(column, (1 - band.level) / 2);
      band.upper[k] = sortedQuantile(column, (1 + band.level) / 2);
    }
  }
  return { mean, method: 'simulated', bands };
}

/** numpy.quantile(x, q, method="linear") on sorted x: position q·(n−1), linear between neighbours. */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}
