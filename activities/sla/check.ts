import type { PrometheusDriver } from 'prometheus-query';
import { vigilFailure } from '../../contracts/errors.ts';
import { pageOf } from '../../contracts/paging.ts';
import {
  SLA_STEP_SECONDS,
  SLA_WINDOWS,
  VIOLATION_PAGE,
  VIOLATION_PAGE_MAX,
  type ViolationCheckInput,
  type ViolationReport,
} from '../../contracts/sla.ts';
import type { Executor } from '../../drizzle/db.ts';
import { getSla } from '../../drizzle/repositories/slas.ts';
import { breachingSamples, candidatesOf } from '../../prometheus/sla-samples.ts';
import { type WindowStatsCache, windowStats } from '../../prometheus/window-stats.ts';
import { seriesViolations, totalsOf } from '../../sla/violations.ts';

export interface SlaActivityDeps {
  db: Executor;
  prom: PrometheusDriver;
  /** Per-series statistics of past pieces of windows, shared by every check of this worker. */
  pieces?: WindowStatsCache;
}

function validInput(input: ViolationCheckInput): Date {
  const end = new Date(input.end);
  if (!Number.isSafeInteger(input.slaId) || input.slaId < 1) {
    throw vigilFailure('INVALID_INPUT', `slaId must be a positive integer, got ${input.slaId}`);
  }
  if (!Object.hasOwn(SLA_WINDOWS, input.window)) {
    throw vigilFailure('INVALID_INPUT', `window must be one of ${Object.keys(SLA_WINDOWS).join(', ')}`);
  }
  const limit = input.limit ?? VIOLATION_PAGE;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > VIOLATION_PAGE_MAX) {
    throw vigilFailure(
      'INVALID_INPUT',
      `limit must be an integer from 1 to ${VIOLATION_PAGE_MAX}, got ${limit}`,
    );
  }
  if (input.next !== undefined && typeof input.next !== 'string') {
    throw vigilFailure('INVALID_INPUT', 'next must be the `next` of a previous report');
  }
  if (Number.isNaN(end.getTime()) || end.getTime() % 60_000 !== 0) {
    throw vigilFailure(
      'INVALID_INPUT',
      `end must be an ISO-8601 instant on a whole minute, got ${input.end}`,
    );
  }
  return end;
}

/**
 * The violation check's one activity: reads the SLA as it is now, evaluates its series at 1 minute over the
 * window ending at `end` (window / step evaluations: the first one step after end − window, the last at end) and
 * counts, in two steps whatever the number of series: each series' number of samples and raw extremes (a few
 * numbers per series, counted inside Prometheus; past pieces of the window come from the worker's cache), then the
 * samples outside the bounds of only the series whose extremes pass them, from which every violation count and
 * interval follows exactly. One activity rather than load + fetch + compute: the API waits for it, and every
 * activity task is a round trip through Temporal. Only the totals and one page of series go into history, never
 * samples.
 */
export function createSlaActivities(deps: SlaActivityDeps) {
  return {
    async checkViolations(input: ViolationCheckInput): Promise<ViolationReport> {
      const end = validInput(input);
      let sla: Awaited<ReturnType<typeof getSla>>;
      try {
        sla = await getSla(deps.db, input.slaId);
      } catch (err) {
        throw vigilFailure('DATABASE_UNAVAILABLE', `reading SLA ${input.slaId}: ${(err as Error).message}`);
      }
      if (!sla) throw vigilFailure('NOT_FOUND', `no SLA with id ${input.slaId}`);
      if (input.revision !== undefined && sla.revision !== input.revision) {
        throw vigilFailure(
          'REVISION_CHANGED',
          `SLA ${sla.id} is at revision ${sla.revision}, not ${input.revision} as asked`,
        );
      }
      const stepMs = SLA_STEP_SECONDS * 1000;
      const start = new Date(end.getTime() - SLA_WINDOWS[input.window] * 1000 + stepMs);
      const sampling = { prom: deps.prom, metric: sla.metric, matchers: sla.matchers, start, end };
      const stepped = { ...sampling, stepSeconds: SLA_STEP_SECONDS };
      const counts = await windowStats(stepped, deps.pieces);
      const breaching = await breachingSamples(stepped, sla, candidatesOf(counts, sla));
      deps.pieces?.fillWanted();
      const breachesOf = new Map(breaching.map((s) => [s.key, s]));
      const series = counts.map((c) => {
        const b = breachesOf.get(c.key);
        return {
          key: c.key,
          ...seriesViolations(c.labels, b?.points ?? [], sla, SLA_STEP_SECONDS, sla.forSeconds),
          samples: c.count - (b?.nonFinite ?? 0),
        };
      });
      const page = pageOf(
        series,
        (s) => [-s.violatingSamples, s.key],
        [sla.id, sla.revision, input.window, input.end],
        { limit: input.limit ?? VIOLATION_PAGE, next: input.next },
        () => vigilFailure('INVALID_INPUT', 'next is not a cursor of this check (or the SLA changed since)'),
      );
      return {
        slaId: sla.id,
        revision: sla.revision,
        window: input.window,
        start: start.toISOString(),
        end: end.toISOString(),
        stepSeconds: SLA_STEP_SECONDS,
        series: page.items.map(({ key: _, ...s }) => s),
        total: series.length,
        next: page.next,
        totals: totalsOf(series),
      };
    },
  };
}

export type SlaActivities = ReturnType<typeof createSlaActivities>;
