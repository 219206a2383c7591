import { describe, expect, it } from 'vitest';
import { seededNormal } from '../../../../analytics/forecast/random.ts';

describe('seededNormal', () => {
  it('repeats its stream for a seed and differs between seeds', () => {
    const a = seededNormal(7);
    const b = seededNormal(7);
    const c = seededNormal(8);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
  });

  it('draws standard normals: mean 0, variance 1, 2.5 % beyond 1.96', () => {
    const z = seededNormal(123);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    let tail = 0;
    for (let i = 0; i < n; i++) {
      const v = z();
      sum += v;
      sq += v * v;
      if (v > 1.959963984540054) tail++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.015);
    expect(Math.abs(tail / n - 0.025)).toBeLessThan(0.002);
  });
});
