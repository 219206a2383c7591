/**
 * Box-constrained quasi-Newton minimiser: projected L-BFGS with an active set. It replaces scipy's L-BFGS-B in
 * statsmodels' `ExponentialSmoothing.fit` (method=None → "L-BFGS-B"). Differences that matter here: exact gradients
 * (see `gradient.ts`) instead of forward differences, and a tighter stopping rule, so it keeps descending where
 * scipy's finite differences stall; it never accepts a step that raises the objective, so the result is never
 * worse than the start.
 *
 * Per iteration: variables on a bound whose gradient points outwards are frozen; the two-loop recursion gives a
 * direction on the rest; a backtracking line search along the projected path accepts the first step with
 * sufficient (Armijo) decrease. Pairs with non-positive curvature are not stored.
 */

/**
 * An objective whose gradient is asked for separately: `value(x)` returns f(x); `gradient(grad)` then fills ∇f at
 * the x of the latest `value` call. The line search asks for the gradient only at trial points it does not reject
 * on their value alone.
 */
export interface SplitObjective {
  value(x: Float64Array): number;
  gradient(grad: Float64Array): void;
}

export interface MinimizeOptions {
  lower: Float64Array;
  upper: Float64Array;
  memory?: number;
  maxIterations?: number;
  /** Stop when an iteration reduces f by less than ftol·max(|f|, 1), `patience` times in a row. */
  ftol?: number;
  patience?: number;
  /** Stop when the projected gradient's largest component is below this. */
  gtol?: number;
}

export interface MinimizeResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

