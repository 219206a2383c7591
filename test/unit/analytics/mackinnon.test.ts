import { describe, expect, it } from 'vitest';
import { mackinnonCrit, mackinnonP } from '../../../analytics/mackinnon.ts';
import { erfc, normCdf } from '../../../analytics/normal.ts';
import { expectClose } from './reference.ts';

describe('normCdf', () => {
  // scipy.stats.norm.cdf reference values from ALGORITHMS.md §1.6: the far left tail needs relative accuracy.
  const reference: [number, number][] = [
    [-30, 4.906713927147908e-198],
    [-20, 2.7536241186061556e-89],
    [-10.1, 2.7621094717645e-24],
    [-8, 6.22096057427174e-16],
    [-5, 2.866515718791933e-7],
    [-3, 0.0013498980316300933],
    [-1.61, 0.05369892814811966],
    [1, 0.8413447460685429],
  ];
  for (const [z, p] of reference) {
    it(`Φ(${z}) to 1e-12 relative`, () => expectClose(normCdf(z), p, 1e-12, 0, `Φ(${z})`));
  }

  it('handles the extremes and NaN', () => {
    expect(normCdf(-40)).toBe(0);
    expect(normCdf(40)).toBe(1);
    expect(normCdf(0)).toBe(0.5);
    expect(Number.isNaN(erfc(Number.NaN))).toBe(true);
  });

  it('is continuous where erfc switches from the series to the continued fraction', () => {
    const below = erfc(1.5 - 1e-12);
    const above = erfc(1.5);
    expectClose(below, above, 1e-11, 0, 'erfc at 1.5');
  });
});

describe('mackinnonP', () => {
  it('clips at tau_max and tau_min like statsmodels', () => {
    expect(mackinnonP(2.75, 'c')).toBe(1);
    expect(mackinnonP(-18.84, 'c')).toBe(0);
    expect(mackinnonP(-16.19, 'ct')).toBe(0);
    expect(mackinnonP(0.71, 'ct')).toBe(1);
    // "n" has no upper cut-off (tau_max = inf).
    expect(mackinnonP(50, 'n')).toBeLessThan(1.0000001);
    expect(mackinnonP(-19.05, 'n')).toBe(0);
  });

  it('reproduces a strongly stationary p-value in the far tail', () => {
    // Small-p branch: Φ(2.1659 + 1.4412·t + 0.038269·t²) at t = −11.53304687640158 (reference case io_fraction).
    expectClose(mackinnonP(-11.53304687640158, 'c'), 3.79091299311819e-21, 1e-6, 0, 'p');
  });
});

describe('mackinnonCrit', () => {
  it('matches ALGORITHMS.md for nobs = 719', () => {
    const cv = mackinnonCrit('c', 719);
    expect(cv['1%']).toBe(-3.439477677285233);
    expect(cv['5%']).toBe(-2.865568186630048);
    expect(cv['10%']).toBe(-2.5689150720653977);
  });
});
