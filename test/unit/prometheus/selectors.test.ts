import { describe, expect, it } from 'vitest';
import { formatMatcher, selector, seriesSelector } from '../../../prometheus/selectors.ts';

describe('PromQL selectors', () => {
  it('format a matcher as PromQL writes it', () => {
    expect(formatMatcher({ label: 'job', op: '=~', value: 'a"b\\.c' })).toBe('job=~"a\\"b\\\\.c"');
  });

  it('builds selectors with escaped values, so a catalog value cannot break out of its quotes', () => {
    expect(selector('m', [{ label: 'job', op: '=~', value: 'a|b' }])).toBe('m{job=~"a|b"}');
    expect(selector('m', [{ label: 'path', op: '=', value: 'x"} or vector(1) #' }])).toBe(
      'm{path="x\\"} or vector(1) #"}',
    );
    expect(seriesSelector('m', { b: '2', a: '1', __name__: 'm' })).toBe('m{a="1",b="2"}');
  });
});
