/*
 * The brute-force grid kernel of `../grid-lanes.ts` as a Node-API addon, for x86-64 CPUs with wide vectors.
 *
 * Why native: the search is bound by the throughput of floating-point division (one per grid point and step).
 * WebAssembly stops at 128-bit vectors (two doubles per division); AVX-512 divides eight doubles at once and
 * AVX2 four, which on current x86 cores is 2-3x the doubles per second. The kernel (grid-width.h) is compiled once
 * per instruction set with vectors as wide as its registers: AVX-512 (8 doubles), AVX2 (4) and baseline x86-64
 * (2); `run` picks the widest the CPU has. Where this file cannot be built (no C compiler, another architecture),
 * `grid-native.ts` reports it unavailable and the WebAssembly kernel runs instead.
 *
 * Exactness: every lane performs, operation for operation, the arithmetic of the JS lanes (statsmodels'
 * `holt_win_mul_add_dam` / `holt_mul_dam` with phi = 1). It must be compiled without contraction into fused
 * multiply-adds and without value-changing optimisations (`-ffp-contract=off`, no `-ffast-math`; see
 * scripts/build-native.sh); IEEE 754 division and multiplication are correctly rounded at every width, so every SSE
 * is bit-identical to the JS one. The early-abandoning rule is the JS one: a lane counts only if its SSE is
 * complete and not above the best complete SSE so far; complete points are compared by (SSE, index), so the winner
 * and its SSE are those of statsmodels' sequential loop whatever the order in which points finish.
 */
#include <math.h>
#include <node_api.h>
#include <stdlib.h>
#include <string.h>

/* The widest instruction set to compile for: 512 (AVX-512, AVX2 and baseline), 256 (AVX2 and baseline) or 128
 * (baseline only). Narrower builds exist so that the tests can run the code paths of CPUs without AVX-512 on one
 * that has it. */
#ifndef GRID_MAX_ISA
#define GRID_MAX_ISA 512
#endif
/* Steps between checks for vectors that need settling: a lost lane costs at most this many extra steps. */
#define CHECK 16

typedef struct {
  const double *y;
  const double *s0;
  const double *grid;
  const int *order;
  int n, m, count, next, bestIdx;
  double l0, b0, e0sq, best;
} Search;

/* One copy of the kernel per instruction set, each with vectors as wide as its registers (see grid-width.h). The
 * numbers of vectors interleaved: the seasonal recursion has more live values per vector (and its ring buffers)
 * than the other, so it runs fewer at once. AVX-512's were measured on AMD Zen 5. AVX2's seasonal count on AMD
 * Zen 3, timing the kernel alone per grid point and step: 8 to 16 vectors ran alike (1.5-1.8 ns), 4 slower; the
 * non-seasonal counts follow the AVX-512 ratio and the baseline copies AVX2's counts, neither measured on its own
 * (`npm run bench:sections` times the grid search within the fit). */
#if GRID_MAX_ISA >= 512
#define W 8
#define V_ADD 4
#define V_NONE 8
#define SPLAT(x) ((vd_w8){(x), (x), (x), (x), (x), (x), (x), (x)})
#define TARGET __attribute__((target("avx512f")))
#define NAME(x) x##_w8
#include "grid-width.h"
#endif

#if GRID_MAX_ISA >= 256
#define W 4
#define V_ADD 8
#define V_NONE 16
#define SPLAT(x) ((vd_w4){(x), (x), (x), (x)})
#define TARGET __attribute__((target("avx2")))
#define NAME(x) x##_w4
#include "grid-width.h"
#endif

#define W 2
#define V_ADD 8
#define V_NONE 16
#define SPLAT(x) ((vd_w2){(x), (x)})
#define TARGET
#define NAME(x) x##_w2
#include "grid-width.h"

/* The instruction set this CPU gets: the widest one compiled in that it supports. */
static const char *isa_name(void) {
  __builtin_cpu_init();
  if (GRID_MAX_ISA >= 512 && __builtin_cpu_supports("avx512f")) return "avx512f";
  if (GRID_MAX_ISA >= 256 && __builtin_cpu_supports("avx2")) return "avx2";
  return "x86-64";
}

/* The search on the copy of the kernel for this CPU's instruction set. */
static int run(Search *S) {
  const char *isa = isa_name();
#if GRID_MAX_ISA >= 512
  if (strcmp(isa, "avx512f") == 0) return run_w8(S);
#endif
#if GRID_MAX_ISA >= 256
  if (strcmp(isa, "avx2") == 0) return run_w4(S);
#endif
  (void)isa;
  return run_w2(S);
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

  Search S = {py, ps0, pgrid, order, (int)n, (int)m, (int)count, 0, -1, l0, b0, e0sq, INFINITY};
  int index = run(&S);
  if (index == -2) return fail(env, "search: out of memory");
  double *out = pout;
  out[0] = index;
  out[1] = S.best;
  return NULL;
}

/* isa(): the instruction set whose copy of the kernel `run` picks on this CPU. */
static napi_value Isa(napi_env env, napi_callback_info info) {
  (void)info;
  const char *name = isa_name();
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
