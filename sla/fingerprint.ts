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

/**
 * A series' identity within an SLA's per-series counts, as 16 hex characters of its series key's SHA-256: a fixed
 * width key column, whatever the labels.
 */
export function seriesHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
