import type { Client } from '@temporalio/client';
import type { PrometheusDriver } from 'prometheus-query';
import type { Env } from '../../config/index.ts';
import type { Database } from '../../drizzle/db.ts';
import { prometheusDriver } from '../../prometheus/client.ts';

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
  /** The Temporal Web UI the dashboard links workflows to. */
  temporalUiUrl: string;
  /** The clock, for "now" windows; tests keep the real one and pin `end` instead. */
  now: () => Date;
}

/**
 * The SLA manager's dependencies as configured: the one wiring that the server, the tests and the benchmarks
 * share (they override what they measure or pin, e.g. the clock or the check timeout).
 */
export function slaDepsFromEnv(env: Env, database: Database, temporal: Client): SlaDeps {
  return {
    database,
    temporal,
    prom: prometheusDriver(env.PROMETHEUS_URL, 15_000),
    slaTaskQueue: env.VIGIL_SLA_TASK_QUEUE,
    checkTimeoutMs: env.VIGIL_REST_CHECK_TIMEOUT,
    checkMaxAgeMs: env.VIGIL_REST_CHECK_MAX_AGE,
    checksInFlight: env.VIGIL_REST_CHECKS_IN_FLIGHT,
    temporalUiUrl: env.VIGIL_TEMPORAL_UI_URL ?? `http://127.0.0.1:${env.VIGIL_TEMPORAL_UI_PORT}`,
    now: () => new Date(),
  };
}
