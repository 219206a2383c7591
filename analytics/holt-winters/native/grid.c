/*
 * The brute-force grid kernel of `../grid-lanes.ts` as a Node-API addon, for x86-64 CPUs with wide vectors.
 *
 * Why native: the search is bound by the throughput of floating-point division (one per grid point and step).
 * WebAssembly stops at 128-bit vectors (two doubles per division); AVX-512 divides eight doubles at once and
 * AVX2 four, which on current x86 cores is 2-3x the doubles per second. The function is compiled for AVX-512,
 * AVX2 and baseline x86-64 (`target_clones`); the loader picks the widest the CPU has. Where this file cannot be
 * built (no C compiler, another architecture), `grid-native.ts` reports it unavailable and the WebAssembly
 * kernel runs instead.
 *
 * Exactness: every lane performs, operation for operation, the arithmetic of the JS lanes (statsmodels'
 * `holt_win_mul_add_dam` / `holt_mul_dam` with phi = 1). It must be compiled without contraction into fused
 * multiply-adds and without value-changing optimisations (`-ffp-contract=off`, no `-ffast-math`; see
 * scripts/build-native.sh); IEEE 754 division and multiplication are correctly rounded at every width, so every SSE
 * is bit-identical to the JS one. The early-abandoning rule is the JS one: a lane counts only if its SSE is
 * complete and not above the best complete SSE so far; complete points are compared by (SSE, index), so the winner
 * and its SSE are those of statsmodels' sequential loop whatever the order in which points finish.
 *
 * Layout: V vectors of W = 8 lanes run interleaved (their dependency chains overlap); each vector carries eight
 * grid points (consecutive entries of the visiting order) through the same step index, so the series is read once
 * per vector and step. A vector is refilled when all its lanes are complete, or all have lost (partial SSE above
 * the best: partial sums only grow). The seasonal states of a vector live in a ring of m slots of W lanes, since
 * step i reads s[i-1] and s[i] and writes s[i+m-1], which takes the slot of s[i-1].
 */
#include <math.h>
#include <node_api.h>
#include <stdlib.h>
#include <string.h>

#define W 8
/* The widest instruction set to compile for: 512 (AVX-512, AVX2 and baseline clones), 256 or 128 (baseline only).
 * Narrower builds exist so that the tests can run the code paths of CPUs without AVX-512 on one that has it. */
#ifndef GRID_MAX_ISA
#define GRID_MAX_ISA 512
#endif
#if GRID_MAX_ISA >= 512
#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#elif GRID_MAX_ISA >= 256
#define CLONES __attribute__((target_clones("avx2", "default")))
#else
#define CLONES
#endif
/* Vectors interleaved: the seasonal recursion has more live values per vector (and its ring buffers) than the
 * other, so it runs fewer at once. Measured on AMD Zen 5 (AVX-512); narrower CPUs are not worse off with these. */
#define V_ADD 4
#define V_NONE 8
#define V_MAX 8
/* Steps between checks for vectors that need settling: a lost lane costs at most this many extra steps. */
#define CHECK 16

typedef double vd __attribute__((vector_size(W * sizeof(double))));

typedef struct {
  vd l, b, e, a, ac, bt, btc, g, gc;
  int i;
  int j; /* (i - 1) mod m: the ring slot of s[i-1] */
  int k[W];
  double *s; /* m slots of W lanes, slot j holds s[j'] for j' = j (mod m) */
} Vec;

typedef struct {
  const double *y;
  const double *s0;
  const double *grid;
  const int *order;
  int n, m, count, next, bestIdx;
  double l0, b0, e0sq, best;
} Search;

/* x in every lane (a macro: a function returning a 64-byte vector would change its ABI with the target). */
#define splat(x) ((vd){(x), (x), (x), (x), (x), (x), (x), (x)})

/* Puts the next up-to-W unvisited points into vec; false when none is left. Lanes without a point repeat the
 * first one and have k = -1: they compute but never count. */
static int load(Search *S, Vec *vec) {
  if (S->next >= S->count) return 0;
  int first = S->order[S->next];
  for (int j = 0; j < W; j++) {
    int k = S->next < S->count ? S->order[S->next++] : -1;
    const double *r = S->grid + 3 * (size_t)(k >= 0 ? k : first);
    vec->k[j] = k;
    vec->a[j] = r[0];
    vec->ac[j] = 1.0 - r[0];
    vec->bt[j] = r[1];
    vec->btc[j] = 1.0 - r[1];
    vec->g[j] = r[2];
    vec->gc[j] = 1.0 - r[2];
  }
  vec->i = 1;
  vec->j = 0;
  vec->l = splat(S->l0);
  vec->b = splat(S->b0);
  vec->e = splat(S->e0sq);
  for (int j = 0; j < S->m; j++) {
    double *slot = vec->s + (size_t)j * W;
    for (int q = 0; q < W; q++) slot[q] = S->s0[j];
  }
  return 1;
}

