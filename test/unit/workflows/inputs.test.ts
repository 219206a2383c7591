import { describe, expect, it } from 'vitest';
import { violationCheckInputSchema } from '../../../workflows/inputs.ts';

describe('violationCheckInputSchema', () => {
  const base = { slaId: 7, window: '12h', end: '2026-11-30T12:00:00.000Z' };

  it('accepts what the violations route starts: the first page, and a later page with its size and cursor', () => {
    expect(violationCheckInputSchema.safeParse(base).success).toBe(true);
    expect(violationCheckInputSchema.safeParse({ ...base, limit: 500, next: 'abc' }).success).toBe(true);
  });

  it('refuses a page size the route refuses, and unknown fields', () => {
    expect(violationCheckInputSchema.safeParse({ ...base, limit: 0 }).success).toBe(false);
    expect(violationCheckInputSchema.safeParse({ ...base, limit: 501 }).success).toBe(false);
    expect(violationCheckInputSchema.safeParse({ ...base, page: 2 }).success).toBe(false);
  });
});
