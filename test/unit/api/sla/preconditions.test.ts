import { describe, expect, it } from 'vitest';
import { BadRequest, PreconditionFailed } from '../../../../api/sla/errors.ts';
import { checkIfMatch, parseIfMatch } from '../../../../api/sla/preconditions.ts';

describe('parseIfMatch', () => {
  it('reads *, one entity tag, a list, weak tags and repeated headers', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    // Node's HTTP parser strips the whitespace around a field value, so '*' is what arrives for ' * '.
    expect(parseIfMatch('*')).toBe('any');
    expect(parseIfMatch('"3"')).toEqual(new Set([3]));
    expect(parseIfMatch('"3", W/"5" ,"8"')).toEqual(new Set([3, 5, 8]));
    expect(parseIfMatch(['"1"', '"2"'])).toEqual(new Set([1, 2]));
  });

  it.each(['', '3', '"x"', '"1",', 'W/3', '"12345678901"', '*, "1"'])('refuses %j with a 400', (bad) => {
    expect(() => parseIfMatch(bad)).toThrow(BadRequest);
  });
});

describe('checkIfMatch', () => {
  it('passes without a precondition, for *, and for a listed revision; 412 with the current one otherwise', () => {
    expect(() => checkIfMatch(undefined, 1, 4)).not.toThrow();
    expect(() => checkIfMatch('any', 1, 4)).not.toThrow();
    expect(() => checkIfMatch(new Set([2, 4]), 1, 4)).not.toThrow();
    let err: unknown;
    try {
      checkIfMatch(new Set([3]), 1, 4);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PreconditionFailed);
    expect((err as PreconditionFailed).statusCode).toBe(412);
    expect((err as PreconditionFailed).extensions).toEqual({ revision: 4 });
  });
});
