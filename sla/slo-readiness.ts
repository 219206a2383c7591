import type { SlaDefinition } from '../contracts/sla.ts';
import type { BudgetReport } from '../contracts/slo.ts';
import { slaFingerprint } from './fingerprint.ts';

/**
 * Whether an SLA's stored objective evaluation answers for the SLA as it is now. The one decision behind the REST
 * reads (404 / 409 / 503) and the gRPC ones (NOT_FOUND / FAILED_PRECONDITION / UNAVAILABLE): each edge words and
 * codes the outcome its own way, but both refuse the same cases.
 */
export type SloReadiness<S> =
  | { kind: 'missing' }
  /** The SLA exists but has no objective to evaluate. */
  | { kind: 'no-objective'; sla: SlaDefinition }
  /** Not evaluated yet, or evaluated under another selector or bounds: its minutes are being (re)counted. */
  | { kind: 'counting'; sla: SlaDefinition }
  /** Evaluated against an objective (target, window) that has since changed; the next run evaluates the new one. */
  | { kind: 'objective-changed'; sla: SlaDefinition }
  | { kind: 'current'; sla: SlaDefinition; status: S };

/** Stored with counts made under another fingerprint: a listing shows it flagged rather than hiding it. */
export function isStaleSloStatus(sla: SlaDefinition, status: { fingerprint: string }): boolean {
  return status.fingerprint !== slaFingerprint(sla);
}

export function sloReadiness<S extends { fingerprint: string; report: BudgetReport }>(
  sla: SlaDefinition | undefined,
  status: S | undefined,
): SloReadiness<S> {
  if (!sla) return { kind: 'missing' };
  if (!sla.objective) return { kind: 'no-objective', sla };
  if (!status || isStaleSloStatus(sla, status)) return { kind: 'counting', sla };
  const { objective } = status.report;
  if (objective.target !== sla.objective.target || objective.window !== sla.objective.window) {
    return { kind: 'objective-changed', sla };
  }
  return { kind: 'current', sla, status };
}

/**
 * Whether a page of an SLA's per-series evaluations answers for its current evaluation `status` (REST and gRPC
 * alike): rows of a previous selector or bounds stay until the next counting run replaces them, and no row on the
 * first page while the SLA has events means its series have not been evaluated yet (no event at all: no series).
 */
export function seriesEvaluated(
  status: { fingerprint: string; report: BudgetReport },
  rows: ReadonlyArray<{ fingerprint: string }>,
  firstPage: boolean,
): boolean {
  const events = status.report.events.good + status.report.events.bad;
  return (
    rows.every((r) => r.fingerprint === status.fingerprint) && !(rows.length === 0 && firstPage && events > 0)
  );
}