export function minimizeBox(fg: SplitObjective, x0: Float64Array, opts: MinimizeOptions): MinimizeResult {
  const nv = x0.length;
  const { lower, upper } = opts;
  const memory = opts.memory ?? 10;
  const maxIterations = opts.maxIterations ?? 1000;
  const ftol = opts.ftol ?? 1e-13;
  const patience = opts.patience ?? 3;
  const gtol = opts.gtol ?? 0;

  const x = new Float64Array(nv);
  for (let i = 0; i < nv; i++) x[i] = clamp(x0[i]!, lower[i]!, upper[i]!);
  const g = new Float64Array(nv);
  let f = fg.value(x);
  fg.gradient(g);
  let evaluations = 1;
  if (!Number.isFinite(f)) return { x, f, iterations: 0, evaluations, converged: false };

  const sMem: Float64Array[] = [];
  const yMem: Float64Array[] = [];
  const rho: number[] = [];
  // Vectors of dropped or evicted pairs, reused for the next pairs: a cold fit of the original's model can store
  // ~1,000 pairs of 556 doubles, and allocating each one made garbage collection ~5% of the fit.
  const spare: Float64Array[] = [];
  const vector = () => spare.pop() ?? new Float64Array(nv);
  /** Drops the stored curvature pairs, so the next direction is steepest descent. */
  const forget = () => {
    spare.push(...sMem, ...yMem);
    sMem.length = 0;
    yMem.length = 0;
    rho.length = 0;
  };
  const alphaTmp = new Float64Array(memory);
  const d = new Float64Array(nv);
  const xNew = new Float64Array(nv);
  const gNew = new Float64Array(nv);
  const xBest = new Float64Array(nv);
  const gBest = new Float64Array(nv);
  const free = new Uint8Array(nv);
  let stall = 0;
  let iterations = 0;
  let converged = false;

  for (; iterations < maxIterations; iterations++) {
    let pgMax = 0;
    for (let i = 0; i < nv; i++) {
      // ε-active set: a variable within 1e-9 (relative) of a bound it is pushed against counts as on it, or its
      // sliver of room would cap every step at a uselessly small length.
      const eps = 1e-9 * Math.max(1, Math.abs(x[i]!));
      const atLo = x[i]! - lower[i]! <= eps && g[i]! > 0;
      const atHi = upper[i]! - x[i]! <= eps && g[i]! < 0;
      free[i] = atLo || atHi ? 0 : 1;
      if (free[i]) pgMax = Math.max(pgMax, Math.abs(g[i]!));
    }
    if (pgMax <= gtol) {
      converged = true;
      break;
    }

    twoLoop(g, free, sMem, yMem, rho, alphaTmp, d);
    let slope = 0;
    for (let i = 0; i < nv; i++) slope += g[i]! * d[i]!;
    if (!(slope < 0)) {
      forget();
      slope = 0;
      for (let i = 0; i < nv; i++) {
        d[i] = free[i] ? -g[i]! : 0;
        slope -= d[i]! * d[i]!;
      }
      if (!(slope < 0)) {
        converged = true;
        break;
      }
    }

    // Move only along feasible directions: a component pushing a variable through the bound it sits on is
    // dropped, and the step length is capped where the first free variable reaches its bound (as L-BFGS-B
    // searches within the box rather than along a projected path).
    let tMax = Number.POSITIVE_INFINITY;
    slope = 0;
    for (let i = 0; i < nv; i++) {
      const di = d[i]!;
      if (!free[i]) d[i] = 0;
      else if (di < 0) {
        const room = x[i]! - lower[i]!;
        if (room <= 0) d[i] = 0;
        else tMax = Math.min(tMax, room / -di);
      } else if (di > 0) {
        const room = upper[i]! - x[i]!;
        if (room <= 0) d[i] = 0;
        else tMax = Math.min(tMax, room / di);
      }
      slope += g[i]! * d[i]!;
    }
    if (!(slope < 0)) {
      if (sMem.length === 0) {
        converged = true;
        break;
      }
      forget();
      continue;
    }
    // First step of a fresh memory: scale so the largest move is at most 1 (scipy's stp = 1/‖d‖ in spirit).
    let t = 1;
    if (sMem.length === 0) {
      let dNorm = 0;
      for (let i = 0; i < nv; i++) dNorm += d[i]! * d[i]!;
      t = Math.min(1, 1 / Math.sqrt(dNorm));
    }
    t = Math.min(t, tMax);
    const ls = wolfeSearch(fg, x, f, slope, d, t, tMax, lower, upper, xNew, gNew, xBest, gBest);
    evaluations += ls.evaluations;
    if (!ls.accepted) {
      if (sMem.length === 0) {
        converged = true;
        break;
      }
      forget();
      continue;
    }
    const fNew = ls.f;

    const sv = vector();
    const yv = vector();
    let sy = 0;
    let yy = 0;
    let ss = 0;
    for (let i = 0; i < nv; i++) {
      sv[i] = xNew[i]! - x[i]!;
      yv[i] = gNew[i]! - g[i]!;
      sy += sv[i]! * yv[i]!;
      yy += yv[i]! * yv[i]!;
      ss += sv[i]! * sv[i]!;
    }
    // Scale-free curvature test (the angle between s and y), since f ranges from 1e-3 to 1e20 here.
    if (sy > 1e-10 * Math.sqrt(ss * yy)) {
      if (sMem.length === memory) {
        spare.push(sMem.shift()!, yMem.shift()!);
        rho.shift();
      }
      sMem.push(sv);
      yMem.push(yv);
      rho.push(1 / sy);
    } else spare.push(sv, yv);
    const reduction = f - fNew;
    x.set(xNew);
    g.set(gNew);
    const fOld = f;
    f = fNew;
    if (reduction <= ftol * Math.max(Math.abs(fOld), Math.abs(f), 1)) {
      stall++;
      if (stall >= patience) {
        converged = true;
        iterations++;
        break;
      }
    } else stall = 0;
  }
  return { x, f, iterations, evaluations, converged };
}

interface LineSearchResult {
  accepted: boolean;
  f: number;
  evaluations: number;
}

