import { fileURLToPath } from 'node:url';
import { type Client, ScheduleOverlapPolicy } from '@temporalio/client';
import { type NativeConnection, Worker } from '@temporalio/worker';
import { createStorageActivities } from '../activities/storage/activities.ts';
import { type Env, loadConfigOrExit } from '../config/index.ts';
import type { DrainWorkflowInput, RetentionInput } from '../contracts/storage.ts';
import { type Database, openDatabase } from '../drizzle/db.ts';
import { applyMigrations } from '../drizzle/migrate.ts';
import { componentLogger } from '../observability/logger.ts';
import { runningWorker, runProcess } from '../runtime/lifecycle.ts';
import { upsertSchedule } from './schedule.ts';
import { connectClient, connectWorker } from './temporal.ts';

const log = componentLogger('storage-worker');

/** Partitions each consumer stores concurrently: overlaps decoding one batch with the database writing another. */
const PARTITIONS_CONCURRENTLY = 2;

/** Deterministic ids, derived from the task queue so that separate deployments (and tests) never collide. */
export function drainWorkflowId(env: Env): string {
  return `${env.VIGIL_STORAGE_TASK_QUEUE}-drain`;
}
export function cleanupScheduleId(env: Env): string {
  return `${env.VIGIL_STORAGE_TASK_QUEUE}-cleanup`;
}

/**
 * The storage worker (`vigil worker storage`): applies migrations, serves /metrics, runs the drain and cleanup
 * workflows and their activities on VIGIL_STORAGE_TASK_QUEUE, and makes sure the drain workflow and the cleanup
 * schedule exist. Any number of storage workers can run: they share one drain workflow, whose consumers Temporal
 * places on whichever worker polls, and Kafka splits the partitions among those consumers.
 */
export async function run(): Promise<void> {
  const env = loadConfigOrExit();
  const migrated = await applyMigrations(env.MYSQL_URL);
  log.info(migrated, 'storage schema ready');
  const database = openDatabase(env.MYSQL_URL, {
    connectionLimit: env.VIGIL_DRAIN_CONSUMERS * PARTITIONS_CONCURRENTLY + 2,
  });
  const connection = await connectWorker(env);
  const client = await connectClient(env);
  // The drain stops on this at once, on the first signal; the worker's grace then lets its batch commit.
  const shutdown = new AbortController();
  await runProcess({
    env,
    name: 'storage worker',
    role: 'storage',
    metrics: 'storage',
    log,
    onSignal: () => shutdown.abort(),
    start: async () => runningWorker(await createStorageWorker(env, database, connection, shutdown.signal)),
    whenRunning: async () => {
      await ensureDrainWorkflow(client, env);
      await ensureCleanupSchedule(client, env);
    },
    closers: [() => database.close(), () => client.connection.close(), () => connection.close()],
    started: {
      taskQueue: env.VIGIL_STORAGE_TASK_QUEUE,
      topic: env.KAFKA_TOPIC,
      group: env.VIGIL_STORAGE_GROUP_ID,
    },
  });
}

function createStorageWorker(
  env: Env,
  database: Database,
  connection: NativeConnection,
  shutdown: AbortSignal,
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.VIGIL_STORAGE_TASK_QUEUE,
    workflowsPath: fileURLToPath(new URL('../workflows/storage/index.ts', import.meta.url)),
    activities: createStorageActivities({
      database,
      shutdown,
      log: componentLogger('storage-drain'),
      drain: {
        brokers: env.KAFKA_BROKERS,
        clientId: env.KAFKA_CLIENT_ID,
        topic: env.KAFKA_TOPIC,
        groupId: env.VIGIL_STORAGE_GROUP_ID,
        sessionTimeoutMs: env.VIGIL_KAFKA_SESSION_TIMEOUT,
        txTimeoutMs: env.VIGIL_DB_TX_TIMEOUT,
        partitionsConcurrently: PARTITIONS_CONCURRENTLY,
      },
    }),
    // The drain stops on `shutdown` at once; this is the time its batch in flight gets to commit.
    shutdownGraceTime: '20 seconds',
  });
}

/** Starts the drain workflow unless it is already running (any worker may be first). */
async function ensureDrainWorkflow(client: Client, env: Env): Promise<void> {
  const input: DrainWorkflowInput = {
    consumers: env.VIGIL_DRAIN_CONSUMERS,
    leaseMs: env.VIGIL_DRAIN_LEASE,
    heartbeatTimeoutMs: env.VIGIL_DRAIN_HEARTBEAT_TIMEOUT,
  };
  const handle = await client.workflow.start('storageDrainWorkflow', {
    taskQueue: env.VIGIL_STORAGE_TASK_QUEUE,
    workflowId: drainWorkflowId(env),
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  log.info({ workflowId: handle.workflowId, runId: handle.firstExecutionRunId }, 'drain workflow running');
}

/** Creates the cleanup schedule, or brings an existing one to the configured interval and retention. */
async function ensureCleanupSchedule(client: Client, env: Env): Promise<void> {
  const args: [RetentionInput] = [
    {
      componentRunsKept: env.VIGIL_RETENTION_COMPONENT_RUNS,
      runMaxAgeMs: env.VIGIL_RETENTION_RUN_AGE,
      deadLetterMaxAgeMs: env.VIGIL_RETENTION_DEAD_LETTER_AGE,
    },
  ];
  const options = {
    scheduleId: cleanupScheduleId(env),
    spec: { intervals: [{ every: env.VIGIL_RETENTION_INTERVAL }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'storageCleanupWorkflow',
      workflowId: cleanupScheduleId(env),
      taskQueue: env.VIGIL_STORAGE_TASK_QUEUE,
      args,
      workflowExecutionTimeout: '1 hour',
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP },
    memo: {
      description:
        'Vigil storage retention: full component series only for the latest runs; runs and dead letters past their age',
    },
  };
  await upsertSchedule(client, options);
}
