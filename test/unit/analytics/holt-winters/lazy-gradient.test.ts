/**
 * The line search asks for the gradient only where it uses it. That must not change the optimiser's path: the same
 * minimisation with an objective that computes the gradient on every evaluation (as before) must end at the same
 * bits, and splitting `sseGradient` into its forward and backward passes must not change either.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sseGradient, sseGradientFromStates } from '../../../../analytics/holt-winters/gradient.ts';
import { minimizeBox, type SplitObjective } from '../../../../analytics/holt-winters/optimizer.ts';
import { runRecursion, Workspace } from '../../../../analytics/holt-winters/recursions.ts';
import { ADD, type ModelSpec, MUL, NONE } from '../../../../analytics/holt-winters/types.ts';

const sameBits = (a: Float64Array, b: Float64Array) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** Value and gradient together on every call, the way the line search used to evaluate. */
function eager(
  fg: (x: Float64Array, g: Float64Array) => number,
  nv: number,
): SplitObjective & { calls: number } {
  const g = new Float64Array(nv);
  return {
    calls: 0,
    value(x) {
      this.calls++;
      return fg(x, g);
    },
    gradient(grad) {
      grad.set(g);
    },
  };
}

/** Value first, gradient only on request (counts the gradients actually computed). */
function lazy(
  f: (x: Float64Array) => number,
  grad: (x: Float64Array, g: Float64Array) => void,
): SplitObjective & { gradients: number } {
  let last = new Float64Array(0);
  return {
    gradients: 0,
    value(x) {
      last = x.slice();
      return f(x);
    },
    gradient(g) {
      this.gradients++;
      grad(last, g);
    },
  };
}

describe('lazy gradients in the line search', () => {
  it('reach the same point as eager gradients on random box-constrained Rosenbrock-like problems', () => {
    let skipped = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.double({ min: 1, max: 300, noNaN: true }),
        fc.boolean(),
        (nv, start, curvature, tightBox) => {
          const f = (x: Float64Array) => {
            let s = 0;
            for (let i = 0; i + 1 < nv; i++)
              s += curvature * (x[i + 1]! - x[i]! ** 2) ** 2 + (1 - x[i]!) ** 2;
            return s;
          };
          const grad = (x: Float64Array, g: Float64Array) => {
            g.fill(0);
            for (let i = 0; i + 1 < nv; i++) {
              const r = x[i + 1]! - x[i]! ** 2;
              g[i] = g[i]! - 4 * curvature * r * x[i]! - 2 * (1 - x[i]!);
              g[i + 1] = g[i + 1]! + 2 * curvature * r;
            }
          };
          const x0 = Float64Array.from(start.slice(0, nv));
          const lower = new Float64Array(nv).fill(tightBox ? -0.5 : -3);
          const upper = new Float64Array(nv).fill(tightBox ? 0.7 : 3);
          const opts = { lower, upper, maxIterations: 60, ftol: 1e-13, patience: 1 };
          const a = minimizeBox(
            eager((x, g) => {
              grad(x, g);
              return f(x);
            }, nv),
            x0,
            opts,
          );
          const lz = lazy(f, grad);
          const b = minimizeBox(lz, x0, opts);
          expect(sameBits(a.x, b.x)).toBe(true);
          expect(Object.is(a.f, b.f)).toBe(true);
          expect(b.iterations).toBe(a.iterations);
          expect(b.evaluations).toBe(a.evaluations);
          expect(lz.gradients).toBeLessThanOrEqual(b.evaluations);
          skipped += b.evaluations - lz.gradients;
        },
      ),
      { numRuns: 300 },
    );
    // The comparison means something only if some trial points were in fact rejected without a gradient.
    expect(skipped).toBeGreaterThan(0);
  });

  it('sseGradient equals the forward recursion followed by the backward pass, for every model kind', () => {
    const n = 80;
    const y = Float64Array.from({ length: n }, (_, i) => 50 + 10 * Math.sin(i / 3) + ((i * 37) % 11) / 4);
    for (const trend of [NONE, ADD, MUL] as const) {
      for (const seasonal of [NONE, ADD, MUL] as const) {
        for (const damped of trend === NONE ? [false] : [false, true]) {
          const m = seasonal === NONE ? 0 : 7;
          const spec: ModelSpec = { trend, seasonal, m, damped };
          const p = new Float64Array(6 + m);
          p.set([0.3, 0.05, 0.1, 50, trend === MUL ? 1.001 : 0.1, 0.97]);
          for (let j = 0; j < m; j++) p[6 + j] = seasonal === MUL ? 1 + 0.01 * j : 0.5 * j - 1;
          const ws = new Workspace(n, m);
          const gs = new Float64Array(n + m);
          const g1 = new Float64Array(6 + m);
          const f1 = sseGradient(y, spec, p, ws, gs, g1);
          const ws2 = new Workspace(n, m);
          const g2 = new Float64Array(6 + m);
          const f2 = runRecursion(y, spec, p, ws2, n - 1);
          sseGradientFromStates(y, spec, p, ws2, new Float64Array(n + m), g2);
          expect(Object.is(f1, f2)).toBe(true);
          expect(sameBits(g1, g2)).toBe(true);
        }
      }
    }
  });
});