/**
 * Line search for the strong Wolfe conditions (sufficient decrease c1 = 1e-4, curvature c2 = 0.9, scipy's
 * L-BFGS-B values) on t ∈ (0, tMax], with bracketing and safeguarded quadratic interpolation. Leaves the accepted
 * point in xNew/gNew. A step that reaches tMax while still descending is accepted: a variable hit its bound.
 * Non-finite objective values (exploding recursions) count as "too far". When the search gives up, it falls back to
 * the best sufficient-decrease point seen, whose point and gradient were kept in xBest/gBest (the objective is
 * deterministic, so evaluating it there again would give the same values).
 */
function wolfeSearch(
  fg: SplitObjective,
  x: Float64Array,
  f0: number,
  slope0: number,
  d: Float64Array,
  tInit: number,
  tMax: number,
  lower: Float64Array,
  upper: Float64Array,
  xNew: Float64Array,
  gNew: Float64Array,
  xBest: Float64Array,
  gBest: Float64Array,
): LineSearchResult {
  const c1 = 1e-4;
  const c2 = 0.9;
  const nv = x.length;
  let evaluations = 0;
  const at = (t: number): number => {
    for (let i = 0; i < nv; i++) xNew[i] = clamp(x[i]! + t * d[i]!, lower[i]!, upper[i]!);
    evaluations++;
    return fg.value(xNew);
  };
  // Gradient (into gNew) and directional derivative at the point `at` just evaluated.
  const slopeHere = (): number => {
    fg.gradient(gNew);
    let dv = 0;
    for (let i = 0; i < nv; i++) dv += gNew[i]! * d[i]!;
    return dv;
  };
  let tLo = 0;
  let fLo = f0;
  let dLo = slope0;
  let tHi = Number.NaN;
  let fHi = Number.NaN;
  let t = tInit;
  let bestT = 0;
  let bestF = f0;
  for (let it = 0; it < 30; it++) {
    const ft = at(t);
    const armijo = Number.isFinite(ft) && ft <= f0 + c1 * t * slope0;
    // The slope at t is only used on a sufficient-decrease point that beats the bracket's low end (and fLo is the
    // best such value so far, so that is also when the point becomes bestT); elsewhere it is never computed.
    let dt = Number.NaN;
    if (armijo && ft < bestF) {
      dt = slopeHere();
      bestF = ft;
      bestT = t;
      xBest.set(xNew);
      gBest.set(gNew);
    }
    if (!armijo || ft >= fLo) {
      tHi = t;
      fHi = ft;
      if (tLo === 0 && hopeless(f0, slope0, t, ft)) break;
    } else {
      if (Number.isNaN(dt)) dt = slopeHere();
      if (Math.abs(dt) <= -c2 * slope0) return { accepted: true, f: ft, evaluations };
      if (dt >= 0) {
        tHi = tLo;
        fHi = fLo;
      } else if (t >= tMax) {
        return { accepted: true, f: ft, evaluations };
      }
      tLo = t;
      fLo = ft;
      dLo = dt;
    }
    if (Number.isNaN(tHi)) {
      t = Math.min(4 * t, tMax);
      continue;
    }
    // Minimiser of the quadratic through (tLo, fLo, dLo) and (tHi, fHi), kept inside the bracket.
    const width = tHi - tLo;
    let q = Number.isFinite(fHi) ? tLo - (dLo * width * width) / (2 * (fHi - fLo - dLo * width)) : Number.NaN;
    const lo = Math.min(tLo, tHi);
    const hi = Math.max(tLo, tHi);
    if (!(q > lo + 0.1 * (hi - lo) && q < hi - 0.1 * (hi - lo))) q = (tLo + tHi) / 2;
    if (hi - lo <= 2.2e-16 * hi) break;
    t = q;
  }
  if (bestT > 0) {
    xNew.set(xBest);
    gNew.set(gBest);
    return { accepted: true, f: bestF, evaluations };
  }
  return { accepted: false, f: f0, evaluations };
}

