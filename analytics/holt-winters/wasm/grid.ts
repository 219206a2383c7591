// @ts-nocheck -- AssemblyScript (compiled by `npm run build:wasm`), not TypeScript: tsc does not know its builtins.
// biome-ignore-all lint: AssemblyScript source; its builtins and idioms are not JavaScript's.
/**
 * The brute-force grid kernel of `../grid-lanes.ts` in WebAssembly with 128-bit SIMD: each f64x2 vector carries
 * two grid points (consecutive entries of the visiting order, mostly neighbouring β with the same α and γ) through
 * the same step, and several vectors are interleaved so that their dependency chains overlap.
 *
 * Exactness: every lane performs, operation for operation, the arithmetic of the JS lanes (statsmodels'
 * `holt_win_mul_add_dam` / `holt_mul_dam` with φ = 1). WebAssembly's f64 arithmetic is IEEE 754 with
 * round-to-nearest and no contraction into fused multiply-adds (and the optimiser does not reassociate floating
 * point), so every SSE is bit-identical to the JS one. The early-abandoning rule is the JS one: a lane is dropped
 * only once its partial SSE is not ≤ the best complete SSE so far, and complete points are compared by (SSE,
 * index), so the winner and its SSE are those of statsmodels' sequential loop.
 *
 * The two lanes of a vector share the step index, so the series is read with one splat load and the seasonal
 * states of both lanes are stored interleaved (s[j] of lane 0 and lane 1 side by side), read and written as one
 * vector. When one lane finishes or is dropped before the other, it is marked dead and the vector carries on
 * for the survivor; the vector takes a new pair of points once both lanes are done.
 *
 * Memory is laid out by the caller (`grid-wasm.ts`); all pointers are byte offsets into this module's memory.
 */

/** Vectors interleaved per loop: the seasonal recursion has more live values per vector than the other. */
const NV_ADD: i32 = 4;
const NV_NONE: i32 = 5;
const NV_MAX: i32 = NV_ADD > NV_NONE ? NV_ADD : NV_NONE;
/** Per-vector state block: level, trend, partial SSE, α, 1−α, β, 1−β, γ, 1−γ, dead-lane mask (v128 each), then
 * the step index, the two lanes' grid indices (−1 = none) and the pointer to the vector's seasonal states. */
const O_L: usize = 0;
const O_B: usize = 16;
const O_E: usize = 32;
const O_A: usize = 48;
const O_AC: usize = 64;
const O_BT: usize = 80;
const O_BTC: usize = 96;
const O_G: usize = 112;
const O_GC: usize = 128;
const O_DEAD: usize = 144;
const O_I: usize = 160;
const O_K0: usize = 164;
const O_K1: usize = 168;
const O_S: usize = 172;
const STRIDE: usize = 192;

let gGrid: usize = 0;
let gOrder: usize = 0;
let gCount: i32 = 0;
let gNext: i32 = 0;
let gN: i32 = 0;
let gL0: f64 = 0;
let gB0: f64 = 0;
let gE0: f64 = 0;
let gBest: f64 = 0;
let gBestIdx: i32 = -1;

/** Bytes of the state blocks, for the caller's layout. */
export function stateBytes(): i32 {
  return <i32>STRIDE * NV_MAX;
}

/** Seasonal buffers needed, for the caller's layout (one per vector, (n + m) · 16 bytes each). */
export function vectors(): i32 {
  return NV_ADD;
}

/** The SSE of the winner of the last `search` (+∞ when no point had a finite SSE). */
export function bestSse(): f64 {
  return gBest;
}

/**
 * Searches the grid (rows of α, β, γ at `grid`) in the order of the `count` i32 indices at `order`, for the
 * series of `n` values at `y`, initial level `l0` and trend `b0`, m initial seasonals at `s0` (m = 0: no
 * seasonality), first squared error `e0sq` (that of y[0], the same for every point). `st` holds `stateBytes()`;
 * `sbuf` `vectors()` seasonal buffers of (n + m) · 16 bytes each (unused when m = 0). Returns the winning index, or −1
 * when no point has an SSE below +∞.
 */
