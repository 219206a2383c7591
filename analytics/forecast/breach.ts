/**
 * The probability that a forecast leaves the bounds [lower, upper] (either may be absent):
 * - per horizon step: P(Y_{n+k} < lower or Y_{n+k} > upper), from the normal marginal where the model has an
 *   analytic variance (Φ((lower − ŷ)/sd) + 1 − Φ((upper − ŷ)/sd)), otherwise the share of simulated paths;
 * - for the whole horizon: P(at least one step is outside), the share of simulated paths with a breach. Paths carry
 *   the model's own dependence between steps (the states shared by consecutive values), so no independence or
 *   union bound is assumed;
 * - the expected first breach step given a breach in the horizon (mean over the breaching paths), with the
 *   unconditional E[min(T, h+1)] beside it, T the first breach step and h+1 standing for "no breach".
 */
import { AnalysisError } from '../errors.ts';
import { normCdf } from '../normal.ts';
import { DEFAULT_PATHS, DEFAULT_SEED, type SimulationOptions } from './intervals.ts';
import type { ForecastDistribution } from './types.ts';

export interface Bounds {
  lower?: number | null;
  upper?: number | null;
}

export interface BreachProbability {
  /** Probability per step 1…h that the value is outside the bounds. */
  perStep: number[];
  /** Probability that at least one of the h values is outside the bounds. */
  horizon: number;
  /** Mean first breach step (1-based, in steps) among the paths that breach; null when none does. */
  expectedFirstBreach: number | null;
  /** E[min(T, h+1)]: the mean first breach step counting a path without breach as h+1. */
  expectedFirstBreachOrEnd: number;
  method: 'analytic' | 'simulated';
}

export function breachProbability(
  dist: ForecastDistribution,
  bounds: Bounds,
  options: SimulationOptions = {},
): BreachProbability {
  const lower = bounds.lower ?? Number.NEGATIVE_INFINITY;
  const upper = bounds.upper ?? Number.POSITIVE_INFINITY;
  if (Number.isNaN(lower) || Number.isNaN(upper) || lower > upper) {
    throw new AnalysisError('INVALID_PARAMETER', 'bounds.lower must not exceed bounds.upper');
  }
  const h = dist.mean.length;
  const count = options.paths ?? DEFAULT_PATHS;
  const paths = dist.simulate(count, options.seed ?? DEFAULT_SEED);
  const outsideCount = new Array<number>(h).fill(0);
  let breaching = 0;
  let firstSum = 0;
  for (let i = 0; i < count; i++) {
    let first = 0;
    for (let k = 0; k < h; k++) {
      const v = paths[i * h + k]!;
      if (v < lower || v > upper) {
        outsideCount[k]!++;
        if (first === 0) first = k + 1;
      }
    }
    if (first > 0) {
      breaching++;
      firstSum += first;
    }
  }
  const { sd } = dist;
  const perStep =
    sd === null
      ? outsideCount.map((c) => c / count)
      : Array.from(dist.mean, (mu, k) => {
          const s = sd[k]!;
          if (!(s > 0)) return mu < lower || mu > upper ? 1 : 0;
          return normCdf((lower - mu) / s) + (1 - normCdf((upper - mu) / s));
        });
  return {
    perStep,
    horizon: breaching / count,
    expectedFirstBreach: breaching > 0 ? firstSum / breaching : null,
    expectedFirstBreachOrEnd: (firstSum + (count - breaching) * (h + 1)) / count,
    method: sd === null ? 'simulated' : 'analytic',
  };
}
