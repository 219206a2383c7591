import type { DurationGrammar } from './duration.ts';
import type { LabelMatch } from './label-matcher.ts';
import type { SlaObjective } from './slo.ts';

/**
 * The SLA manager's shared shapes: what the REST API stores and answers, and what the violation-check workflow
 * takes and returns (so `temporal workflow start --type violationCheck` uses the same input as the API).
 */

export type SlaMatcher = LabelMatch;

/** The windows a violation check looks back over, in seconds. */
export const SLA_WINDOWS = { '1h': 3_600, '3h': 10_800, '12h': 43_200 } as const;
export type SlaWindow = keyof typeof SLA_WINDOWS;

/** An SLA's `for`, e.g. 5m: seconds, minutes or hours, as a Prometheus alerting rule writes it. */
export const SLA_FOR: DurationGrammar = { units: ['s', 'm', 'h'], maxDigits: 7 };

/** Violations are counted over 1-minute samples, the pipeline's own step. */
export const SLA_STEP_SECONDS = 60;

export type SlaState = 'ok' | 'pending' | 'firing';
export type BreachKind = 'above_max' | 'below_min';

export interface SlaBounds {
  min: number | null;
  max: number | null;
}

/** What an SLA is, as stored: the bounds are inclusive (a value equal to a bound is inside). */
export interface SlaDefinition extends SlaBounds {
  id: number;
  name: string;
  description: string;
  metric: string;
  matchers: SlaMatcher[];
  forSeconds: number;
  /** The share of good series-minutes to keep over a window (contracts/slo.ts); null for none. */
  objective: SlaObjective | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface ViolationCheckInput {
  slaId: number;
  window: SlaWindow;
  /** The window's end, ISO-8601 on a whole minute; the last sample is at this instant. */
  end: string;
  /** Series per page of the report (default VIOLATION_PAGE); the totals always cover every series. */
  limit?: number;
  /** The `next` of the previous page's report. */
  next?: string;
  /**
   * The SLA revision the caller read: the check refuses (REVISION_CHANGED) to evaluate any other, so a result
   * stored under a workflow id that names this revision is always about it.
   */
  revision?: number;
}

/**
 * A report lists at most this many series (the worst first): the report is the workflow's result, so it is kept
 * to a size that belongs in workflow history whatever the SLA selects.
 */
export const VIOLATION_PAGE = 100;
export const VIOLATION_PAGE_MAX = 500;

/**
 * A run of consecutive 1-minute samples outside the same bound. `end` is one step after the last violating
 * sample (each sample stands for one step), so `durationSeconds` is samples × step. `fired` tells whether the
 * run lasted long enough for the SLA's `for` to fire an alert, as a Prometheus alerting rule would.
 */
export interface ViolationInterval {
  kind: BreachKind;
  start: string;
  end: string;
  durationSeconds: number;
  samples: number;
  /** The highest value above the max, or the lowest below the min. */
  extreme: number;
  /** How far the extreme is past the bound (always positive). */
  overshoot: number;
  fired: boolean;
  /** The first sample at which the alert would have been firing; null when it never fired. */
  firingSince: string | null;
}

export interface BreachCounts {
  samples: number;
  /** Distinct wall-clock minutes holding a violating sample. */
  minutes: number;
}

export interface SeriesViolations {
  labels: Record<string, string>;
  samples: number;
  violatingSamples: number;
  violatingMinutes: number;
  aboveMax: BreachCounts;
  belowMin: BreachCounts;
  intervals: ViolationInterval[];
}

export interface ViolationReport {
  slaId: number;
  /** The SLA revision the check ran against. */
  revision: number;
  window: SlaWindow;
  /** First and last sample instants of the window. */
  start: string;
  end: string;
  stepSeconds: number;
  /** This page's series, most violating samples first (then by series key). */
  series: SeriesViolations[];
  /** Series over all pages. */
  total: number;
  /** The cursor of the next page, null on the last. */
  next: string | null;
  /** Over every series the SLA selects, not only this page's. */
  totals: {
    series: number;
    /** Series with at least one violating sample. */
    violatingSeries: number;
    samples: number;
    violatingSamples: number;
    violatingMinutes: number;
    aboveMax: BreachCounts;
    belowMin: BreachCounts;
    intervals: number;
    firedIntervals: number;
  };
}