/* Whether every lane of vec has lost (partial SSE not <= best; NaN loses too). */
static inline int all_lost(const Vec *vec, double best) {
  for (int j = 0; j < W; j++)
    if (vec->e[j] <= best) return 0;
  return 1;
}

/* Takes the results of vec if it is complete or lost, and refills it; returns whether it is running. */
static int settle(Search *S, Vec *vec) {
  for (;;) {
    if (vec->k[0] < 0) return 0;
    int done = vec->i >= S->n;
    if (!done && !all_lost(vec, S->best)) return 1;
    if (done) {
      for (int j = 0; j < W; j++) {
        double sse = vec->e[j];
        int k = vec->k[j];
        if (k >= 0 && sse <= S->best && (sse < S->best || k < S->bestIdx)) {
          S->best = sse;
          S->bestIdx = k;
        }
      }
    }
    if (!load(S, vec)) {
      vec->k[0] = -1;
      return 0;
    }
  }
}

/* One step of the multiplicative-trend / additive-seasonal recursion for every lane of vec (holt_win_mul_add_dam,
 * phi = 1), statement for statement as in `advanceMulAdd4`. */
#define STEP_MUL_ADD(vec)                                        \
  do {                                                           \
    int i_ = (vec).i;                                            \
    int jn_ = (vec).j + 1 == m ? 0 : (vec).j + 1;                \
    double *ps = (vec).s + (size_t)(vec).j * W;                  \
    double *cs = (vec).s + (size_t)jn_ * W;                      \
    vd yp = splat(y[i_ - 1]);                                    \
    vd sp;                                                       \
    memcpy(&sp, ps, sizeof sp);                                  \
    vd lb = (vec).l * (vec).b;                                   \
    vd lv = (vec).a * yp - (vec).a * sp + (vec).ac * lb;         \
    (vec).b = (vec).bt * (lv / (vec).l) + (vec).btc * (vec).b;   \
    vd sn = (vec).g * yp - (vec).g * lb + (vec).gc * sp;         \
    memcpy(ps, &sn, sizeof sn);                                  \
    (vec).l = lv;                                                \
    vd sc;                                                       \
    memcpy(&sc, cs, sizeof sc);                                  \
    vd e_ = splat(y[i_]) - (lv * (vec).b + sc);                  \
    (vec).e += e_ * e_;                                          \
    (vec).i = i_ + 1;                                            \
    (vec).j = jn_;                                               \
  } while (0)

/* The same without seasonality (holt_mul_dam, phi = 1), as in `advanceMulNone4`. */
#define STEP_MUL_NONE(vec)                                             \
  do {                                                                 \
    int i_ = (vec).i;                                                  \
    vd lv = (vec).a * splat(y[i_ - 1]) + (vec).ac * ((vec).l * (vec).b); \
    (vec).b = (vec).bt * (lv / (vec).l) + (vec).btc * (vec).b;         \
    (vec).l = lv;                                                      \
    vd e_ = splat(y[i_]) - lv * (vec).b;                               \
    (vec).e += e_ * e_;                                                \
    (vec).i = i_ + 1;                                                  \
  } while (0)

CLONES static int run(Search *S, Vec *vecs) {
  const double *y = S->y;
  const int n = S->n;
  const int m = S->m;
  const int seasonal = m > 0;
  const int nv = seasonal ? V_ADD : V_NONE;
  for (int q = 0; q < nv; q++)
    if (!load(S, &vecs[q])) vecs[q].k[0] = -1;
  for (;;) {
    int running = 0;
    int room = CHECK;
    for (int q = 0; q < nv; q++) {
      if (settle(S, &vecs[q])) running++;
      if (n - vecs[q].i < room) room = n - vecs[q].i;
    }
    if (running < nv) break;
    /* The vectors in lockstep for up to CHECK steps, none passing step n. */
    for (int r = 0; r < room; r++) {
      if (seasonal)
        for (int q = 0; q < V_ADD; q++) STEP_MUL_ADD(vecs[q]);
      else
        for (int q = 0; q < V_NONE; q++) STEP_MUL_NONE(vecs[q]);
    }
  }
  /* Tail: fewer loads than vectors are left; finish them one at a time. */
  for (int q = 0; q < nv; q++) {
    while (settle(S, &vecs[q])) {
      int room = n - vecs[q].i < CHECK ? n - vecs[q].i : CHECK;
      for (int r = 0; r < room; r++) {
        if (seasonal)
          STEP_MUL_ADD(vecs[q]);
        else
          STEP_MUL_NONE(vecs[q]);
      }
    }
  }
  return S->bestIdx;
}

