/**
 * Breach probabilities of a stored forecast against bounds chosen after it was made (an SLA's): only the point
 * forecast and its 95 % band are stored, not the distribution, so
 * - per step: the normal approximation N(ŷ_k, σ_k²) with σ_k = (upper95_k − lower95_k) / (2·Φ⁻¹(0.975)), exact for
 *   the models with analytic intervals and an approximation for the simulated ones (their bands may be skewed);
 *   P_k = Φ((lower − ŷ_k)/σ_k) + 1 − Φ((upper − ŷ_k)/σ_k);
 * - over the horizon: at least max_k P_k (true under any dependence between steps), and 1 − Π(1 − P_k), the
 *   figure for independent steps. Forecast errors of neighbouring minutes are positively correlated (they share the
 *   model's states), under which, for one bound, 1 − Π(1 − P_k) is an upper bound (Slepian 1962, "The one-sided
 *   barrier problem for Gaussian noise", Bell Syst. Tech. J. 41(2)): the truth lies between the two;
 * - the expected first breach step given a breach in the horizon, under the same independence:
 *   Σ_k k·P_k·Π_{j<k}(1 − P_j) / (1 − Π(1 − P_k)).
 */
import { normCdf, normQuantile } from '../normal.ts';
import type { Bounds } from './breach.ts';

export interface BandPoint {
  mean: number;
  lower95: number;
  upper95: number;
}

export interface BandBreach {
  perStep: number[];
  /** 1 − Π(1 − P_k): independent steps; an upper bound for positively correlated errors and one bound. */
  horizon: number;
  /** max_k P_k: a lower bound under any dependence. */
  horizonAtLeast: number;
  /** Expected first breach step (1-based, may be fractional) given a breach within the steps; null: none likely. */
  expectedFirstBreachStep: number | null;
}

const Z95 = normQuantile(0.975);

export function bandBreachProbability(points: readonly BandPoint[], bounds: Bounds): BandBreach {
  const lower = bounds.lower ?? Number.NEGATIVE_INFINITY;
  const upper = bounds.upper ?? Number.POSITIVE_INFINITY;
  const perStep = points.map(({ mean, lower95, upper95 }) => {
    const sd = (upper95 - lower95) / (2 * Z95);
    if (!(sd > 0)) return mean < lower || mean > upper ? 1 : 0;
    return Math.min(1, normCdf((lower - mean) / sd) + (1 - normCdf((upper - mean) / sd)));
  });
  let none = 1;
  let firstSum = 0;
  perStep.forEach((p, k) => {
    firstSum += (k + 1) * p * none;
    none *= 1 - p;
  });
  const horizon = 1 - none;
  return {
    perStep,
    horizon,
    horizonAtLeast: perStep.reduce((m, p) => Math.max(m, p), 0),
    expectedFirstBreachStep: horizon > 0 ? firstSum / horizon : null,
  };
}
