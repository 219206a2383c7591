/**
 * The brute-force grid search for the undamped multiplicative-trend models (the original's trend="mul" with
 * additive seasonality, and its no-seasonality fallback; docs/architecture.md), evaluating four grid points at once.
 *
 * Why: one grid point's recursion is a serial dependency chain (l·b → level → level/l_prev → trend → l·b …) whose
 * latency, mostly the division, bounds a single loop to ~10 ns per step while the core's floating-point units idle.
 * Four independent chains in one loop body let the CPU overlap them. Each lane performs, statement for statement,
 * the arithmetic of statsmodels' `holt_win_mul_add_dam` / `holt_mul_dam` with φ = 1, so every SSE a lane completes
 * is bit-identical to the sequential one; only the order in which points finish differs.
 *
 * This is the reference for the WebAssembly SIMD kernel (`grid-wasm.ts`, `wasm/grid.ts`), which must match it bit
 * for bit, and the fallback where WebAssembly SIMD is unavailable.
 *
 * Lanes advance independently: when one lane's point finishes or is abandoned, the lane takes the next point
 * while the others carry on, so no lane waits for a slower one.
 *
 * Exactness of the early abandoning: a point is dropped once its partial SSE exceeds the best complete SSE found
 * so far. Partial sums only grow (adding e² ≥ 0 is monotone under round-to-nearest), so a dropped point's full SSE
 * is strictly above the final minimum and cannot be statsmodels' winner, which is the lowest-index point among
 * those with the minimal SSE (its loop keeps the first strict improvement). Ties are never dropped (the test is
 * strict) and are resolved by index. NaN partial sums are dropped (NaN never wins in statsmodels either).
 */

/** Lane count: enough independent chains to hide the division latency without spilling too many registers. */
const LANES = 4;
/** Per-lane state layout in the `st` array: step index, level, trend, partial SSE, α, 1−α, β, 1−β, γ, 1−γ. */
const W = 10;

export interface LaneSearchResult {
  /** Winning grid index, or −1 when no point has an SSE below +∞ (statsmodels then keeps point 0). */
  index: number;
  sse: number;
}

/**
 * The squared one-step error of y[0] from the initial states: the first term of every grid point's SSE, the same
 * for all of them, so every kernel starts its partial sums from it.
 */
export function firstSquaredError(y: Float64Array, l0: number, b0: number, s0: Float64Array): number {
  const e0 = y[0]! - (l0 * b0 + (s0.length > 0 ? s0[0]! : 0));
  return e0 * e0;
}

/**
 * Searches `grid` (rows of α, β, γ) visiting points in `order`, with initial level `l0`, trend `b0` and seasonals
 * `s0` (length m; m = 0 for no seasonality). `y` must have at least 1 observation.
 */
export function laneSearch(
  y: Float64Array,
  l0: number,
  b0: number,
  s0: Float64Array,
  grid: Float64Array,
  order: Int32Array,
): LaneSearchResult {
  const n = y.length;
  const m = s0.length;
  const seasonal = m > 0;
  // Each lane keeps statsmodels' seasonal array s[0 … n+m−1]: s[0 … m−1] are the initial seasonals and are never
  // written (step i writes s[i+m−1], i ≥ 1), so they are copied once per lane, not once per grid point.
  const S: Float64Array[] = [];
  for (let q = 0; q < LANES; q++) {
    const a = new Float64Array(seasonal ? n + m : 1);
    a.set(s0);
    S.push(a);
  }
  const st = new Float64Array(LANES * W);
  const lane = new Int32Array(LANES).fill(-1);
  let next = 0;
  let best = Number.POSITIVE_INFINITY;
  let bestIdx = -1;
  const e0sq = firstSquaredError(y, l0, b0, s0);

  /** Puts the next unvisited point into lane q; false when none is left. */
  const load = (q: number): boolean => {
    if (next >= order.length) {
      lane[q] = -1;
      return false;
    }
    const k = order[next++]!;
    const o = q * W;
    const a = grid[3 * k]!;
    const bt = grid[3 * k + 1]!;
    const g = grid[3 * k + 2]!;
    lane[q] = k;
    st[o] = 1;
    st[o + 1] = l0;
    st[o + 2] = b0;
    st[o + 3] = e0sq;
    st[o + 4] = a;
    st[o + 5] = 1 - a;
    st[o + 6] = bt;
    st[o + 7] = 1 - bt;
    st[o + 8] = g;
    st[o + 9] = 1 - g;
    return true;
  };
  /** Handles lane q's point if it finished or lost; refills the lane. Returns whether the lane is running. */
  const settle = (q: number): boolean => {
    for (;;) {
      const k = lane[q]!;
      if (k < 0) return false;
      const o = q * W;
      const sse = st[o + 3]!;
      if (sse <= best) {
        if (st[o]! < n) return true;
        // Complete and not above the incumbent: statsmodels' first strict improvement in index order.
        if (sse < best || k < bestIdx) {
          best = sse;
          bestIdx = k;
        }
      }
      if (!load(q)) return false;
    }
  };

  for (let q = 0; q < LANES; q++) load(q);
  for (;;) {
    let running = 0;
    for (let q = 0; q < LANES; q++) if (settle(q)) running++;
    if (running < LANES) break;
    if (seasonal) advanceMulAdd4(y, n, m, best, st, S[0]!, S[1]!, S[2]!, S[3]!);
    else advanceMulNone4(y, n, best, st);
  }
  // Tail: fewer points than lanes are left; finish them one at a time.
  for (let q = 0; q < LANES; q++) {
    while (settle(q)) {
      if (seasonal) advanceMulAdd1(y, n, m, best, st, q * W, S[q]!);
      else advanceMulNone1(y, n, best, st, q * W);
    }
  }
  return { index: bestIdx, sse: best };
}

