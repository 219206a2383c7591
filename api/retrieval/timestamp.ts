import type { Timestamp } from './messages.ts';

/** DATETIME(3)'s range (years 1000..9999), which is what storage can hold and compare. */
export const STORABLE_MIN_MS = Date.UTC(1000, 0, 1);
export const STORABLE_MAX_MS = Date.UTC(10000, 0, 1) - 1;

/** google.protobuf.Timestamp ⇄ Date. Storage keeps milliseconds (DATETIME(3)), so nanos are whole milliseconds. */
export function toTimestamp(date: Date): Timestamp {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1_000_000 };
}

export function maybeTimestamp(date: Date | null | undefined): Timestamp | null {
  return date ? toTimestamp(date) : null;
}

/** Milliseconds since the epoch; nanos below a millisecond are dropped (storage cannot hold them). */
export function timestampMs(ts: Timestamp): number {
  return Number(ts.seconds) * 1000 + Math.floor(Number(ts.nanos) / 1_000_000);
}

export function fromTimestamp(ts: Timestamp): Date {
  return new Date(timestampMs(ts));
}