static napi_value fail(napi_env env, const char *msg) {
  napi_throw_type_error(env, NULL, msg);
  return NULL;
}

static int typed(napi_env env, napi_value v, napi_typedarray_type want, void **data, size_t *len) {
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return 0;
  napi_typedarray_type type;
  if (napi_get_typedarray_info(env, v, &type, len, data, NULL, NULL) != napi_ok) return 0;
  return type == want;
}

/* search(y, l0, b0, s0, grid, order, e0sq, out): out[0] = winning index (-1: none below +inf), out[1] = its SSE.
 * Arguments as `laneSearch` in grid-lanes.ts, plus e0sq = the first squared error and out, a Float64Array(2). */
static napi_value Search_(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 8)
    return fail(env, "search expects 8 arguments");
  void *py, *ps0, *pgrid, *porder, *pout;
  size_t n, m, gl, count, outLen;
  double l0, b0, e0sq;
  if (!typed(env, argv[0], napi_float64_array, &py, &n) || !typed(env, argv[3], napi_float64_array, &ps0, &m) ||
      !typed(env, argv[4], napi_float64_array, &pgrid, &gl) ||
      !typed(env, argv[5], napi_int32_array, &porder, &count) ||
      !typed(env, argv[7], napi_float64_array, &pout, &outLen) || outLen < 2)
    return fail(env, "search: y, s0, grid must be Float64Arrays, order an Int32Array, out a Float64Array(2)");
  if (napi_get_value_double(env, argv[1], &l0) != napi_ok || napi_get_value_double(env, argv[2], &b0) != napi_ok ||
      napi_get_value_double(env, argv[6], &e0sq) != napi_ok)
    return fail(env, "search: l0, b0 and e0sq must be numbers");
  if (n < 1 || n > 0x7fffffff || m > 0x7fffffff || count > 0x7fffffff)
    return fail(env, "search: bad lengths");
  const int *order = porder;
  for (size_t j = 0; j < count; j++)
    if (order[j] < 0 || (size_t)order[j] * 3 + 2 >= gl) return fail(env, "search: order index out of the grid");

  Vec *vecs = aligned_alloc(64, sizeof(Vec) * V_MAX);
  double *ring = m > 0 ? aligned_alloc(64, sizeof(double) * W * m * V_ADD) : NULL;
  if (vecs == NULL || (m > 0 && ring == NULL)) {
    free(vecs);
    free(ring);
    return fail(env, "search: out of memory");
  }
  for (int q = 0; q < V_MAX; q++) vecs[q].s = ring && q < V_ADD ? ring + (size_t)q * W * m : NULL;
  Search S = {py, ps0, pgrid, order, (int)n, (int)m, (int)count, 0, -1, l0, b0, e0sq, INFINITY};
  int index = run(&S, vecs);
  free(vecs);
  free(ring);
  double *out = pout;
  out[0] = index;
  out[1] = S.best;
  return NULL;
}

/* isa(): the instruction set of the clone of `run` this CPU gets (the ifunc resolver's rule: widest first). */
static napi_value Isa(napi_env env, napi_callback_info info) {
  (void)info;
  __builtin_cpu_init();
  const char *name = GRID_MAX_ISA >= 512 && __builtin_cpu_supports("avx512f") ? "avx512f"
                     : GRID_MAX_ISA >= 256 && __builtin_cpu_supports("avx2")  ? "avx2"
                                                                               : "x86-64";
  napi_value v;
  napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &v);
  return v;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "search", NAPI_AUTO_LENGTH, Search_, NULL, &fn) != napi_ok ||
      napi_set_named_property(env, exports, "search", fn) != napi_ok)
    return NULL;
  if (napi_create_function(env, "isa", NAPI_AUTO_LENGTH, Isa, NULL, &fn) != napi_ok ||
      napi_set_named_property(env, exports, "isa", fn) != napi_ok)
    return NULL;
  return exports;
}
