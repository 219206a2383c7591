/**
 * Least squares by Householder QR, for regressions where the normal equations lose too much precision
 * (ALGORITHMS.md §1.5: XᵀX of raw byte-sized data has a condition number around 1e20).
 *
 * The design is given column by column. Besides the coefficients this exposes Qᵀy, which makes nested models cheap:
 * for the model made of the first k columns, ssr_k = Σ_{i ≥ k} (Qᵀy)ᵢ² and the last coefficient's t value is
 * sign(R_kk)·(Qᵀy)_{k−1}/s. ADF's lag search uses exactly that.
 */

const EPS = 2.220446049250313e-16;

export interface QrFactorization {
  /** Number of rows (observations). */
  readonly m: number;
  /** Number of columns (regressors). */
  readonly k: number;
  /** R stored by column: r[j][i] for i ≤ j. */
  readonly r: readonly Float64Array[];
  /** Qᵀy, length m. */
  readonly qty: Float64Array;
  /**
   * Numerical rank in the sense of numpy.linalg.matrix_rank applied to the column-normalised design:
   * a column counts as dependent when its |R_jj| falls below max(m, k)·ε·√k.
   */
  readonly rank: number;
  /** Scale by which each column was divided before factorising (its Euclidean norm; 1 for a zero column). */
  readonly colScale: Float64Array;
}

/**
 * Householder QR of the column-normalised design. Dividing every column by its norm changes neither the residuals
 * nor the t statistics, and lets the rank test use one tolerance for columns of very different magnitudes
 * (a constant, a trend 1…n, byte counts).
 */
export function householderQr(columns: readonly Float64Array[], y: Float64Array): QrFactorization {
  const k = columns.length;
  const m = y.length;
  if (k > m) throw new RangeError(`least squares needs at least as many rows (${m}) as columns (${k})`);
  const a: Float64Array[] = [];
  const colScale = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const col = columns[j]!;
    if (col.length !== m) throw new RangeError('design columns must all have the length of y');
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
    // Reflect v[j:] onto −sign(v_j)·‖v‖·e_j, the choice that avoids cancellation in v_j − α.
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

/** ‖v[from:]‖ with scaling against overflow/underflow (LAPACK dnrm2 style). */
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

/**
 * Residual sums of squares of every nested model: out[k] = ssr of the regression on the first k columns
 * (out[0] = yᵀy). Valid for k ≤ qr.k.
 */
export function nestedSsr(qr: QrFactorization): Float64Array {
  const { qty, k, m } = qr;
  let tail = 0;
  for (let i = k; i < m; i++) tail += qty[i]! * qty[i]!;
  const out = new Float64Array(k + 1);
  out[k] = tail;
  for (let j = k - 1; j >= 0; j--) {
    tail += qty[j]! * qty[j]!;
    out[j] = tail;
  }
  return out;
}

/**
 * t value of the last coefficient of the model made of the first `cols` columns:
 * β = (Qᵀy)_{c−1}/R_{c−1,c−1} and se² = s²/R²_{c−1,c−1}, so t = sign(R)·(Qᵀy)_{c−1}/s with s² = ssr/(m − cols).
 */
export function lastCoefficientT(qr: QrFactorization, cols: number, ssr: number): number {
  const rkk = qr.r[cols - 1]![cols - 1]!;
  const s = Math.sqrt(ssr / (qr.m - cols));
  return (Math.sign(rkk) * qr.qty[cols - 1]!) / s;
}

/** Coefficients of the full model, on the original (un-normalised) column scale, by back substitution. */
export function coefficients(qr: QrFactorization): Float64Array {
  const { k, r, qty, colScale } = qr;
  const beta = new Float64Array(k);
  for (let j = k - 1; j >= 0; j--) {
    let s = qty[j]!;
    for (let c = j + 1; c < k; c++) s -= r[c]![j]! * beta[c]!;
    beta[j] = s / r[j]![j]!;
  }
  for (let j = 0; j < k; j++) beta[j] = beta[j]! / colScale[j]!;
  return beta;
}
