import { describe, expect, it } from 'vitest';
import { pageOf } from '../../../contracts/paging.ts';

const items = Array.from({ length: 25 }, (_, i) => ({ name: `s${String(i).padStart(2, '0')}`, bad: i % 4 }));
const worstFirst = (s: (typeof items)[number]) => [-s.bad, s.name];
const invalid = () => new Error('invalid cursor');

describe('pageOf', () => {
  it('returns every item exactly once, in key order, over all pages', () => {
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const page = pageOf(items, worstFirst, ['q', 1], { limit: 7, next }, invalid);
      seen.push(...page.items.map((s) => s.name));
      next = page.next ?? undefined;
      pages++;
    } while (next);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen.slice(0, 3)).toEqual(['s03', 's07', 's11']);
    expect(seen.at(-1)).toBe('s24');
  });

  it('has no next on an exactly full last page', () => {
    expect(pageOf(items, worstFirst, 'q', { limit: 25 }, invalid).next).toBeNull();
    expect(pageOf([], worstFirst, 'q', { limit: 5 }, invalid)).toEqual({ items: [], next: null });
  });

  it('resumes after the last key even when an item arrives between two pages', () => {
    const first = pageOf(items, worstFirst, 'q', { limit: 5 }, invalid);
    const more = [...items, { name: 's00a', bad: 3 }];
    const second = pageOf(more, worstFirst, 'q', { limit: 5, next: first.next! }, invalid);
    expect(second.items.map((s) => s.name)).not.toContain(first.items.at(-1)!.name);
    expect(second.items[0]!.name).toBe('s23');
  });

  it('refuses a cursor of another query or a forged one', () => {
    const first = pageOf(items, worstFirst, 'q', { limit: 5 }, invalid);
    expect(() => pageOf(items, worstFirst, 'other', { limit: 5, next: first.next! }, invalid)).toThrow(
      'invalid cursor',
    );
    expect(() => pageOf(items, worstFirst, 'q', { limit: 5, next: 'bm90LWpzb24' }, invalid)).toThrow(
      'invalid cursor',
    );
    const forged = Buffer.from(JSON.stringify(['x', [{}]])).toString('base64url');
    expect(() => pageOf(items, worstFirst, 'q', { limit: 5, next: forged }, invalid)).toThrow(
      'invalid cursor',
    );
  });
});
