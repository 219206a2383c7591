import type { Client } from '@temporalio/client';
import type { PrometheusDriver } from 'prometheus-query';
import type { Database } from '../../drizzle/db.ts';

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
