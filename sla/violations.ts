import type {
  BreachCounts,
  BreachKind,
  SeriesViolations,
  SlaBounds,
  SlaState,
  ViolationInterval,
  ViolationReport,
} from '../contracts/sla.ts';

/**
 * The SLA arithmetic, pure: which samples breach which bound, their runs as intervals, and the alert state under
 * a `for` duration with the semantics of a Prometheus alerting rule (pending from the first breaching
 * evaluation, firing once the breach has held for `for`, back to ok at the first sample inside the bounds or
 * the first missing sample). Samples are evaluation points: one per step, ascending.
 */

export interface Point {
  /** Unix milliseconds. */
  t: number;
  v: number;
}

/** Bounds are inclusive: a value equal to the max or the min is within the SLA. NaN breaches nothing. */
export function breachOf(v: number, bounds: SlaBounds): BreachKind | null {
  if (bounds.max !== null && v > bounds.max) return 'above_max';
  if (bounds.min !== null && v < bounds.min) return 'below_min';
  return null;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function countMinutes(times: number[]): number {
  return new Set(times.map((t) => Math.floor(t / 60_000))).size;
}

function counts(times: number[]): BreachCounts {
  return { samples: times.length, minutes: countMinutes(times) };
}

/** The first sample of a run at which an alert with `for` would be firing, if any. */
function firingPoint(run: Point[], forSeconds: number): Point | undefined {
  const since = run[0]!.t;
  return run.find((p) => p.t - since >= forSeconds * 1000);
}

/**
 * Counts and intervals of one series over a window. Consecutive samples (exactly one step apart) outside the
 * same bound form one interval; a missing step or a change of side starts a new one.
 */
export function seriesViolations(
  labels: Record<string, string>,
  points: readonly Point[],
  bounds: SlaBounds,
  stepSeconds: number,
  forSeconds: number,
): SeriesViolations {
  const stepMs = stepSeconds * 1000;
  const above: number[] = [];
  const below: number[] = [];
  const intervals: ViolationInterval[] = [];
  let run: Point[] = [];
  let runKind: BreachKind | null = null;

  const close = () => {
    if (runKind === null || run.length === 0) return;
    const first = run[0]!;
    const last = run.at(-1)!;
    const extreme =
      runKind === 'above_max' ? Math.max(...run.map((p) => p.v)) : Math.min(...run.map((p) => p.v));
    const overshoot = runKind === 'above_max' ? extreme - bounds.max! : bounds.min! - extreme;
    const firing = firingPoint(run, forSeconds);
    intervals.push({
      kind: runKind,
      start: iso(first.t),
      end: iso(last.t + stepMs),
      durationSeconds: (last.t + stepMs - first.t) / 1000,
      samples: run.length,
      extreme,
      overshoot,
      fired: firing !== undefined,
      firingSince: firing ? iso(firing.t) : null,
    });
    run = [];
    runKind = null;
  };

  for (const p of points) {
    const kind = breachOf(p.v, bounds);
    const contiguous = run.length > 0 && p.t - run.at(-1)!.t === stepMs;
    if (kind === null || kind !== runKind || !contiguous) close();
    if (kind === null) continue;
    (kind === 'above_max' ? above : below).push(p.t);
    runKind = kind;
    run.push(p);
  }
  close();

  return {
    labels,
    samples: points.length,
    violatingSamples: above.length + below.length,
    violatingMinutes: countMinutes([...above, ...below]),
    aboveMax: counts(above),
    belowMin: counts(below),
    intervals,
  };
}

/** Adds the per-series results up into the report's totals. */
export function totalsOf(series: readonly SeriesViolations[]): ViolationReport['totals'] {
  const sum = (f: (s: SeriesViolations) => number) => series.reduce((n, s) => n + f(s), 0);
  return {
    series: series.length,
    violatingSeries: series.filter((s) => s.violatingSamples > 0).length,
    samples: sum((s) => s.samples),
    violatingSamples: sum((s) => s.violatingSamples),
    violatingMinutes: sum((s) => s.violatingMinutes),
    aboveMax: { samples: sum((s) => s.aboveMax.samples), minutes: sum((s) => s.aboveMax.minutes) },
    belowMin: { samples: sum((s) => s.belowMin.samples), minutes: sum((s) => s.belowMin.minutes) },
    intervals: sum((s) => s.intervals.length),
    firedIntervals: sum((s) => s.intervals.filter((i) => i.fired).length),
  };
}

export interface AlertState {
  state: SlaState;
  /** The latest sample's value, null without samples. */
  value: number | null;
  at: string | null;
  breach: BreachKind | null;
  /** When the current breach began (its first breaching sample), null when ok. */
  activeSince: string | null;
  /** When it began firing, null unless firing. */
  firingSince: string | null;
}

/**
 * The alert state at the latest sample. The breach is traced back over consecutive breaching samples (either
 * side: the alert's condition is "outside the bounds"), as Prometheus keeps an alert active across evaluations.
 * A run that reaches back to the first sample given may be longer than what was fetched: callers fetch at least
 * `for` plus a few steps, so such a run is firing either way.
 */
export function alertState(
  points: readonly Point[],
  bounds: SlaBounds,
  stepSeconds: number,
  forSeconds: number,
): AlertState {
  const last = points.at(-1);
  if (!last)
    return { state: 'ok', value: null, at: null, breach: null, activeSince: null, firingSince: null };
  const breach = breachOf(last.v, bounds);
  const base = { value: last.v, at: iso(last.t), breach };
  if (breach === null) return { ...base, state: 'ok', activeSince: null, firingSince: null };

  let i = points.length - 1;
  while (
    i > 0 &&
    points[i]!.t - points[i - 1]!.t === stepSeconds * 1000 &&
    breachOf(points[i - 1]!.v, bounds) !== null
  ) {
    i--;
  }
  const run = points.slice(i);
  const firing = firingPoint(run, forSeconds);
  return {
    ...base,
    state: firing ? 'firing' : 'pending',
    activeSince: iso(run[0]!.t),
    firingSince: firing ? iso(firing.t) : null,
  };
}

const RANK: Record<SlaState, number> = { ok: 0, pending: 1, firing: 2 };

/** The SLA's state over all its series: the worst of them. */
export function worstState(states: readonly SlaState[]): SlaState {
  return states.reduce<SlaState>((w, s) => (RANK[s] > RANK[w] ? s : w), 'ok');
}
