import { createHash } from 'node:crypto';
import { VIOLATION_PAGE, type ViolationCheckInput } from './sla.ts';

// Apart from sla.ts because workflow code imports sla.ts, and Temporal's workflow bundle has no node:crypto.

/**
 * The deterministic workflow id: identical requests (same SLA revision, window and end minute) share one
 * execution, running or finished. A page other than the first default one is its own execution (its size and a
 * hash of its cursor are appended).
 */
export function violationWorkflowId(input: ViolationCheckInput): string {
  const revision = input.revision !== undefined ? `-r${input.revision}` : '';
  const minute = `${input.end.slice(0, 16)}Z`;
  const limit = input.limit !== undefined && input.limit !== VIOLATION_PAGE ? `-l${input.limit}` : '';
  const page = input.next ? `-p${createHash('sha256').update(input.next).digest('hex').slice(0, 12)}` : '';
  return `violations-${input.slaId}${revision}-${input.window}-${minute}${limit}${page}`;
}

/**
 * The backfill of one SLA's per-minute counts under one fingerprint (sla/fingerprint.ts): started again for the
 * same selector and bounds, it attaches to the one execution instead of counting a month twice.
 */
export function sloMinutesWorkflowId(slaId: number, fingerprint: string): string {
  return `slo-minutes-${slaId}-${fingerprint}`;
}