export function search(
  y: usize,
  n: i32,
  s0: usize,
  m: i32,
  grid: usize,
  order: usize,
  count: i32,
  st: usize,
  sbuf: usize,
  l0: f64,
  b0: f64,
  e0sq: f64,
): i32 {
  gGrid = grid;
  gOrder = order;
  gCount = count;
  gNext = 0;
  gN = n;
  gL0 = l0;
  gB0 = b0;
  gE0 = e0sq;
  gBest = Infinity;
  gBestIdx = -1;
  const seasonal = m > 0;
  const sLen = (<usize>(n + m)) << 4;
  const nv = seasonal ? NV_ADD : NV_NONE;
  for (let q = 0; q < nv; q++) {
    const v = st + <usize>q * STRIDE;
    const p = sbuf + <usize>q * sLen;
    store<usize>(v, p, O_S);
    // s[0 … m−1] are the initial seasonals in both lanes; steps only write s[i + m − 1] with i ≥ 1.
    for (let j = 0; j < m; j++) v128.store(p + ((<usize>j) << 4), v128.load64_splat(s0 + ((<usize>j) << 3)));
    loadPair(v);
  }
  const mm = (<usize>(m - 1)) << 4;
  while (true) {
    let running = 0;
    for (let q = 0; q < nv; q++) if (settle(st + <usize>q * STRIDE)) running++;
    if (running < nv) break;
    if (seasonal) advanceMulAddK(y, n, mm, gBest, st);
    else advanceMulNoneK(y, n, gBest, st);
  }
  // Tail: fewer pairs than vectors are left; finish them one vector at a time.
  for (let q = 0; q < nv; q++) {
    const v = st + <usize>q * STRIDE;
    while (settle(v)) {
      if (seasonal) advanceMulAdd1(y, n, mm, gBest, v);
      else advanceMulNone1(y, n, gBest, v);
    }
  }
  return gBestIdx;
}

/** Puts the next one or two unvisited points into the vector at v; false when none is left. */
function loadPair(v: usize): bool {
  if (gNext >= gCount) {
    store<i32>(v, -1, O_K0);
    store<i32>(v, -1, O_K1);
    return false;
  }
  const k0 = load<i32>(gOrder + ((<usize>gNext) << 2));
  gNext++;
  let k1: i32 = -1;
  if (gNext < gCount) {
    k1 = load<i32>(gOrder + ((<usize>gNext) << 2));
    gNext++;
  }
  // A lone last point runs in both lanes; the second copy is dead from the start.
  const r0 = gGrid + <usize>k0 * 24;
  const r1 = gGrid + <usize>(k1 >= 0 ? k1 : k0) * 24;
  const one = f64x2.splat(1.0);
  const a = f64x2.replace_lane(f64x2.splat(load<f64>(r0)), 1, load<f64>(r1));
  const bt = f64x2.replace_lane(f64x2.splat(load<f64>(r0, 8)), 1, load<f64>(r1, 8));
  const g = f64x2.replace_lane(f64x2.splat(load<f64>(r0, 16)), 1, load<f64>(r1, 16));
  store<i32>(v, k0, O_K0);
  store<i32>(v, k1, O_K1);
  store<i32>(v, 1, O_I);
  v128.store(v, f64x2.splat(gL0), O_L);
  v128.store(v, f64x2.splat(gB0), O_B);
  v128.store(v, f64x2.splat(gE0), O_E);
  v128.store(v, a, O_A);
  v128.store(v, f64x2.sub(one, a), O_AC);
  v128.store(v, bt, O_BT);
  v128.store(v, f64x2.sub(one, bt), O_BTC);
  v128.store(v, g, O_G);
  v128.store(v, f64x2.sub(one, g), O_GC);
  v128.store(v, i64x2.replace_lane(i64x2.splat(0), 1, k1 >= 0 ? 0 : -1), O_DEAD);
  return true;
}

/**
 * Handles the lanes of the vector at v that finished or lost: a complete lane whose SSE is not above the best
 * becomes the best if it is lower, or equal with a lower index (statsmodels' first strict improvement in index
 * order); a lane whose partial SSE is not ≤ the best is dropped. Refills the vector once both lanes are done.
 * Returns whether the vector is running.
 */
