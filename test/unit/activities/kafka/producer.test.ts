import { describe, expect, it } from 'vitest';
import { groupBySize, type OutgoingMessage } from '../../../../activities/kafka/producer.ts';

const message = (i: number, bytes: number): OutgoingMessage => ({
  id: `c:${i}`,
  key: `k${i}`,
  value: Buffer.alloc(bytes),
});

describe('groupBySize', () => {
  it('keeps the order and puts no more than the budget in one send, framing included', () => {
    const messages = Array.from({ length: 30 }, (_, i) => message(i, 90_000 + i * 1000));
    const groups = groupBySize(messages, 1_000_000);
    expect(groups.flat()).toEqual(messages);
    for (const g of groups) {
      expect(g.reduce((n, m) => n + m.value.length + m.key.length + m.id.length, 0)).toBeLessThanOrEqual(
        1_000_000,
      );
    }
    // 90-119 kB each, 3.1 MB in all: at most ten per send, and as few sends as the sizes allow (four).
    expect(groups.every((g) => g.length <= 10)).toBe(true);
    expect(groups).toHaveLength(4);
  });

  it('sends a message over the budget alone, between its neighbours', () => {
    const messages = [message(0, 10), message(1, 2_000_000), message(2, 10)];
    expect(groupBySize(messages, 1_000_000).map((g) => g.map((m) => m.id))).toEqual([
      ['c:0'],
      ['c:1'],
      ['c:2'],
    ]);
  });
});
