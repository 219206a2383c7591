import { describe, expect, it } from 'vitest';
import { causeChain, failureType, findCause, rootMessage } from '../../../contracts/cause-chain.ts';

const driver = Object.assign(new Error('Duplicate entry'), { errno: 1062 });
const wrapped = new Error('Failed query: insert …', { cause: driver });
const failure = Object.assign(new Error('workflow failed'), {
  cause: Object.assign(new Error('activity failed'), {
    cause: Object.assign(new Error('no SLA with id 7'), { type: 'NOT_FOUND' }),
  }),
});

describe('cause chains', () => {
  it('walk from the outermost error inwards', () => {
    expect(causeChain(wrapped)).toEqual([wrapped, driver]);
    expect(findCause(wrapped, (e) => e.errno === 1062)).toBe(driver);
    expect(findCause(wrapped, (e) => e.errno === 1213)).toBeUndefined();
  });

  it('name the failure type and the innermost message', () => {
    expect(failureType(failure)).toBe('NOT_FOUND');
    expect(failureType(wrapped)).toBeUndefined();
    expect(rootMessage(failure)).toBe('no SLA with id 7');
    expect(rootMessage('plain')).toBe('plain');
  });

  it('stop at a cause that points back, and at non-objects', () => {
    const a: { cause?: unknown } = {};
    const b = { cause: a };
    a.cause = b;
    expect(causeChain(a)).toEqual([a, b]);
    expect(causeChain(undefined)).toEqual([]);
    expect(causeChain(new Error('x', { cause: 'text' }))).toHaveLength(1);
  });
});