function settle(v: usize): bool {
  while (true) {
    let k0 = load<i32>(v, O_K0);
    let k1 = load<i32>(v, O_K1);
    if (k0 < 0 && k1 < 0) return false;
    const done = load<i32>(v, O_I) >= gN;
    const e = v128.load(v, O_E);
    let dead = v128.load(v, O_DEAD);
    if (k0 >= 0) {
      const sse = f64x2.extract_lane(e, 0);
      if (!(sse <= gBest) || done) {
        if (sse <= gBest && (sse < gBest || k0 < gBestIdx)) {
          gBest = sse;
          gBestIdx = k0;
        }
        k0 = -1;
        dead = i64x2.replace_lane(dead, 0, -1);
      }
    }
    if (k1 >= 0) {
      const sse = f64x2.extract_lane(e, 1);
      if (!(sse <= gBest) || done) {
        if (sse <= gBest && (sse < gBest || k1 < gBestIdx)) {
          gBest = sse;
          gBestIdx = k1;
        }
        k1 = -1;
        dead = i64x2.replace_lane(dead, 1, -1);
      }
    }
    if (k0 >= 0 || k1 >= 0) {
      store<i32>(v, k0, O_K0);
      store<i32>(v, k1, O_K1);
      v128.store(v, dead, O_DEAD);
      return true;
    }
    if (!loadPair(v)) return false;
  }
  return false;
}

