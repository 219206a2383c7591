import { describe, expect, it } from 'vitest';
import { objectiveSse, runRecursion, Workspace } from '../../../../analytics/holt-winters/recursions.ts';
import {
  ADD,
  type ModelSpec,
  MUL,
  NONE,
  P_ALPHA,
  P_BETA,
  P_GAMMA,
  P_LEVEL,
  P_PHI,
  P_SEASON,
  P_TREND,
} from '../../../../analytics/holt-winters/types.ts';

/** Bytes-like series: daily and hourly cycles at 1-minute steps and a drift. */
const n = 1440;
const y = Array.from(
  { length: n },
  (_, i) => 8e9 + 3e8 * Math.sin((2 * Math.PI * i) / 1440) + 4e7 * Math.sin((2 * Math.PI * i) / 60) + 1e5 * i,
);

function params(spec: ModelSpec, alpha: number, beta: number): Float64Array {
  const p = new Float64Array(6 + spec.m);
  p[P_ALPHA] = alpha;
  p[P_BETA] = beta;
  p[P_GAMMA] = 0.1;
  p[P_LEVEL] = 8e9;
  p[P_TREND] = spec.trend === MUL ? 1.00001 : 1e5;
  p[P_PHI] = spec.damped ? 0.97 : 1;
  for (let j = 0; j < spec.m; j++) p[P_SEASON + j] = spec.seasonal === MUL ? 1.001 : 4e7 * Math.sin(j / 9);
  return p;
}

describe('objectiveSse', () => {
  it.each([
    ['trend mul, seasonal add', { trend: MUL, seasonal: ADD, m: 60, damped: false }],
    ['trend mul, no seasonality', { trend: MUL, seasonal: NONE, m: 0, damped: false }],
  ] as [string, ModelSpec][])(
    '%s: the rearranged trend update agrees with statsmodels’ to rounding',
    (_n, spec) => {
      for (const [alpha, beta] of [
        [0.005, 0],
        [0.3, 0.1],
        [0.99, 0.99],
      ] as const) {
        const p = params(spec, alpha, beta);
        const fast = new Workspace(n, spec.m);
        const exact = new Workspace(n, spec.m);
        const f = objectiveSse(y, spec, p, fast);
        const e = runRecursion(y, spec, p, exact, n - 1);
        expect(Math.abs(f - e)).toBeLessThanOrEqual(1e-10 * e);
        // The states the backward pass reads agree too.
        for (let i = 0; i < n; i++) {
          expect(Math.abs(fast.l[i]! - exact.l[i]!)).toBeLessThanOrEqual(1e-12 * exact.l[i]!);
          expect(Math.abs(fast.b[i]! - exact.b[i]!)).toBeLessThanOrEqual(1e-12);
        }
        for (let i = 0; i < n + spec.m - 1; i++)
          expect(Math.abs(fast.s[i]! - exact.s[i]!)).toBeLessThanOrEqual(1e-3);
      }
    },
  );

  it.each([
    ['trend add, seasonal add', { trend: ADD, seasonal: ADD, m: 60, damped: false }],
    ['trend mul, seasonal mul', { trend: MUL, seasonal: MUL, m: 60, damped: false }],
    ['damped trend mul, seasonal add', { trend: MUL, seasonal: ADD, m: 60, damped: true }],
    ['no trend, no seasonality', { trend: NONE, seasonal: NONE, m: 0, damped: false }],
  ] as [string, ModelSpec][])('%s: is exactly runRecursion', (_n, spec) => {
    const p = params(spec, 0.3, 0.1);
    expect(objectiveSse(y, spec, p, new Workspace(n, spec.m))).toBe(
      runRecursion(y, spec, p, new Workspace(n, spec.m), n - 1),
    );
  });
});
