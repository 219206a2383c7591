import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { type Env, loadConfigOrExit } from '../config/index.ts';
import { type Database, openDatabase } from '../drizzle/db.ts';
import { applyMigrations } from '../drizzle/migrate.ts';
import { createSlaWorker, createSloWorker } from '../workers/sla.ts';

/**
 * What the SLA and SLO benchmarks run in their own process against the running stack: the schema migrated, a
 * database pool, a Temporal client, and one SLA-side worker (`sla`: violation checks; `slo`: the SLO counting and
 * notification workflows) on a task queue of its own, so that a bench never shares work with the stack's workers.
 */
export interface BenchWorker {
  /** The stack's environment, with the bench's own SLA task queue. */
  env: Env;
  taskQueue: string;
  database: Database;
  temporal: Client;
  /** Stops the worker and closes every connection. */
  close: () => Promise<void>;
}

export async function startBenchWorker(kind: 'sla' | 'slo'): Promise<BenchWorker> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stack = loadConfigOrExit();
  const taskQueue = `vigil-${kind}-bench-${Date.now().toString(36)}`;
  const env: Env = { ...stack, VIGIL_SLA_TASK_QUEUE: taskQueue };
  await applyMigrations(env.MYSQL_URL);
  const database = openDatabase(env.MYSQL_URL, { connectionLimit: 16 });
  const workerConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker: Worker = await (kind === 'sla' ? createSlaWorker : createSloWorker)(
    env,
    database,
    workerConnection,
  );
  const running = worker.run();
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  return {
    env,
    taskQueue,
    database,
    temporal,
    async close() {
      worker.shutdown();
      await running;
      await connection.close();
      await workerConnection.close();
      await database.close();
    },
  };
}
