import { describe, expect, it } from 'vitest';
import { MinuteCache } from '../../../../api/sla/minute-cache.ts';

describe('MinuteCache', () => {
  it('shares one load per key and minute, including concurrent requests', async () => {
    const cache = new MinuteCache<number>();
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get(60_000, 'k', load), cache.get(60_000, 'k', load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    expect(await cache.get(60_000, 'other', load)).toBe(2);
  });

  it('loads again in a new minute', async () => {
    const cache = new MinuteCache<number>();
    let loads = 0;
    await cache.get(60_000, 'k', async () => ++loads);
    expect(await cache.get(120_000, 'k', async () => ++loads)).toBe(2);
  });

  it('does not keep failures', async () => {
    const cache = new MinuteCache<number>();
    await expect(cache.get(60_000, 'k', async () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    expect(await cache.get(60_000, 'k', async () => 7)).toBe(7);
  });

  it('stays bounded', async () => {
    const cache = new MinuteCache<number>(2);
    let loads = 0;
    for (const k of ['a', 'b', 'c']) await cache.get(60_000, k, async () => ++loads);
    expect(await cache.get(60_000, 'a', async () => ++loads)).toBe(4);
  });
});
