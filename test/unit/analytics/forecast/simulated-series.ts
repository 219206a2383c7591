/**
 * Series drawn from known models for the forecast tests: the true distribution of every future value is known,
 * so coverage and model choice can be checked against it.
 */
import { seededNormal } from '../../../../analytics/forecast/random.ts';

export interface AdditiveEts {
  alpha: number;
  /** State-space β (b_t = φ b_{t−1} + β ε_t). */
  beta: number;
  gamma: number;
  phi: number;
  m: number;
  sigma: number;
  level: number;
  slope: number;
  amplitude: number;
}

/**
 * n + future values of ETS(A,·,·) in error-correction form (Hyndman et al. 2008, §2.5.1): y_t = l + φb + s + ε,
 * l ← l + φb + αε, b ← φb + βε, s ← s + γε.
 */
export function additiveEts(model: AdditiveEts, n: number, seed: number): number[] {
  const z = seededNormal(seed);
  const { alpha, beta, gamma, phi, m, sigma } = model;
  let l = model.level;
  let b = model.slope;
  const s = Array.from({ length: Math.max(m, 1) }, (_, j) =>
    m > 0 ? model.amplitude * Math.sin((2 * Math.PI * j) / m) : 0,
  );
  const y: number[] = [];
  for (let t = 0; t < n; t++) {
    const e = sigma * z();
    const j = m > 0 ? t % m : 0;
    y.push(l + phi * b + s[j]! + e);
    l = l + phi * b + alpha * e;
    b = phi * b + beta * e;
    s[j] = s[j]! + gamma * e;
  }
  return y;
}

export function whiteNoise(n: number, seed: number): number[] {
  const z = seededNormal(seed);
  return Array.from({ length: n }, () => z());
}

export function sineWithNoise(n: number, period: number, amplitude: number, seed: number): number[] {
  const z = seededNormal(seed);
  return Array.from({ length: n }, (_, i) => 100 + amplitude * Math.sin((2 * Math.PI * i) / period) + z());
}
