import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildSlaApp } from '../../api/sla/app.ts';
import { slaDepsFromEnv } from '../../api/sla/deps.ts';
import type { Env } from '../../config/index.ts';
import { defaultTsdb, waitForBlocks, writeBlocks } from '../../demo/backfill.ts';
import { type FleetOptions, fleetHistory } from '../../demo/fleet.ts';
import { type Database, openDatabase } from '../../drizzle/db.ts';
import { createSlaWorker, createSloWorker } from '../../workers/sla.ts';
import { uniqueName } from './env.ts';

/**
 * The SLA manager on the real test stack: the Fastify app (exercised with app.inject), a real SLA worker in
 * this process on its own task queue, MySQL, Prometheus and Temporal.
 */

export const TEST_TOKEN = 'sla-test-token-0123456789';

export interface SlaHarness {
  app: FastifyInstance;
  env: Env;
  database: Database;
  temporal: Client;
  stop: () => Promise<void>;
}

export interface SlaHarnessOptions {
  openReads?: boolean;
  rateLimitPerMinute?: number;
  now?: () => Date;
  /** Start no SLA worker (violation checks then time out). */
  withoutWorker?: boolean;
  checkTimeoutMs?: number;
  checksInFlight?: number;
  /** A pino logger for the app's request log (none by default). */
  loggerInstance?: FastifyBaseLogger;
}

export async function startSla(base: Env, options: SlaHarnessOptions = {}): Promise<SlaHarness> {
  const env: Env = { ...base, VIGIL_SLA_TASK_QUEUE: uniqueName('sla') };
  const database = openDatabase(env.MYSQL_URL, { connectionLimit: 8 });
  const workerConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const workers: Worker[] = options.withoutWorker
    ? []
    : [
        await createSlaWorker(env, database, workerConnection),
        await createSloWorker(env, database, workerConnection),
      ];
  const running = workers.map((w) => w.run());
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const app = await buildSlaApp(
    {
      ...slaDepsFromEnv(env, database, temporal),
      checkTimeoutMs: options.checkTimeoutMs ?? 20_000,
      ...(options.checksInFlight ? { checksInFlight: options.checksInFlight } : {}),
      ...(options.now ? { now: options.now } : {}),
    },
    {
      apiToken: TEST_TOKEN,
      openReads: options.openReads ?? true,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
      ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : {}),
    },
  );
  return {
    app,
    env,
    database,
    temporal,
    stop: async () => {
      await app.close();
      for (const w of workers) w.shutdown();
      await Promise.allSettled(running);
      await connection.close();
      await workerConnection.close();
      await database.close();
    },
  };
}

export const auth = { authorization: `Bearer ${TEST_TOKEN}` };

/**
 * Writes a fleet (demo/fleet.ts) into the test Prometheus through promtool and waits until every block is loaded
 * (the first host's whole history is visible).
 */
export async function backfillFleet(env: Env, options: FleetOptions): Promise<void> {
  await writeBlocks(fleetHistory(options), defaultTsdb());
  const probe = `count_over_time(${options.metric}{job="${options.job}",host="h1"}[${options.hours}h]) >= ${options.hours * 60 - 1}`;
  const loaded = await waitForBlocks(env.PROMETHEUS_URL, probe, new Date(options.end * 1000), 180_000);
  if (!loaded) throw new Error(`Prometheus did not load the fleet ${options.metric} within 3 minutes`);
}

/** POSTs `payload` through the app as the test token and returns the body of its 201 (anything else fails). */
export async function created(
  app: FastifyInstance,
  url: string,
  payload: Record<string, unknown>,
): Promise<Record<string, unknown> & { id: number }> {
  const res = await app.inject({ method: 'POST', url, headers: auth, payload });
  if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/**
 * The fleet the notification tests watch burn: `job`'s 5 hosts of `metric` over 8 hours up to `endS`, host 4 above
 * slaWithTargets' max of 5,000 for the last hour.
 */
export function backfillBurningFleet(env: Env, metric: string, job: string, endS: number): Promise<void> {
  return backfillFleet(env, {
    metric,
    job,
    hosts: 5,
    end: endS,
    hours: 8,
    episodes: [{ host: 4, from: endS - 3600 + 60, to: endS, value: 6000 }],
  });
}

/**
 * What the notification tests start from: an SLA over `job`'s fleet of `metric` (max 5,000, for 5m), and two
 * targets scoped to it, the test stack's Alertmanager and the test's webhook receiver at `hookUrl` signing with
 * `secret`.
 */
export async function slaWithTargets(
  app: FastifyInstance,
  o: { name: string; metric: string; job: string; alertmanagerUrl: string; hookUrl: string; secret: string },
) {
  const sla = await created(app, '/slas', {
    name: o.name,
    metric: o.metric,
    matchers: [{ label: 'job', value: o.job }],
    max: 5000,
    for: '5m',
  });
  const am = await created(app, '/notification-targets', {
    name: uniqueName('am'),
    kind: 'alertmanager',
    url: o.alertmanagerUrl,
    slaIds: [sla.id],
  });
  const hook = await created(app, '/notification-targets', {
    name: uniqueName('hook'),
    kind: 'webhook',
    url: o.hookUrl,
    secret: o.secret,
    slaIds: [sla.id],
  });
  return { sla, am, hook };
}
