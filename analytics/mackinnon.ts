/**
 * MacKinnon's approximate p-values (1994) and finite-sample critical values (2010) for the Dickey-Fuller τ statistic
 * with one I(1) series (N = 1), as statsmodels `tsa/adfvalues.py` `mackinnonp` / `mackinnoncrit` compute them.
 */
import { normCdf } from './normal.ts';

export type AdfRegression = 'n' | 'c' | 'ct';

interface PValueTable {
  tauMax: number;
  tauMin: number;
  tauStar: number;
  /** Polynomial coefficients, lowest degree first, already multiplied by statsmodels' scaling vectors. */
  smallP: readonly number[];
  largeP: readonly number[];
}

// statsmodels keeps the published coefficients and multiplies them by small_scaling = [1, 1, 1e-2] and
// large_scaling = [1, 1e-1, 1e-1, 1e-2]. The products are written out the same way so the doubles are bit-identical
// (3.8269 * 1e-2 is not the same double as 0.038269).
const P_TABLES: Record<AdfRegression, PValueTable> = {
  n: {
    tauMax: Number.POSITIVE_INFINITY,
    tauMin: -19.04,
    tauStar: -1.04,
    smallP: [0.6344 * 1, 1.2378 * 1, 3.2496 * 1e-2],
    largeP: [0.4797 * 1, 9.3557 * 1e-1, -0.6999 * 1e-1, 3.3066 * 1e-2],
  },
  c: {
    tauMax: 2.74,
    tauMin: -18.83,
    tauStar: -1.61,
    smallP: [2.1659 * 1, 1.4412 * 1, 3.8269 * 1e-2],
    largeP: [1.7339 * 1, 9.3202 * 1e-1, -1.2745 * 1e-1, -1.0368 * 1e-2],
  },
  ct: {
    tauMax: 0.7,
    tauMin: -16.18,
    tauStar: -2.89,
    smallP: [3.2512 * 1, 1.6047 * 1, 4.9588 * 1e-2],
    largeP: [2.5261 * 1, 6.1654 * 1e-1, -3.7956 * 1e-1, -6.0285 * 1e-2],
  },
};

/** MacKinnon (2010) response-surface coefficients [b0, b1, b2, b3] for the 1%, 5% and 10% levels, N = 1. */
const CRIT_TABLES: Record<AdfRegression, readonly (readonly number[])[]> = {
  // "n" was not updated in 2010; statsmodels uses the 1996 values.
  n: [
    [-2.56574, -2.2358, -3.627, 0],
    [-1.941, -0.2686, -3.365, 31.223],
    [-1.61682, 0.2656, -2.714, 25.364],
  ],
  c: [
    [-3.43035, -6.5393, -16.786, -79.433],
    [-2.86154, -2.8903, -4.234, -40.04],
    [-2.56677, -1.5384, -2.809, 0],
  ],
  ct: [
    [-3.95877, -9.0531, -28.428, -134.155],
    [-3.41049, -4.3904, -9.036, -45.374],
    [-3.12705, -2.5856, -3.925, -22.38],
  ],
};

/** numpy.polyval with coefficients given lowest degree first (Horner from the top, as numpy does). */
function polyval(coefLowFirst: readonly number[], x: number): number {
  let y = 0;
  for (let i = coefLowFirst.length - 1; i >= 0; i--) y = y * x + coefLowFirst[i]!;
  return y;
}

/** `mackinnonp(teststat, regression, N=1)`. */
export function mackinnonP(stat: number, regression: AdfRegression): number {
  const t = P_TABLES[regression];
  if (stat > t.tauMax) return 1.0;
  if (stat < t.tauMin) return 0.0;
  const coef = stat <= t.tauStar ? t.smallP : t.largeP;
  return normCdf(polyval(coef, stat));
}

export interface CriticalValues {
  '1%': number;
  '5%': number;
  '10%': number;
}

/** `mackinnoncrit(N=1, regression, nobs)`: cv = b0 + b1/nobs + b2/nobs² + b3/nobs³, nobs being the regression's. */
export function mackinnonCrit(regression: AdfRegression, nobs: number): CriticalValues {
  const [one, five, ten] = CRIT_TABLES[regression].map((b) => polyval(b, 1 / nobs)) as [
    number,
    number,
    number,
  ];
  return { '1%': one, '5%': five, '10%': ten };
}
