import { describe, expect, it } from 'vitest';
import { minimizeBox, type SplitObjective } from '../../../../analytics/holt-winters/optimizer.ts';

/** f(x) = f0 + g·x + c·x² on one variable, counting evaluations. */
function parabola(f0: number, g: number, c: number): SplitObjective & { evaluations: number } {
  let x = 0;
  return {
    evaluations: 0,
    value(v) {
      this.evaluations++;
      x = v[0]!;
      return f0 + g * x + c * x * x;
    },
    gradient(out) {
      out[0] = g + 2 * c * x;
    },
  };
}

const box = { lower: Float64Array.of(-1e30), upper: Float64Array.of(1e30) };

describe('minimizeBox', () => {
  it('gives up at once on a direction whose curvature dwarfs its slope (no decrease above rounding exists)', () => {
    // The best decrease, g²/(4c) = 2.5e-7, is far below the rounding of f0 = 8.6e16 (about 16).
    const f = parabola(8.6e16, -1, 1e6);
    const r = minimizeBox(f, Float64Array.of(0), { ...box, maxIterations: 50 });
    expect(r.f).toBe(8.6e16);
    expect(r.x[0]).toBe(0);
    expect(f.evaluations).toBeLessThanOrEqual(3);
  });

  it('still takes a decrease well above rounding, however steep the direction', () => {
    // Best decrease g²/(4c) = 2.5e5, about 1.6e4 roundings of f0: reachable, and found.
    const f = parabola(8.6e16, -1e6, 1);
    const r = minimizeBox(f, Float64Array.of(0), { ...box, maxIterations: 50 });
    expect(r.f).toBeLessThan(8.6e16 - 2e5);
    expect(Math.abs(r.x[0]! - 5e5)).toBeLessThan(5e4);
  });
});
