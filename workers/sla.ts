import { fileURLToPath } from 'node:url';
import { type NativeConnection, Worker } from '@temporalio/worker';
import { createSlaActivities } from '../activities/sla/check.ts';
import { createNotifyActivities } from '../activities/sla/notify.ts';
import { createSloActivities } from '../activities/sla/slo-minutes.ts';
import { type Env, loadConfigOrExit } from '../config/index.ts';
import { sloTaskQueue } from '../contracts/slo.ts';
import { type Database, openDatabase } from '../drizzle/db.ts';
import { componentLogger } from '../observability/logger.ts';
import { registerWindowCacheMetrics } from '../observability/sla-metrics.ts';
import { prometheusDriver } from '../prometheus/client.ts';
import { WindowStatsCache } from '../prometheus/window-stats.ts';
import { runningWorker, runProcess } from '../runtime/lifecycle.ts';
import { ensureSloSchedule } from './schedule.ts';
import { connectClient, connectWorker } from './temporal.ts';

const log = componentLogger('sla-worker');

export const SLA_WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/sla/index.ts', import.meta.url));

/**
 * The SLA worker: on-demand violation-check workflows and their activity, on their own task queue so that a
 * burst of checks never waits behind pipeline cycles (and a busy pipeline never delays an API caller); and the
 * SLO counting workflows, with their every-minute schedule (created or updated at start).
 */
export function createSlaWorker(
  env: Env,
  database: Database,
  connection: NativeConnection,
  pieces = new WindowStatsCache(),
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.VIGIL_SLA_TASK_QUEUE,
    workflowsPath: SLA_WORKFLOWS_PATH,
    activities: createSlaActivities({
      db: database.db,
      prom: prometheusDriver(env.PROMETHEUS_URL, 15_000),
      pieces,
    }),
  });
}

/**
 * How many SLO counting activities one SLA worker runs at once. Counting is background work (a backfill reads up
 * to a month from Prometheus): on a queue of its own with this bound, it never delays an interactive violation
 * check in this worker, and a burst of new objectives cannot flood Prometheus.
 */
const SLO_ACTIVITIES = 2;

/** The SLO counting workflows and their activity, on `sloTaskQueue(env)`. */
export function createSloWorker(env: Env, database: Database, connection: NativeConnection): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: sloTaskQueue(env.VIGIL_SLA_TASK_QUEUE),
    workflowsPath: SLA_WORKFLOWS_PATH,
    maxConcurrentActivityTaskExecutions: SLO_ACTIVITIES,
    activities: {
      ...createSloActivities({
        db: database.db,
        prom: prometheusDriver(env.PROMETHEUS_URL, 30_000),
        now: () => new Date(),
      }),
      ...createNotifyActivities({ db: database.db, now: () => new Date() }),
    },
  });
}

/** `vigil worker sla`: serves /metrics on VIGIL_WORKER_METRICS_PORT + 4. */
export async function run(): Promise<void> {
  const env = loadConfigOrExit();
  const database = openDatabase(env.MYSQL_URL, { connectionLimit: 8 });
  const client = await connectClient(env);
  const schedule = await ensureSloSchedule(client, env);
  log.info({ scheduleId: env.VIGIL_SLO_SCHEDULE_ID, schedule }, 'schedule ready');
  const connection = await connectWorker(env);
  const pieces = new WindowStatsCache();
  registerWindowCacheMetrics(pieces);
  await runProcess({
    env,
    name: 'sla worker',
    role: 'sla',
    metrics: 'sla',
    log,
    start: async () =>
      runningWorker(
        await createSlaWorker(env, database, connection, pieces),
        await createSloWorker(env, database, connection),
      ),
    closers: [() => database.close(), () => client.connection.close(), () => connection.close()],
    started: { taskQueue: env.VIGIL_SLA_TASK_QUEUE },
  });
}
