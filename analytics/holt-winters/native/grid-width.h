/*
 * The grid kernel at one vector width, included by grid.c once per instruction set. Before each inclusion grid.c
 * defines W (doubles per vector: the register width of that instruction set), V_ADD and V_NONE (vectors
 * interleaved for the seasonal and the non-seasonal recursion), SPLAT(x) (x in all W lanes), TARGET (the function
 * attribute selecting the instruction set) and NAME(x) (x with this width's suffix). Everything here is undefined
 * again at the end, so the next inclusion starts clean.
 *
 * Layout: V vectors of W lanes run interleaved (their dependency chains overlap); each vector carries W grid points
 * (consecutive entries of the visiting order) through the same step index, so the series is read once per vector
 * and step. A vector is refilled when all its lanes are complete, or all have lost (partial SSE above the best:
 * partial sums only grow). The seasonal states of a vector live in a ring of m slots of W lanes, since step i
 * reads s[i-1] and s[i] and writes s[i+m-1], which takes the slot of s[i-1].
 *
 * Why one width per instruction set rather than W = 8 everywhere: a vector wider than the registers is split by
 * the compiler, and on an AVX2 CPU (AMD Zen 3) 8-double vectors ran 4-5x slower per point than 4-double ones
 * (bench: 7.3 against 1.6 ns per grid point and step), slower even than the WebAssembly kernel.
 */

typedef double NAME(vd) __attribute__((vector_size(W * sizeof(double))));

typedef struct {
  NAME(vd) l, b, e, a, ac, bt, btc, g, gc;
  int i;
  int j; /* (i - 1) mod m: the ring slot of s[i-1] */
  int k[W];
  double *s; /* m slots of W lanes, slot j holds s[j'] for j' = j (mod m) */
} NAME(Vec);

/* Puts the next up-to-W unvisited points into vec; false when none is left. Lanes without a point repeat the
 * first one and have k = -1: they compute but never count. */
static int NAME(load)(Search *S, NAME(Vec) * vec) {
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
  vec->l = SPLAT(S->l0);
  vec->b = SPLAT(S->b0);
  vec->e = SPLAT(S->e0sq);
  for (int j = 0; j < S->m; j++) {
    double *slot = vec->s + (size_t)j * W;
    for (int q = 0; q < W; q++) slot[q] = S->s0[j];
  }
  return 1;
}

/* Whether every lane of vec has lost (partial SSE not <= best; NaN loses too). */
static inline int NAME(all_lost)(const NAME(Vec) * vec, double best) {
  for (int j = 0; j < W; j++)
    if (vec->e[j] <= best) return 0;
  return 1;
}

/* Takes the results of vec if it is complete or lost, and refills it; returns whether it is running. */
static int NAME(settle)(Search *S, NAME(Vec) * vec) {
  for (;;) {
    if (vec->k[0] < 0) return 0;
    int done = vec->i >= S->n;
    if (!done && !NAME(all_lost)(vec, S->best)) return 1;
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
    if (!NAME(load)(S, vec)) {
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
    NAME(vd) yp = SPLAT(y[i_ - 1]);                              \
    NAME(vd) sp;                                                 \
    memcpy(&sp, ps, sizeof sp);                                  \
    NAME(vd) lb = (vec).l * (vec).b;                             \
    NAME(vd) lv = (vec).a * yp - (vec).a * sp + (vec).ac * lb;   \
    (vec).b = (vec).bt * (lv / (vec).l) + (vec).btc * (vec).b;   \
    NAME(vd) sn = (vec).g * yp - (vec).g * lb + (vec).gc * sp;   \
    memcpy(ps, &sn, sizeof sn);                                  \
    (vec).l = lv;                                                \
    NAME(vd) sc;                                                 \
    memcpy(&sc, cs, sizeof sc);                                  \
    NAME(vd) e_ = SPLAT(y[i_]) - (lv * (vec).b + sc);            \
    (vec).e += e_ * e_;                                          \
    (vec).i = i_ + 1;                                            \
    (vec).j = jn_;                                               \
  } while (0)

/* The same without seasonality (holt_mul_dam, phi = 1), as in `advanceMulNone4`. */
#define STEP_MUL_NONE(vec)                                                      \
  do {                                                                          \
    int i_ = (vec).i;                                                           \
    NAME(vd) lv = (vec).a * SPLAT(y[i_ - 1]) + (vec).ac * ((vec).l * (vec).b);  \
    (vec).b = (vec).bt * (lv / (vec).l) + (vec).btc * (vec).b;                  \
    (vec).l = lv;                                                               \
    NAME(vd) e_ = SPLAT(y[i_]) - lv * (vec).b;                                  \
    (vec).e += e_ * e_;                                                         \
    (vec).i = i_ + 1;                                                           \
  } while (0)

/* The search with this width; returns the winning index (-1: none below +inf), with its SSE in S->best, or -2
 * when its buffers cannot be allocated. */
TARGET static int NAME(run)(Search *S) {
  const double *y = S->y;
  const int n = S->n;
  const int m = S->m;
  const int seasonal = m > 0;
  const int nv = seasonal ? V_ADD : V_NONE;
  NAME(Vec) *vecs = aligned_alloc(64, sizeof(NAME(Vec)) * (V_ADD > V_NONE ? V_ADD : V_NONE));
  double *ring = seasonal ? aligned_alloc(64, sizeof(double) * W * (size_t)m * V_ADD) : NULL;
  if (vecs == NULL || (seasonal && ring == NULL)) {
    free(vecs);
    free(ring);
    return -2;
  }
  for (int q = 0; q < nv; q++) vecs[q].s = ring ? ring + (size_t)q * W * m : NULL;
  for (int q = 0; q < nv; q++)
    if (!NAME(load)(S, &vecs[q])) vecs[q].k[0] = -1;
  for (;;) {
    int running = 0;
    int room = CHECK;
    for (int q = 0; q < nv; q++) {
      if (NAME(settle)(S, &vecs[q])) running++;
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
    while (NAME(settle)(S, &vecs[q])) {
      int room = n - vecs[q].i < CHECK ? n - vecs[q].i : CHECK;
      for (int r = 0; r < room; r++) {
        if (seasonal)
          STEP_MUL_ADD(vecs[q]);
        else
          STEP_MUL_NONE(vecs[q]);
      }
    }
  }
  free(vecs);
  free(ring);
  return S->bestIdx;
}

#undef STEP_MUL_ADD
#undef STEP_MUL_NONE
#undef W
#undef V_ADD
#undef V_NONE
#undef SPLAT
#undef TARGET
#undef NAME