/**
 * Advances four running lanes of the multiplicative-trend / additive-seasonal recursion until one of them
 * completes (step n reached) or exceeds `bound`. Per lane and step, exactly `holt_win_mul_add_dam` with φ = 1.
 */
function advanceMulAdd4(
  y: Float64Array,
  n: number,
  m: number,
  bound: number,
  st: Float64Array,
  S0: Float64Array,
  S1: Float64Array,
  S2: Float64Array,
  S3: Float64Array,
): void {
  let i0 = st[0]! | 0;
  let l0 = st[1]!;
  let b0 = st[2]!;
  let e0 = st[3]!;
  const a0 = st[4]!;
  const ac0 = st[5]!;
  const bt0 = st[6]!;
  const btc0 = st[7]!;
  const g0 = st[8]!;
  const gc0 = st[9]!;
  let i1 = st[10]! | 0;
  let l1 = st[11]!;
  let b1 = st[12]!;
  let e1 = st[13]!;
  const a1 = st[14]!;
  const ac1 = st[15]!;
  const bt1 = st[16]!;
  const btc1 = st[17]!;
  const g1 = st[18]!;
  const gc1 = st[19]!;
  let i2 = st[20]! | 0;
  let l2 = st[21]!;
  let b2 = st[22]!;
  let e2 = st[23]!;
  const a2 = st[24]!;
  const ac2 = st[25]!;
  const bt2 = st[26]!;
  const btc2 = st[27]!;
  const g2 = st[28]!;
  const gc2 = st[29]!;
  let i3 = st[30]! | 0;
  let l3 = st[31]!;
  let b3 = st[32]!;
  let e3 = st[33]!;
  const a3 = st[34]!;
  const ac3 = st[35]!;
  const bt3 = st[36]!;
  const btc3 = st[37]!;
  const g3 = st[38]!;
  const gc3 = st[39]!;
  const mm = m - 1;
  for (;;) {
    {
      const yp = y[i0 - 1]!;
      const sp = S0[i0 - 1]!;
      const lb = l0 * b0;
      const lv = a0 * yp - a0 * sp + ac0 * lb;
      b0 = bt0 * (lv / l0) + btc0 * b0;
      S0[i0 + mm] = g0 * yp - g0 * lb + gc0 * sp;
      l0 = lv;
      const e = y[i0]! - (lv * b0 + S0[i0]!);
      e0 += e * e;
      i0++;
    }
    {
      const yp = y[i1 - 1]!;
      const sp = S1[i1 - 1]!;
      const lb = l1 * b1;
      const lv = a1 * yp - a1 * sp + ac1 * lb;
      b1 = bt1 * (lv / l1) + btc1 * b1;
      S1[i1 + mm] = g1 * yp - g1 * lb + gc1 * sp;
      l1 = lv;
      const e = y[i1]! - (lv * b1 + S1[i1]!);
      e1 += e * e;
      i1++;
    }
    {
      const yp = y[i2 - 1]!;
      const sp = S2[i2 - 1]!;
      const lb = l2 * b2;
      const lv = a2 * yp - a2 * sp + ac2 * lb;
      b2 = bt2 * (lv / l2) + btc2 * b2;
      S2[i2 + mm] = g2 * yp - g2 * lb + gc2 * sp;
      l2 = lv;
      const e = y[i2]! - (lv * b2 + S2[i2]!);
      e2 += e * e;
      i2++;
    }
    {
      const yp = y[i3 - 1]!;
      const sp = S3[i3 - 1]!;
      const lb = l3 * b3;
      const lv = a3 * yp - a3 * sp + ac3 * lb;
      b3 = bt3 * (lv / l3) + btc3 * b3;
      S3[i3 + mm] = g3 * yp - g3 * lb + gc3 * sp;
      l3 = lv;
      const e = y[i3]! - (lv * b3 + S3[i3]!);
      e3 += e * e;
      i3++;
    }
    if (!(e0 <= bound && e1 <= bound && e2 <= bound && e3 <= bound)) break;
    if (i0 === n || i1 === n || i2 === n || i3 === n) break;
  }
  st[0] = i0;
  st[1] = l0;
  st[2] = b0;
  st[3] = e0;
  st[10] = i1;
  st[11] = l1;
  st[12] = b1;
  st[13] = e1;
  st[20] = i2;
  st[21] = l2;
  st[22] = b2;
  st[23] = e2;
  st[30] = i3;
  st[31] = l3;
  st[32] = b3;
  st[33] = e3;
}

