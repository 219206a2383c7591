import { decodeAnalysisMessage } from '../../contracts/analysis-message.ts';
import { clip } from '../../drizzle/codec.ts';
import { type MappedRun, mapAnalysisMessage, rowCount } from '../../drizzle/mapping.ts';
import type { DeadLetterRow } from '../../drizzle/repositories/analysis-store.ts';
import type { DeadLetterReason } from '../../drizzle/schema.ts';

/** The part of a kafkajs message the drain reads. */
export interface KafkaRecord {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  /** Milliseconds since the epoch, as a string (kafkajs). */
  timestamp: string;
}

export interface BatchSource {
  topic: string;
  partition: number;
  consumerGroup: string;
  receivedAt: Date;
}

export interface PreparedBatch {
  runs: MappedRun[];
  deadLetters: DeadLetterRow[];
  /** Rows the runs would write if none is a duplicate. */
  rows: number;
}

const DETAIL_CHARS = 16_000;

/**
 * Decodes and maps a batch; pure, never throws for a bad record. Bad JSON, an unknown schema version, a failed
 * validation or a value the database cannot hold each become a dead-letter row carrying the record, so the
 * batch (and the partition) moves on and nothing is dropped silently.
 */
export function prepareBatch(records: readonly KafkaRecord[], source: BatchSource): PreparedBatch {
  const runs: MappedRun[] = [];
  const deadLetters: DeadLetterRow[] = [];
  let rows = 0;
  for (const record of records) {
    const offset = Number(record.offset);
    const decoded = decodeAnalysisMessage(record.value);
    if (!decoded.ok) {
      deadLetters.push(deadLetter(record, source, decoded.reason, decoded.detail));
      continue;
    }
    const mapped = mapAnalysisMessage(
      decoded.message,
      { topic: source.topic, partition: source.partition, offset },
      source.receivedAt,
    );
    if (!mapped.ok) {
      deadLetters.push(deadLetter(record, source, 'UNSTORABLE', mapped.detail));
      continue;
    }
    runs.push(mapped.mapped);
    rows += rowCount(mapped.mapped);
  }
  return { runs, deadLetters, rows };
}

export function deadLetter(
  record: KafkaRecord,
  source: BatchSource,
  reason: DeadLetterReason,
  detail: string,
): DeadLetterRow {
  const ts = Number(record.timestamp);
  return {
    topic: source.topic,
    kafkaPartition: source.partition,
    kafkaOffset: Number(record.offset),
    consumerGroup: source.consumerGroup,
    reason,
    detail: clip(detail, DETAIL_CHARS),
    recordKey: record.key,
    payload: record.value,
    // Producer clocks can be anything; an out-of-range timestamp must not make the dead letter itself fail.
    recordTimestamp: Number.isFinite(ts) && ts > 0 && ts < Date.UTC(9999, 0, 1) ? new Date(ts) : null,
    receivedAt: source.receivedAt,
  };
}
