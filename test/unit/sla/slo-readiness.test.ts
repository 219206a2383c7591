import { describe, expect, it } from 'vitest';
import type { SlaDefinition } from '../../../contracts/sla.ts';
import { budgetReport } from '../../../sla/budget.ts';
import { slaFingerprint } from '../../../sla/fingerprint.ts';
import { objectiveWindow } from '../../../sla/objective-window.ts';
import { isStaleSloStatus, sloReadiness } from '../../../sla/slo-readiness.ts';

const at = new Date('2026-11-30T12:00:00Z');
const objective = { target: 0.99, window: '7d' as const };
const sla: SlaDefinition = {
  id: 7,
  name: 'fd',
  description: '',
  metric: 'node_filefd_allocated',
  matchers: [],
  min: null,
  max: 5000,
  forSeconds: 300,
  objective,
  revision: 1,
  createdAt: at.toISOString(),
  updatedAt: at.toISOString(),
};
const zero = { good: 0, bad: 0 };
const report = budgetReport(objective, objectiveWindow('7d', at), {
  at,
  window: { good: 90, bad: 10, minutes: 100 },
  burn: { '5m': zero, '30m': zero, '1h': zero, '6h': zero, '3d': zero },
  recent: { good: 5, bad: 0 },
});
const status = { fingerprint: slaFingerprint(sla), report };

describe('sloReadiness: whether a stored evaluation answers for the SLA as it is now', () => {
  it('refuses a missing SLA, one without objective, and one not (or differently) counted yet', () => {
    expect(sloReadiness(undefined, status).kind).toBe('missing');
    expect(sloReadiness({ ...sla, objective: null }, status).kind).toBe('no-objective');
    expect(sloReadiness(sla, undefined).kind).toBe('counting');
    expect(sloReadiness({ ...sla, max: 6000 }, status).kind).toBe('counting');
    expect(sloReadiness({ ...sla, objective: { ...objective, target: 0.999 } }, status).kind).toBe(
      'objective-changed',
    );
    expect(sloReadiness({ ...sla, objective: { ...objective, window: '28d' } }, status).kind).toBe(
      'objective-changed',
    );
  });

  it('answers with the stored status otherwise; renaming does not make it stale', () => {
    expect(sloReadiness({ ...sla, name: 'renamed', forSeconds: 600 }, status)).toMatchObject({
      kind: 'current',
      status,
    });
    expect(isStaleSloStatus(sla, status)).toBe(false);
    expect(isStaleSloStatus({ ...sla, metric: 'other' }, status)).toBe(true);
  });
});