/**
 * Whether no step shorter than t can lower f measurably: the quadratic through (0, f0) with slope slope0 and
 * through (t, ft) bottoms out less than a few roundings of f0 below f0. Without this test a search along a direction
 * whose curvature dwarfs its slope (the raw initial level of a byte-sized series) halves t some 30 times,
 * comparing values that differ only by rounding, before it gives up.
 */
function hopeless(f0: number, slope0: number, t: number, ft: number): boolean {
  const curvature = ft - f0 - slope0 * t;
  if (!(Number.isFinite(ft) && curvature > 0)) return false;
  const st = slope0 * t;
  return (st * st) / (4 * curvature) <= 4 * Number.EPSILON * Math.abs(f0);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}

/**
 * L-BFGS two-loop recursion restricted to the free variables: d = −H·g (Nocedal & Wright, Numerical Optimization,
 * algorithm 7.4). Each pass over the variables that updates d also sums the next pair's dot product with the
 * updated d, so the recursion reads the vectors about half as often as one pass per update and one per dot
 * product would; every sum still runs over the free variables in ascending order, so d is the same to the bit.
 */
function twoLoop(
  g: Float64Array,
  free: Uint8Array,
  sMem: Float64Array[],
  yMem: Float64Array[],
  rho: number[],
  alphaTmp: Float64Array,
  d: Float64Array,
): void {
  const nv = g.length;
  const k = sMem.length;
  // d = −g on the free variables; with it, s_{k−1}·d. When every variable is free (the usual case) the passes
  // below skip the test of `free`.
  let dot = 0;
  let dense = true;
  const sLast = k > 0 ? sMem[k - 1]! : null;
  for (let i = 0; i < nv; i++) {
    if (free[i]) {
      d[i] = -g[i]!;
      if (sLast !== null) dot += sLast[i]! * d[i]!;
    } else {
      d[i] = 0;
      dense = false;
    }
  }
  // First loop, newest pair first: a_j = ρ_j·s_j·d, d −= a_j·y_j.
  for (let j = k - 1; j >= 0; j--) {
    const a = dot * rho[j]!;
    alphaTmp[j] = a;
    const yv = yMem[j]!;
    const sNext = j > 0 ? sMem[j - 1]! : null;
    dot = 0;
    for (let i = 0; i < nv; i++) {
      if (!dense && !free[i]) continue;
      d[i] = d[i]! - a * yv[i]!;
      if (sNext !== null) dot += sNext[i]! * d[i]!;
    }
  }
  if (k === 0) return;
  // Initial Hessian γ·I with γ = s·y / y·y of the newest pair; with the scaling, y_0·d.
  const s = sMem[k - 1]!;
  const yv = yMem[k - 1]!;
  let sy = 0;
  let yy = 0;
  for (let i = 0; i < nv; i++) {
    if (!free[i]) continue;
    sy += s[i]! * yv[i]!;
    yy += yv[i]! * yv[i]!;
  }
  const scale = yy > 0 && sy > 0 ? sy / yy : 1;
  const y0 = yMem[0]!;
  dot = 0;
  for (let i = 0; i < nv; i++) {
    d[i] = d[i]! * scale;
    if (free[i]) dot += y0[i]! * d[i]!;
  }
  // Second loop, oldest pair first: b_j = ρ_j·y_j·d, d += (a_j − b_j)·s_j.
  for (let j = 0; j < k; j++) {
    const bta = dot * rho[j]!;
    const coef = alphaTmp[j]! - bta;
    const sj = sMem[j]!;
    const yNext = j + 1 < k ? yMem[j + 1]! : null;
    dot = 0;
    for (let i = 0; i < nv; i++) {
      if (!dense && !free[i]) continue;
      d[i] = d[i]! + coef * sj[i]!;
      if (yNext !== null) dot += yNext[i]! * d[i]!;
    }
  }
}
