import { describe, expect, it } from 'vitest';
import { cycleWindow } from '../../../../activities/pipeline/plan-cycle.ts';

const catalog = { lookbackSeconds: 86_400, stepSeconds: 60, batchSize: 200, metrics: [] };

describe('cycle window', () => {
  it('ends on a step boundary and spans the lookback', () => {
    const w = cycleWindow(catalog, new Date('2026-11-26T10:07:42.123Z'));
    expect(w).toEqual({
      start: '2026-11-25T10:07:00.000Z',
      end: '2026-11-26T10:07:00.000Z',
      stepSeconds: 60,
    });
  });
});
