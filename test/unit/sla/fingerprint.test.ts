import { describe, expect, it } from 'vitest';
import { slaFingerprint } from '../../../sla/fingerprint.ts';

const sla = {
  metric: 'node_filefd_allocated',
  matchers: [{ label: 'job', op: '=' as const, value: 'host' }],
  min: null,
  max: 5000,
};

describe('slaFingerprint', () => {
  it('changes with the selector and the bounds, and only with them', () => {
    const base = slaFingerprint(sla);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(slaFingerprint({ ...sla })).toBe(base);
    expect(slaFingerprint({ ...sla, name: 'renamed', forSeconds: 600 } as typeof sla)).toBe(base);
    const changed = [
      { ...sla, metric: 'node_filefd_maximum' },
      { ...sla, max: 5001 },
      { ...sla, min: 0 },
      { ...sla, matchers: [{ label: 'job', op: '=~' as const, value: 'host' }] },
      { ...sla, matchers: [{ label: 'job', op: '=' as const, value: 'hosts' }] },
      { ...sla, matchers: [] },
    ].map(slaFingerprint);
    expect(new Set([base, ...changed]).size).toBe(changed.length + 1);
  });
});
