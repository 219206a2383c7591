import { describe, expect, it } from 'vitest';
import type { LabelMatch } from '../../../contracts/label-matcher.ts';
import { labelFilter, regexProblem } from '../../../prometheus/label-matchers.ts';

const select = (labels: Record<string, string>, ...matchers: LabelMatch[]) => labelFilter(matchers)(labels);

describe('label matchers (PromQL semantics, RE2)', () => {
  it('match like Prometheus: anchored regexes, a missing label is the empty string', () => {
    const labels = { job: 'host', mountpoint: '/data' };
    expect(select(labels, { label: 'job', op: '=', value: 'host' })).toBe(true);
    expect(select(labels, { label: 'job', op: '=~', value: 'ho' })).toBe(false);
    expect(select(labels, { label: 'mountpoint', op: '=~', value: '/d.*' })).toBe(true);
    expect(select(labels, { label: 'device', op: '=', value: '' })).toBe(true);
    expect(select(labels, { label: 'device', op: '!=', value: '' })).toBe(false);
    expect(select(labels, { label: 'job', op: '!~', value: 'h.*' })).toBe(false);
    expect(select(labels, { label: 'job', op: '!=', value: 'x' })).toBe(true);
    expect(
      select(
        labels,
        { label: 'job', op: '=~', value: 'host|demo' },
        { label: 'mountpoint', op: '=', value: '/' },
      ),
    ).toBe(false);
    expect(select(labels)).toBe(true);
  });

  it('accept RE2 syntax JavaScript lacks, with RE2 meaning', () => {
    expect(regexProblem('(?i)DEMO')).toBeNull();
    expect(select({ job: 'demo' }, { label: 'job', op: '=~', value: '(?i)DEMO' })).toBe(true);
    expect(select({ job: 'DeMo' }, { label: 'job', op: '=~', value: '(?i)DEMO' })).toBe(true);
    // \p{L} is a Unicode letter class in RE2 (in JavaScript without the u flag it is a literal "p{L}").
    expect(select({ v: 'héllo' }, { label: 'v', op: '=~', value: '\\p{L}+' })).toBe(true);
    expect(select({ v: 'p{L}' }, { label: 'v', op: '=~', value: '\\p{L}+' })).toBe(false);
    expect(select({ v: 'a1' }, { label: 'v', op: '=~', value: '\\p{L}+' })).toBe(false);
    // Prometheus 2.x: `.` does not match a newline.
    expect(select({ v: 'a\nb' }, { label: 'v', op: '=~', value: 'a.b' })).toBe(false);
  });

  it('refuse what RE2 refuses: lookarounds, backreferences, a pattern that only compiles once anchored', () => {
    expect(regexProblem('(?=demo)demo')).toMatch(/Perl syntax/);
    expect(regexProblem('(a)\\1')).toMatch(/escape/);
    expect(regexProblem('a)|(b')).not.toBeNull();
    expect(regexProblem('x{1001}')).toMatch(/repeat/);
    expect(regexProblem('(')).not.toBeNull();
  });

  it('run a pathological pattern in linear time, with the right answer', () => {
    const pattern = '(?:.*){12}X';
    expect(regexProblem(pattern)).toBeNull();
    const value = 'a'.repeat(1024);
    expect(select({ instance: value }, { label: 'instance', op: '=~', value: pattern })).toBe(false);
    expect(select({ instance: `${value}X` }, { label: 'instance', op: '=~', value: pattern })).toBe(true);
    expect(select({ instance: value }, { label: 'instance', op: '!~', value: '(a|aa)+b' })).toBe(true);
  });
});
