import type { PrometheusDriver } from 'prometheus-query';
import { vigilFailure } from '../../contracts/errors.ts';
import {
  SLA_STEP_SECONDS,
  SLA_WINDOWS,
  type ViolationCheckInput,
  type ViolationReport,
} from '../../contracts/sla.ts';
import type { Executor } from '../../drizzle/db.ts';
import { getSla } from '../../drizzle/repositories/slas.ts';
import { slaSamples } from './samples.ts';
import { seriesViolations, totalsOf } from './violations.ts';

export interface SlaActivityDeps {
  db: Executor;
  prom: PrometheusDriver;
}

function validInput(input: ViolationCheckInput): Date {
  const end = new Date(input.end);
  if (!Number.isSafeInteger(input.slaId) || input.slaId < 1) {
    throw vigilFailure('INVALID_INPUT', `slaId must be a positive integer, got ${input.slaId}`);
  }
  if (!Object.hasOwn(SLA_WINDOWS, input.window)) {
    throw vigilFailure('INVALID_INPUT', `window must be one of ${Object.keys(SLA_WINDOWS).join(', ')}`);
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
 * The violation check's one activity: reads the SLA as it is now, samples its series at 1 minute over the
 * window ending at `end` (window / step samples: the first one step after end − window, the last at end) and
 * counts. One activity rather than load + fetch + compute: the API waits for it, and every activity task is a
 * round trip through Temporal. Only counts and intervals go into history, never the samples.
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
      const stepMs = SLA_STEP_SECONDS * 1000;
      const start = new Date(end.getTime() - SLA_WINDOWS[input.window] * 1000 + stepMs);
      const sampled = await slaSamples(deps.prom, sla.metric, sla.matchers, start, end, SLA_STEP_SECONDS);
      const series = sampled.map((s) =>
        seriesViolations(s.labels, s.points, sla, SLA_STEP_SECONDS, sla.forSeconds),
      );
      return {
        slaId: sla.id,
        revision: sla.revision,
        window: input.window,
        start: start.toISOString(),
        end: end.toISOString(),
        stepSeconds: SLA_STEP_SECONDS,
        series,
        totals: totalsOf(series),
      };
    },
  };
}

export type SlaActivities = ReturnType<typeof createSlaActivities>;