/** One lane of `advanceMulAdd4`, for the last few points. */
function advanceMulAdd1(
  y: Float64Array,
  n: number,
  m: number,
  bound: number,
  st: Float64Array,
  o: number,
  S: Float64Array,
): void {
  let i = st[o]! | 0;
  let l = st[o + 1]!;
  let b = st[o + 2]!;
  let sse = st[o + 3]!;
  const a = st[o + 4]!;
  const ac = st[o + 5]!;
  const bt = st[o + 6]!;
  const btc = st[o + 7]!;
  const g = st[o + 8]!;
  const gc = st[o + 9]!;
  const mm = m - 1;
  for (; i < n; ) {
    const yp = y[i - 1]!;
    const sp = S[i - 1]!;
    const lb = l * b;
    const lv = a * yp - a * sp + ac * lb;
    b = bt * (lv / l) + btc * b;
    S[i + mm] = g * yp - g * lb + gc * sp;
    l = lv;
    const e = y[i]! - (lv * b + S[i]!);
    sse += e * e;
    i++;
    if (!(sse <= bound)) break;
  }
  st[o] = i;
  st[o + 1] = l;
  st[o + 2] = b;
  st[o + 3] = sse;
}

/** `advanceMulAdd4` without seasonality: per lane and step, exactly `holt_mul_dam` with φ = 1. */
function advanceMulNone4(y: Float64Array, n: number, bound: number, st: Float64Array): void {
  let i0 = st[0]! | 0;
  let l0 = st[1]!;
  let b0 = st[2]!;
  let e0 = st[3]!;
  const a0 = st[4]!;
  const ac0 = st[5]!;
  const bt0 = st[6]!;
  const btc0 = st[7]!;
  let i1 = st[10]! | 0;
  let l1 = st[11]!;
  let b1 = st[12]!;
  let e1 = st[13]!;
  const a1 = st[14]!;
  const ac1 = st[15]!;
  const bt1 = st[16]!;
  const btc1 = st[17]!;
  let i2 = st[20]! | 0;
  let l2 = st[21]!;
  let b2 = st[22]!;
  let e2 = st[23]!;
  const a2 = st[24]!;
  const ac2 = st[25]!;
  const bt2 = st[26]!;
  const btc2 = st[27]!;
  let i3 = st[30]! | 0;
  let l3 = st[31]!;
  let b3 = st[32]!;
  let e3 = st[33]!;
  const a3 = st[34]!;
  const ac3 = st[35]!;
  const bt3 = st[36]!;
  const btc3 = st[37]!;
  for (;;) {
    {
      const lv = a0 * y[i0 - 1]! + ac0 * (l0 * b0);
      b0 = bt0 * (lv / l0) + btc0 * b0;
      l0 = lv;
      const e = y[i0]! - lv * b0;
      e0 += e * e;
      i0++;
    }
    {
      const lv = a1 * y[i1 - 1]! + ac1 * (l1 * b1);
      b1 = bt1 * (lv / l1) + btc1 * b1;
      l1 = lv;
      const e = y[i1]! - lv * b1;
      e1 += e * e;
      i1++;
    }
    {
      const lv = a2 * y[i2 - 1]! + ac2 * (l2 * b2);
      b2 = bt2 * (lv / l2) + btc2 * b2;
      l2 = lv;
      const e = y[i2]! - lv * b2;
      e2 += e * e;
      i2++;
    }
    {
      const lv = a3 * y[i3 - 1]! + ac3 * (l3 * b3);
      b3 = bt3 * (lv / l3) + btc3 * b3;
      l3 = lv;
      const e = y[i3]! - lv * b3;
      e3 += e * e;
      i3++;
    }
    if (!(e0 <= bound && e1 <= bound && e2 <= bound && e3 <= bound)) break;
    if (i0 === n || i1 === n || i2 === n || i3 === n) break;
  }
  st[0] = i0;
  st[1] = l0;
  st[2] = b0;
  st[3] = e0;
  st[10] = i1;
  st[11] = l1;
  st[12] = b1;
  st[13] = e1;
  st[20] = i2;
  st[21] = l2;
  st[22] = b2;
  st[23] = e2;
  st[30] = i3;
  st[31] = l3;
  st[32] = b3;
  st[33] = e3;
}

/** One lane of `advanceMulNone4`, for the last few points. */
function advanceMulNone1(y: Float64Array, n: number, bound: number, st: Float64Array, o: number): void {
  let i = st[o]! | 0;
  let l = st[o + 1]!;
  let b = st[o + 2]!;
  let sse = st[o + 3]!;
  const a = st[o + 4]!;
  const ac = st[o + 5]!;
  const bt = st[o + 6]!;
  const btc = st[o + 7]!;
  for (; i < n; ) {
    const lv = a * y[i - 1]! + ac * (l * b);
    b = bt * (lv / l) + btc * b;
    l = lv;
    const e = y[i]! - lv * b;
    sse += e * e;
    i++;
    if (!(sse <= bound)) break;
  }
  st[o] = i;
  st[o + 1] = l;
  st[o + 2] = b;
  st[o + 3] = sse;
}