function advanceMulAddK(y: usize, n: i32, mm: usize, bound: f64, st: usize): void {
  const v0 = st + 0;
  let i0 = load<i32>(v0, O_I);
  let l0 = v128.load(v0, O_L);
  let b0 = v128.load(v0, O_B);
  let e0 = v128.load(v0, O_E);
  const a0 = v128.load(v0, O_A);
  const ac0 = v128.load(v0, O_AC);
  const bt0 = v128.load(v0, O_BT);
  const btc0 = v128.load(v0, O_BTC);
  const dead0 = v128.load(v0, O_DEAD);
  const g0 = v128.load(v0, O_G);
  const gc0 = v128.load(v0, O_GC);
  const p0 = load<usize>(v0, O_S);
  const v1 = st + 192;
  let i1 = load<i32>(v1, O_I);
  let l1 = v128.load(v1, O_L);
  let b1 = v128.load(v1, O_B);
  let e1 = v128.load(v1, O_E);
  const a1 = v128.load(v1, O_A);
  const ac1 = v128.load(v1, O_AC);
  const bt1 = v128.load(v1, O_BT);
  const btc1 = v128.load(v1, O_BTC);
  const dead1 = v128.load(v1, O_DEAD);
  const g1 = v128.load(v1, O_G);
  const gc1 = v128.load(v1, O_GC);
  const p1 = load<usize>(v1, O_S);
  const v2 = st + 384;
  let i2 = load<i32>(v2, O_I);
  let l2 = v128.load(v2, O_L);
  let b2 = v128.load(v2, O_B);
  let e2 = v128.load(v2, O_E);
  const a2 = v128.load(v2, O_A);
  const ac2 = v128.load(v2, O_AC);
  const bt2 = v128.load(v2, O_BT);
  const btc2 = v128.load(v2, O_BTC);
  const dead2 = v128.load(v2, O_DEAD);
  const g2 = v128.load(v2, O_G);
  const gc2 = v128.load(v2, O_GC);
  const p2 = load<usize>(v2, O_S);
  const v3 = st + 576;
  let i3 = load<i32>(v3, O_I);
  let l3 = v128.load(v3, O_L);
  let b3 = v128.load(v3, O_B);
  let e3 = v128.load(v3, O_E);
  const a3 = v128.load(v3, O_A);
  const ac3 = v128.load(v3, O_AC);
  const bt3 = v128.load(v3, O_BT);
  const btc3 = v128.load(v3, O_BTC);
  const dead3 = v128.load(v3, O_DEAD);
  const g3 = v128.load(v3, O_G);
  const gc3 = v128.load(v3, O_GC);
  const p3 = load<usize>(v3, O_S);
  const bnd = f64x2.splat(bound);
  while (true) {
    {
      const yp = v128.load64_splat(y + ((<usize>(i0 - 1)) << 3));
      const at = p0 + ((<usize>i0) << 4);
      const sp = v128.load(at - 16);
      const lb = f64x2.mul(l0, b0);
      const lv = f64x2.add(f64x2.sub(f64x2.mul(a0, yp), f64x2.mul(a0, sp)), f64x2.mul(ac0, lb));
      b0 = f64x2.add(f64x2.mul(bt0, f64x2.div(lv, l0)), f64x2.mul(btc0, b0));
      v128.store(at + mm, f64x2.add(f64x2.sub(f64x2.mul(g0, yp), f64x2.mul(g0, lb)), f64x2.mul(gc0, sp)));
      l0 = lv;
      const d = f64x2.sub(
        v128.load64_splat(y + ((<usize>i0) << 3)),
        f64x2.add(f64x2.mul(lv, b0), v128.load(at)),
      );
      e0 = f64x2.add(e0, f64x2.mul(d, d));
      i0++;
    }
    {
      const yp = v128.load64_splat(y + ((<usize>(i1 - 1)) << 3));
      const at = p1 + ((<usize>i1) << 4);
      const sp = v128.load(at - 16);
      const lb = f64x2.mul(l1, b1);
      const lv = f64x2.add(f64x2.sub(f64x2.mul(a1, yp), f64x2.mul(a1, sp)), f64x2.mul(ac1, lb));
      b1 = f64x2.add(f64x2.mul(bt1, f64x2.div(lv, l1)), f64x2.mul(btc1, b1));
      v128.store(at + mm, f64x2.add(f64x2.sub(f64x2.mul(g1, yp), f64x2.mul(g1, lb)), f64x2.mul(gc1, sp)));
      l1 = lv;
      const d = f64x2.sub(
        v128.load64_splat(y + ((<usize>i1) << 3)),
        f64x2.add(f64x2.mul(lv, b1), v128.load(at)),
      );
      e1 = f64x2.add(e1, f64x2.mul(d, d));
      i1++;
    }
    {
      const yp = v128.load64_splat(y + ((<usize>(i2 - 1)) << 3));
      const at = p2 + ((<usize>i2) << 4);
      const sp = v128.load(at - 16);
      const lb = f64x2.mul(l2, b2);
      const lv = f64x2.add(f64x2.sub(f64x2.mul(a2, yp), f64x2.mul(a2, sp)), f64x2.mul(ac2, lb));
      b2 = f64x2.add(f64x2.mul(bt2, f64x2.div(lv, l2)), f64x2.mul(btc2, b2));
      v128.store(at + mm, f64x2.add(f64x2.sub(f64x2.mul(g2, yp), f64x2.mul(g2, lb)), f64x2.mul(gc2, sp)));
      l2 = lv;
      const d = f64x2.sub(
        v128.load64_splat(y + ((<usize>i2) << 3)),
        f64x2.add(f64x2.mul(lv, b2), v128.load(at)),
      );
      e2 = f64x2.add(e2, f64x2.mul(d, d));
      i2++;
    }
    {
      const yp = v128.load64_splat(y + ((<usize>(i3 - 1)) << 3));
      const at = p3 + ((<usize>i3) << 4);
      const sp = v128.load(at - 16);
      const lb = f64x2.mul(l3, b3);
      const lv = f64x2.add(f64x2.sub(f64x2.mul(a3, yp), f64x2.mul(a3, sp)), f64x2.mul(ac3, lb));
      b3 = f64x2.add(f64x2.mul(bt3, f64x2.div(lv, l3)), f64x2.mul(btc3, b3));
      v128.store(at + mm, f64x2.add(f64x2.sub(f64x2.mul(g3, yp), f64x2.mul(g3, lb)), f64x2.mul(gc3, sp)));
      l3 = lv;
      const d = f64x2.sub(
        v128.load64_splat(y + ((<usize>i3) << 3)),
        f64x2.add(f64x2.mul(lv, b3), v128.load(at)),
      );
      e3 = f64x2.add(e3, f64x2.mul(d, d));
      i3++;
    }
    if (
      !i64x2.all_true(
        v128.and(
          v128.and(
            v128.and(v128.or(f64x2.le(e0, bnd), dead0), v128.or(f64x2.le(e1, bnd), dead1)),
            v128.or(f64x2.le(e2, bnd), dead2),
          ),
          v128.or(f64x2.le(e3, bnd), dead3),
        ),
      )
    )
      break;
    if (i0 == n || i1 == n || i2 == n || i3 == n) break;
  }
  store<i32>(v0, i0, O_I);
  v128.store(v0, l0, O_L);
  v128.store(v0, b0, O_B);
  v128.store(v0, e0, O_E);
  store<i32>(v1, i1, O_I);
  v128.store(v1, l1, O_L);
  v128.store(v1, b1, O_B);
  v128.store(v1, e1, O_E);
  store<i32>(v2, i2, O_I);
  v128.store(v2, l2, O_L);
  v128.store(v2, b2, O_B);
  v128.store(v2, e2, O_E);
  store<i32>(v3, i3, O_I);
  v128.store(v3, l3, O_L);
  v128.store(v3, b3, O_B);
  v128.store(v3, e3, O_E);
}

