/**
 * Kernels rewritten for speed (several independent sums per pass, views instead of copies) against the previous
 * code, verbatim: Householder QR and the direct ACF must give identical bits, not merely close values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acf } from '../../../analytics/acf.ts';
import { householderQr } from '../../../analytics/linalg/qr.ts';

// ---- previous implementations, verbatim ------------------------------------------------------------------------
const EPS = 2.220446049250313e-16;
function referenceQr(columns: readonly Float64Array[], y: Float64Array) {
  const k = columns.length;
  const m = y.length;
  const a: Float64Array[] = [];
  const colScale = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const col = columns[j]!;
    const norm = euclideanNorm(col, 0);
    const s = norm > 0 ? norm : 1;
    colScale[j] = s;
    const c = new Float64Array(m);
    for (let i = 0; i < m; i++) c[i] = col[i]! / s;
    a.push(c);
  }
  const qty = Float64Array.from(y);
  const r: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const v = a[j]!;
    const norm = euclideanNorm(v, j);
    const rj = new Float64Array(j + 1);
    for (let i = 0; i < j; i++) rj[i] = v[i]!;
    if (norm === 0) {
      rj[j] = 0;
      r.push(rj);
      continue;
    }
    const alpha = v[j]! >= 0 ? -norm : norm;
    v[j] = v[j]! - alpha;
    let vtv = 0;
    for (let i = j; i < m; i++) vtv += v[i]! * v[i]!;
    for (let c = j + 1; c < k; c++) applyReflector(v, vtv, a[c]!, j, m);
    applyReflector(v, vtv, qty, j, m);
    rj[j] = alpha;
    r.push(rj);
  }
  const tol = Math.max(m, k) * EPS * Math.sqrt(k);
  let rank = 0;
  for (let j = 0; j < k; j++) if (Math.abs(r[j]![j]!) > tol) rank++;
  return { m, k, r, qty, rank, colScale };
}
function applyReflector(v: Float64Array, vtv: number, target: Float64Array, from: number, m: number): void {
  let dot = 0;
  for (let i = from; i < m; i++) dot += v[i]! * target[i]!;
  const f = (2 * dot) / vtv;
  for (let i = from; i < m; i++) target[i] = target[i]! - f * v[i]!;
}
function euclideanNorm(v: Float64Array, from: number): number {
  let scale = 0;
  let ssq = 1;
  for (let i = from; i < v.length; i++) {
    const x = v[i]!;
    if (x !== 0) {
      const ax = Math.abs(x);
      if (scale < ax) {
        ssq = 1 + ssq * (scale / ax) * (scale / ax);
        scale = ax;
      } else {
        ssq += (ax / scale) * (ax / scale);
      }
    }
  }
  return scale * Math.sqrt(ssq);
}
function referenceAcfDirect(x: readonly number[], nlags: number): (number | null)[] {
  const n = x.length;
  if (x.every((v) => v === x[0])) return new Array<number | null>(nlags + 1).fill(null);
  let mean = 0;
  for (const v of x) mean += v;
  mean /= n;
  let spread = 0;
  for (const v of x) spread = Math.max(spread, Math.abs(v - mean));
  const power = spread > 0 && Number.isFinite(spread) ? 2 ** -Math.floor(Math.log2(spread)) : 1;
  const scale = Number.isFinite(power) ? power : 1;
  const xo = new Float64Array(n);
  for (let i = 0; i < n; i++) xo[i] = (x[i]! - mean) * scale;
  const acov = new Float64Array(nlags + 1);
  for (let k = 0; k <= nlags; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += xo[t]! * xo[t - k]!;
    acov[k] = s;
  }
  const out: (number | null)[] = [];
  for (let k = 0; k <= nlags; k++) {
    const r = acov[k]! / acov[0]!;
    out.push(Number.isFinite(r) ? r : null);
  }
  return out;
}
// ---------------------------------------------------------------------------------------------------------------

function lcg(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
}

const sameBits = (a: Float64Array, b: Float64Array) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('householderQr (dot products side by side)', () => {
  it('equals the previous QR bit for bit: R, Qᵀy, rank and column scales', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: -12, max: 12 }),
        fc.boolean(),
        (k, extraRows, seed, exponent, withDependent) => {
          const m = k + extraRows;
          const rnd = lcg(seed);
          const cols = Array.from({ length: k }, (_, j) =>
            Float64Array.from({ length: m }, () => rnd() * 10 ** (exponent + (j % 3))),
          );
          if (withDependent && k > 1) cols[k - 1] = cols[0]!.map((v) => 2 * v);
          const y = Float64Array.from({ length: m }, () => rnd() * 10 ** exponent);
          const mine = householderQr(
            cols.map((c) => c.slice()),
            y.slice(),
          );
          const theirs = referenceQr(
            cols.map((c) => c.slice()),
            y.slice(),
          );
          expect(mine.rank).toBe(theirs.rank);
          expect(sameBits(mine.qty, theirs.qty)).toBe(true);
          expect(sameBits(mine.colScale, theirs.colScale)).toBe(true);
          for (let j = 0; j < k; j++) expect(sameBits(mine.r[j]!, theirs.r[j]!)).toBe(true);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('leaves the design columns and y untouched (ADF passes views into its series)', () => {
    const rnd = lcg(3);
    const base = Float64Array.from({ length: 40 }, () => rnd());
    const cols = [base.subarray(0, 30), base.subarray(5, 35), base.subarray(10, 40)];
    const before = base.slice();
    householderQr(cols, base.subarray(2, 32));
    expect(sameBits(base, before)).toBe(true);
  });
});

describe('acf direct (four lags per pass)', () => {
  it('equals the previous one-lag-at-a-time sums bit for bit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 300 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
        fc.constantFrom(1, 1e-200, 1e10, 1e200),
        (n, seed, nlags, level) => {
          const rnd = lcg(seed);
          const x = Array.from({ length: n }, (_, i) => level * (3 + Math.sin(i / 5) + rnd()));
          const lags = Math.min(nlags ?? Math.min(Math.trunc(10 * Math.log10(n)), n - 1), n - 1);
          expect(acf(x, { nlags, method: 'direct' })).toEqual(referenceAcfDirect(x, lags));
        },
      ),
      { numRuns: 1500 },
    );
  });
});
