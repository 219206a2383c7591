import { createHash } from 'node:crypto';
import type { SlaDefinition } from '../contracts/sla.ts';

/**
 * What an SLA's per-minute counts depend on (the selector and the bounds), as 16 hex characters: counts made under
 * another fingerprint are about another question and are recounted. Name, description, `for` and the objective
 * do not change which minutes are good.
 */
export function slaFingerprint(sla: Pick<SlaDefinition, 'metric' | 'matchers' | 'min' | 'max'>): string {
  const matchers = sla.matchers.map((m) => [m.label, m.op, m.value]);
  return createHash('sha256')
    .update(JSON.stringify([sla.metric, matchers, sla.min, sla.max]))
    .digest('hex')
    .slice(0, 16);
}
