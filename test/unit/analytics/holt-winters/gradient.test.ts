/**
 * The adjoint gradient must be the derivative of the SSE that `runRecursion` computes, for every model: checked
 * against central differences, parameter by parameter.
 */
import { describe, expect, it } from 'vitest';
import { sseGradient } from '../../../../analytics/holt-winters/gradient.ts';
import { runRecursion, Workspace } from '../../../../analytics/holt-winters/recursions.ts';
import {
  ADD,
  type Kind,
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

const m = 6;
const n = 90;
const y = Array.from(
  { length: n },
  (_, i) => 200 * 1.001 ** i + 15 * Math.sin((2 * Math.PI * i) / m) + ((i * 7) % 5),
);

function params(spec: ModelSpec): Float64Array {
  const p = new Float64Array(6 + spec.m);
  p[P_ALPHA] = 0.4;
  p[P_BETA] = 0.05;
  p[P_GAMMA] = 0.2;
  p[P_LEVEL] = 200;
  p[P_TREND] = spec.trend === MUL ? 1.001 : 0.2;
  p[P_PHI] = spec.damped ? 0.95 : 1;
  for (let j = 0; j < spec.m; j++) {
    const s = 15 * Math.sin((2 * Math.PI * j) / m);
    p[P_SEASON + j] = spec.seasonal === MUL ? 1 + s / 200 : s;
  }
  return p;
}

const specs: [string, ModelSpec][] = [];
const KINDS: Kind[] = [NONE, ADD, MUL];
for (const trend of KINDS) {
  for (const seasonal of KINDS) {
    for (const damped of trend === NONE ? [false] : [false, true]) {
      const spec: ModelSpec = { trend, seasonal, m: seasonal === NONE ? 0 : m, damped };
      specs.push([`trend ${trend} seasonal ${seasonal}${damped ? ' damped' : ''}`, spec]);
    }
  }
}

describe('sseGradient', () => {
  it.each(specs)('%s: matches central differences of the SSE', (_name, spec) => {
    const p = params(spec);
    const ws = new Workspace(n, spec.m);
    const grad = new Float64Array(p.length);
    const sse = sseGradient(y, spec, p, ws, new Float64Array(n + spec.m), grad);
    expect(sse).toBe(runRecursion(y, spec, p, new Workspace(n, spec.m), n - 1));
    const used = [P_ALPHA, P_LEVEL];
    if (spec.trend !== NONE) used.push(P_BETA, P_TREND);
    if (spec.damped) used.push(P_PHI);
    if (spec.seasonal !== NONE) used.push(P_GAMMA, ...Array.from({ length: spec.m }, (_, j) => P_SEASON + j));
    for (const i of used) {
      const h = 1e-6 * Math.max(1, Math.abs(p[i]!));
      const at = (v: number) => {
        const q = Float64Array.from(p);
        q[i] = v;
        return runRecursion(y, spec, q, new Workspace(n, spec.m), n - 1);
      };
      const numeric = (at(p[i]! + h) - at(p[i]! - h)) / (2 * h);
      expect(Math.abs(grad[i]! - numeric)).toBeLessThanOrEqual(
        1e-5 * Math.max(Math.abs(numeric), 1e-3 * sse),
      );
    }
    for (let i = 0; i < p.length; i++) if (!used.includes(i)) expect(grad[i]).toBe(0);
  });
});