function advanceMulNoneK(y: usize, n: i32, bound: f64, st: usize): void {
  const v0 = st + 0;
  let i0 = load<i32>(v0, O_I);
  let l0 = v128.load(v0, O_L);
  let b0 = v128.load(v0, O_B);
  let e0 = v128.load(v0, O_E);
  const a0 = v128.load(v0, O_A);
  const ac0 = v128.load(v0, O_AC);
  const bt0 = v128.load(v0, O_BT);
  const btc0 = v128.load(v0, O_BTC);
  const dead0 = v128.load(v0, O_DEAD);
  const v1 = st + 192;
  let i1 = load<i32>(v1, O_I);
  let l1 = v128.load(v1, O_L);
  let b1 = v128.load(v1, O_B);
  let e1 = v128.load(v1, O_E);
  const a1 = v128.load(v1, O_A);
  const ac1 = v128.load(v1, O_AC);
  const bt1 = v128.load(v1, O_BT);
  const btc1 = v128.load(v1, O_BTC);
  const dead1 = v128.load(v1, O_DEAD);
  const v2 = st + 384;
  let i2 = load<i32>(v2, O_I);
  let l2 = v128.load(v2, O_L);
  let b2 = v128.load(v2, O_B);
  let e2 = v128.load(v2, O_E);
  const a2 = v128.load(v2, O_A);
  const ac2 = v128.load(v2, O_AC);
  const bt2 = v128.load(v2, O_BT);
  const btc2 = v128.load(v2, O_BTC);
  const dead2 = v128.load(v2, O_DEAD);
  const v3 = st + 576;
  let i3 = load<i32>(v3, O_I);
  let l3 = v128.load(v3, O_L);
  let b3 = v128.load(v3, O_B);
  let e3 = v128.load(v3, O_E);
  const a3 = v128.load(v3, O_A);
  const ac3 = v128.load(v3, O_AC);
  const bt3 = v128.load(v3, O_BT);
  const btc3 = v128.load(v3, O_BTC);
  const dead3 = v128.load(v3, O_DEAD);
  const v4 = st + 768;
  let i4 = load<i32>(v4, O_I);
  let l4 = v128.load(v4, O_L);
  let b4 = v128.load(v4, O_B);
  let e4 = v128.load(v4, O_E);
  const a4 = v128.load(v4, O_A);
  const ac4 = v128.load(v4, O_AC);
  const bt4 = v128.load(v4, O_BT);
  const btc4 = v128.load(v4, O_BTC);
  const dead4 = v128.load(v4, O_DEAD);
  const bnd = f64x2.splat(bound);
  while (true) {
    {
      const lv = f64x2.add(
        f64x2.mul(a0, v128.load64_splat(y + ((<usize>(i0 - 1)) << 3))),
        f64x2.mul(ac0, f64x2.mul(l0, b0)),
      );
      b0 = f64x2.add(f64x2.mul(bt0, f64x2.div(lv, l0)), f64x2.mul(btc0, b0));
      l0 = lv;
      const d = f64x2.sub(v128.load64_splat(y + ((<usize>i0) << 3)), f64x2.mul(lv, b0));
      e0 = f64x2.add(e0, f64x2.mul(d, d));
      i0++;
    }
    {
      const lv = f64x2.add(
        f64x2.mul(a1, v128.load64_splat(y + ((<usize>(i1 - 1)) << 3))),
        f64x2.mul(ac1, f64x2.mul(l1, b1)),
      );
      b1 = f64x2.add(f64x2.mul(bt1, f64x2.div(lv, l1)), f64x2.mul(btc1, b1));
      l1 = lv;
      const d = f64x2.sub(v128.load64_splat(y + ((<usize>i1) << 3)), f64x2.mul(lv, b1));
      e1 = f64x2.add(e1, f64x2.mul(d, d));
      i1++;
    }
    {
      const lv = f64x2.add(
        f64x2.mul(a2, v128.load64_splat(y + ((<usize>(i2 - 1)) << 3))),
        f64x2.mul(ac2, f64x2.mul(l2, b2)),
      );
      b2 = f64x2.add(f64x2.mul(bt2, f64x2.div(lv, l2)), f64x2.mul(btc2, b2));
      l2 = lv;
      const d = f64x2.sub(v128.load64_splat(y + ((<usize>i2) << 3)), f64x2.mul(lv, b2));
      e2 = f64x2.add(e2, f64x2.mul(d, d));
      i2++;
    }
    {
      const lv = f64x2.add(
        f64x2.mul(a3, v128.load64_splat(y + ((<usize>(i3 - 1)) << 3))),
        f64x2.mul(ac3, f64x2.mul(l3, b3)),
      );
      b3 = f64x2.add(f64x2.mul(bt3, f64x2.div(lv, l3)), f64x2.mul(btc3, b3));
      l3 = lv;
      const d = f64x2.sub(v128.load64_splat(y + ((<usize>i3) << 3)), f64x2.mul(lv, b3));
      e3 = f64x2.add(e3, f64x2.mul(d, d));
      i3++;
    }
    {
      const lv = f64x2.add(
        f64x2.mul(a4, v128.load64_splat(y + ((<usize>(i4 - 1)) << 3))),
        f64x2.mul(ac4, f64x2.mul(l4, b4)),
      );
      b4 = f64x2.add(f64x2.mul(bt4, f64x2.div(lv, l4)), f64x2.mul(btc4, b4));
      l4 = lv;
      const d = f64x2.sub(v128.load64_splat(y + ((<usize>i4) << 3)), f64x2.mul(lv, b4));
      e4 = f64x2.add(e4, f64x2.mul(d, d));
      i4++;
    }
    if (
      !i64x2.all_true(
        v128.and(
          v128.and(
            v128.and(
              v128.and(v128.or(f64x2.le(e0, bnd), dead0), v128.or(f64x2.le(e1, bnd), dead1)),
              v128.or(f64x2.le(e2, bnd), dead2),
            ),
            v128.or(f64x2.le(e3, bnd), dead3),
          ),
          v128.or(f64x2.le(e4, bnd), dead4),
        ),
      )
    )
      break;
    if (i0 == n || i1 == n || i2 == n || i3 == n || i4 == n) break;
  }
  store<i32>(v0, i0, O_I);
  v128.store(v0, l0, O_L);
  v128.store(v0, b0, O_B);
  v128.store(v0, e0, O_E);
  store<i32>(v1, i1, O_I);
  v128.store(v1, l1, O_L);
  v128.store(v1, b1, O_B);
  v128.store(v1, e1, O_E);
  store<i32>(v2, i2, O_I);
  v128.store(v2, l2, O_L);
  v128.store(v2, b2, O_B);
  v128.store(v2, e2, O_E);
  store<i32>(v3, i3, O_I);
  v128.store(v3, l3, O_L);
  v128.store(v3, b3, O_B);
  v128.store(v3, e3, O_E);
  store<i32>(v4, i4, O_I);
  v128.store(v4, l4, O_L);
  v128.store(v4, b4, O_B);
  v128.store(v4, e4, O_E);
}

