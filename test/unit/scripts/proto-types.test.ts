import { describe, expect, it } from 'vitest';
import { drift } from '../../../scripts/proto-types.ts';

describe('generated proto types', () => {
  it('are what the proto generates today (run `tsx scripts/proto-types.ts` after changing the proto)', () => {
    expect(drift()).toEqual([]);
  });
});
