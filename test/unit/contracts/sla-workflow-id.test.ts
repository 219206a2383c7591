import { describe, expect, it } from 'vitest';
import { violationWorkflowId } from '../../../contracts/sla-workflow-id.ts';

describe('violationWorkflowId', () => {
  it('is deterministic per SLA, window and minute', () => {
    const id = violationWorkflowId({ slaId: 7, window: '12h', end: '2025-01-01T12:34:00.000Z' });
    expect(id).toBe('violations-7-12h-2025-01-01T12:34Z');
    expect(
      violationWorkflowId({ slaId: 7, window: '12h', end: '2025-01-01T12:34:00.000Z', limit: 100 }),
    ).toBe(id);
  });

  it('gives every other page its own execution', () => {
    const base = { slaId: 7, window: '12h', end: '2025-01-01T12:34:00.000Z' } as const;
    const small = violationWorkflowId({ ...base, limit: 10 });
    const second = violationWorkflowId({ ...base, limit: 10, next: 'abc' });
    const third = violationWorkflowId({ ...base, limit: 10, next: 'abd' });
    expect(small).toBe('violations-7-12h-2025-01-01T12:34Z-l10');
    expect(second).toMatch(/^violations-7-12h-2025-01-01T12:34Z-l10-p[0-9a-f]{12}$/);
    expect(new Set([small, second, third]).size).toBe(3);
  });

  it('names the SLA revision it checks, so a changed SLA is never answered from an older result', () => {
    const base = { slaId: 7, window: '1h', end: '2025-01-01T12:34:00.000Z' } as const;
    expect(violationWorkflowId({ ...base, revision: 3 })).toBe('violations-7-r3-1h-2025-01-01T12:34Z');
    expect(violationWorkflowId({ ...base, revision: 4 })).not.toBe(
      violationWorkflowId({ ...base, revision: 3 }),
    );
  });
});