function advanceMulAdd1(y: usize, n: i32, mm: usize, bound: f64, st: usize): void {
  const v0 = st + 0;
  let i0 = load<i32>(v0, O_I);
  let l0 = v128.load(v0, O_L);
  let b0 = v128.load(v0, O_B);
  let e0 = v128.load(v0, O_E);
  const a0 = v128.load(v0, O_A);
  const ac0 = v128.load(v0, O_AC);
  const bt0 = v128.load(v0, O_BT);
  const btc0 = v128.load(v0, O_BTC);
  const dead0 = v128.load(v0, O_DEAD);
  const g0 = v128.load(v0, O_G);
  const gc0 = v128.load(v0, O_GC);
  const p0 = load<usize>(v0, O_S);
  const bnd = f64x2.splat(bound);
  while (true) {
    {
      const yp = v128.load64_splat(y + ((<usize>(i0 - 1)) << 3));
      const at = p0 + ((<usize>i0) << 4);
      const sp = v128.load(at - 16);
      const lb = f64x2.mul(l0, b0);
      const lv = f64x2.add(f64x2.sub(f64x2.mul(a0, yp), f64x2.mul(a0, sp)), f64x2.mul(ac0, lb));
      b0 = f64x2.add(f64x2.mul(bt0, f64x2.div(lv, l0)), f64x2.mul(btc0, b0));
      v128.store(at + mm, f64x2.add(f64x2.sub(f64x2.mul(g0, yp), f64x2.mul(g0, lb)), f64x2.mul(gc0, sp)));
      l0 = lv;
      const d = f64x2.sub(
        v128.load64_splat(y + ((<usize>i0) << 3)),
        f64x2.add(f64x2.mul(lv, b0), v128.load(at)),
      );
      e0 = f64x2.add(e0, f64x2.mul(d, d));
      i0++;
    }
    if (!i64x2.all_true(v128.or(f64x2.le(e0, bnd), dead0))) break;
    if (i0 == n) break;
  }
  store<i32>(v0, i0, O_I);
  v128.store(v0, l0, O_L);
  v128.store(v0, b0, O_B);
  v128.store(v0, e0, O_E);
}

