import type { Client } from '@temporalio/client';
import type { PrometheusDriver } from 'prometheus-query';
import type { Database } from '../../drizzle/db.ts';
import { classifyDbError } from '../../drizzle/errors.ts';
import { Unavailable, Unprocessable } from './errors.ts';

/** What the routes use, built once by server.ts (or a test) and handed to buildSlaApp. */
export interface SlaDeps {
  database: Database;
  temporal: Client;
  prom: PrometheusDriver;
  /** Where violation-check workflows run (the SLA worker's queue). */
  slaTaskQueue: string;
  /** How long a violation request waits for its workflow before answering 503. */
  checkTimeoutMs: number;
  /** How far back a violation check's `end` may lie (Prometheus's retention). */
  checkMaxAgeMs: number;
  /** Violation checks this process waits on at once (each may be a new workflow). */
  checksInFlight: number;
  /** The clock, for "now" windows; tests keep the real one and pin `end` instead. */
  now: () => Date;
}

/**
 * Runs a database call; a server that is away or busy becomes a 503 (the client may retry), anything else stays
 * an internal error.
 */
export async function fromDb<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const info = classifyDbError(err);
    if (info.kind === 'transient') throw new Unavailable(`MySQL is unavailable (${what}: ${info.code})`);
    throw err;
  }
}

/**
 * Runs a Prometheus call made through activities/prometheus (which raises Vigil's typed failures): a server
 * that is down or slow is a 503; a query Prometheus rejects (e.g. a regex RE2 does not accept) is the SLA's
 * fault, a 422.
 */
export async function fromPrometheus<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const type = (err as { type?: unknown }).type;
    if (type === 'PROMETHEUS_UNAVAILABLE') throw new Unavailable((err as Error).message);
    if (type === 'PROMETHEUS_QUERY_FAILED') throw new Unprocessable((err as Error).message);
    throw err;
  }
}
