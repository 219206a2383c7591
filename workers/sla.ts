import { fileURLToPath } from 'node:url';
import { type NativeConnection, Worker } from '@temporalio/worker';
import { createSlaActivities } from '../activities/sla/check.ts';
import { type Env, loadConfigOrExit } from '../config/index.ts';
import { type Database, openDatabase } from '../drizzle/db.ts';
import { componentLogger } from '../observability/logger.ts';
import { prometheusDriver } from '../prometheus/client.ts';
import { runningWorker, runProcess } from '../runtime/lifecycle.ts';
import { connectWorker } from './temporal.ts';

const log = componentLogger('sla-worker');

export const SLA_WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/sla/index.ts', import.meta.url));

/**
 * The SLA worker: on-demand violation-check workflows and their activity, on their own task queue so that a
 * burst of checks never waits behind pipeline cycles (and a busy pipeline never delays an API caller).
 */
export function createSlaWorker(env: Env, database: Database, connection: NativeConnection): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.VIGIL_SLA_TASK_QUEUE,
    workflowsPath: SLA_WORKFLOWS_PATH,
    activities: createSlaActivities({
      db: database.db,
      prom: prometheusDriver(env.PROMETHEUS_URL, 15_000),
    }),
  });
}

/** `vigil worker sla`: serves /metrics on VIGIL_WORKER_METRICS_PORT + 4. */
export async function run(): Promise<void> {
  const env = loadConfigOrExit();
  const database = openDatabase(env.MYSQL_URL, { connectionLimit: 8 });
  const connection = await connectWorker(env);
  await runProcess({
    env,
    name: 'sla worker',
    role: 'sla',
    metrics: 'sla',
    log,
    start: async () => runningWorker(await createSlaWorker(env, database, connection)),
    closers: [() => database.close(), () => connection.close()],
    started: { taskQueue: env.VIGIL_SLA_TASK_QUEUE },
  });
}
