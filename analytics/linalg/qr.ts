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
  // One buffer for the scaled copies (one allocation instead of k).
  const store = new Float64Array(k * m);
  for (let j = 0; j < k; j++) {
    const col = columns[j]!;
    if (col.length !== m) throw new RangeError('design columns must all have the length of y');
    const norm = euclideanNorm(col, 0);
    const s = norm > 0 ? norm : 1;
    colScale[j] = s;
    const c = store.subarray(j * m, (j + 1) * m);
    for (let i = 0; i < m; i++) c[i] = col[i]! / s;
    a.push(c);
  }
  const qty = Float64Array.from(y);
  const r: Float64Array[] = [];
  const targets: Float64Array[] = [];
  const dots = new Float64Array(k + 1);
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
    // The reflector goes to the later columns and to Qᵀy; their dot products with v are independent sums, so
    // they are accumulated side by side (each still in order i = j, j+1, …: the same roundings as one by one).
    targets.length = 0;
    for (let c = j + 1; c < k; c++) targets.push(a[c]!);
    targets.push(qty);
    applyReflectors(v, targets, j, m, dots);
    rj[j] = alpha;
    r.push(rj);
  }
  const tol = Math.max(m, k) * EPS * Math.sqrt(k);
  let rank = 0;
  for (let j = 0; j < k; j++) if (Math.abs(r[j]![j]!) > tol) rank++;
  return { m, k, r, qty, rank, colScale };
}

/**
 * Applies H = I − 2vvᵀ/(vᵀv) to every target over rows from…m−1: target −= (2·(v·target)/(vᵀv))·v. vᵀv and the
 * dot products are each summed in row order, four sums per pass over the rows.
 */
function applyReflectors(
  v: Float64Array,
  targets: readonly Float64Array[],
  from: number,
  m: number,
  dots: Float64Array,
): void {
  const count = targets.length;
  // vᵀv rides along with the first (up to) three dot products.
  let q = 0;
  {
    const t0 = targets[0]!;
    const t1 = count > 1 ? targets[1]! : t0;
    const t2 = count > 2 ? targets[2]! : t0;
    let vtv = 0;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    for (let i = from; i < m; i++) {
      const vi = v[i]!;
      vtv += vi * vi;
      d0 += vi * t0[i]!;
      d1 += vi * t1[i]!;
      d2 += vi * t2[i]!;
    }
    dots[count] = vtv;
    dots[0] = d0;
    if (count > 1) dots[1] = d1;
    if (count > 2) dots[2] = d2;
    q = Math.min(count, 3);
  }
  for (; q < count; q += 4) {
    const t0 = targets[q]!;
    const t1 = q + 1 < count ? targets[q + 1]! : t0;
    const t2 = q + 2 < count ? targets[q + 2]! : t0;
    const t3 = q + 3 < count ? targets[q + 3]! : t0;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    for (let i = from; i < m; i++) {
      const vi = v[i]!;
      d0 += vi * t0[i]!;
      d1 += vi * t1[i]!;
      d2 += vi * t2[i]!;
      d3 += vi * t3[i]!;
    }
    dots[q] = d0;
    if (q + 1 < count) dots[q + 1] = d1;
    if (q + 2 < count) dots[q + 2] = d2;
    if (q + 3 < count) dots[q + 3] = d3;
  }
  const vtv = dots[count]!;
  // The updates are element-wise, so doing several targets per pass over the rows changes no value.
  let c = 0;
  for (; c + 1 < count; c += 2) {
    const t0 = targets[c]!;
    const t1 = targets[c + 1]!;
    const f0 = (2 * dots[c]!) / vtv;
    const f1 = (2 * dots[c + 1]!) / vtv;
    for (let i = from; i < m; i++) {
      const vi = v[i]!;
      t0[i] = t0[i]! - f0 * vi;
      t1[i] = t1[i]! - f1 * vi;
    }
  }
  for (; c < count; c++) {
    const target = targets[c]!;
    const f = (2 * dots[c]!) / vtv;
    for (let i = from; i < m; i++) target[i] = target[i]! - f * v[i]!;
  }
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