function advanceMulNone1(y: usize, n: i32, bound: f64, st: usize): void {
  const v0 = st + 0;
  let i0 = load<i32>(v0, O_I);
  let l0 = v128.load(v0, O_L);
  let b0 = v128.load(v0, O_B);
  let e0 = v128.load(v0, O_E);
  const a0 = v128.load(v0, O_A);
  const ac0 = v128.load(v0, O_AC);
  const bt0 = v128.load(v0, O_BT);
  const btc0 = v128.load(v0, O_BTC);
  const dead0 = v128.load(v0, O_DEAD);
  const bnd = f64x2.splat(bound);
  while (true) {
    {
      const lv = f64x2.add(
        f64x2.mul(a0, v128.load64_splat(y + ((<usize>(i0 - 1)) << 3))),
        f64x2.mul(ac0, f64x2.mul(l0, b0)),
      );
      b0 = f64x2.add(f64x2.mul(bt0, f64x2.div(lv, l0)), f64x2.mul(btc0, b0));
      l0 = lv;
      const d = f64x2.sub(v128.load64_splat(y + ((<usize>i0) << 3)), f64x2.mul(lv, b0));
      e0 = f64x2.add(e0, f64x2.mul(d, d));
      i0++;
    }
    if (!i64x2.all_true(v128.or(f64x2.le(e0, bnd), dead0))) break;
    if (i0 == n) break;
  }
  store<i32>(v0, i0, O_I);
  v128.store(v0, l0, O_L);
  v128.store(v0, b0, O_B);
  v128.store(v0, e0, O_E);
}
