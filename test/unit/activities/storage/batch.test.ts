import { describe, expect, it } from 'vitest';
import { type KafkaRecord, prepareBatch } from '../../../../activities/storage/batch.ts';
import { encodeAnalysisMessage } from '../../../../contracts/analysis-message.ts';
import { freshMessage } from '../../../support/analysis-messages.ts';

const source = { topic: 't', partition: 0, consumerGroup: 'g', receivedAt: new Date('2026-11-26T12:00:00Z') };
const good = (i: number) =>
  freshMessage({
    cycleId: 'c',
    labels: { instance: `h${i}` },
    windowEnd: new Date('2026-11-26T12:00:00Z'),
    seed: i,
  });
const record = (offset: number, value: Buffer | null, key: string | null = null): KafkaRecord => ({
  offset: String(offset),
  key: key === null ? null : Buffer.from(key),
  value,
  timestamp: String(Date.UTC(2026, 10, 26, 12)),
});

describe('prepareBatch', () => {
  it('maps good records and dead-letters each kind of bad one with its reason, offset and bytes', () => {
    const unknown = Buffer.from(JSON.stringify({ ...good(2), schema: 'vigil.analysis.v9' }));
    const { forecast: _, ...noForecast } = good(3);
    const invalid = Buffer.from(JSON.stringify(noForecast));
    const out = prepareBatch(
      [
        record(10, encodeAnalysisMessage(good(1)), 'k1'),
        record(11, Buffer.from('{oops'), 'k2'),
        record(12, unknown),
        record(13, invalid),
        record(14, null),
        record(15, encodeAnalysisMessage(good(4))),
      ],
      source,
    );
    expect(out.runs.map((r) => r.offset)).toEqual([10, 15]);
    expect(out.rows).toBe(2 * 58);
    expect(out.deadLetters.map((d) => [d.kafkaOffset, d.reason])).toEqual([
      [11, 'BAD_JSON'],
      [12, 'UNKNOWN_SCHEMA'],
      [13, 'INVALID'],
      [14, 'BAD_JSON'],
    ]);
    const [badJson] = out.deadLetters;
    expect(badJson).toMatchObject({
      topic: 't',
      kafkaPartition: 0,
      consumerGroup: 'g',
      receivedAt: source.receivedAt,
    });
    expect(badJson!.payload?.toString()).toBe('{oops');
    expect(badJson!.recordKey?.toString()).toBe('k2');
    expect(badJson!.recordTimestamp?.toISOString()).toBe('2026-11-26T12:00:00.000Z');
    expect(out.deadLetters[2]!.detail).toContain('forecast');
  });

  it('dead-letters a valid message the database could not hold as UNSTORABLE', () => {
    const m = good(5);
    m.produced_at = '0500-01-01T00:00:00Z';
    const out = prepareBatch([record(3, encodeAnalysisMessage(m))], source);
    expect(out.runs).toEqual([]);
    expect(out.deadLetters[0]).toMatchObject({ reason: 'UNSTORABLE', kafkaOffset: 3 });
  });
});
