import { availableParallelism } from 'node:os';
import { type NativeConnection, Worker } from '@temporalio/worker';
import { closeProducer } from '../activities/kafka/producer.ts';
import { closeAnalysisPool } from '../activities/pipeline/analysis-pool.ts';
import {
  type AnalyzeShardDeps,
  createAnalyzeShard,
  type WarmStartSource,
} from '../activities/pipeline/analyze-shard.ts';
import { nativeKernel } from '../analytics/holt-winters/grid-native.ts';
import { bestGridKernel } from '../analytics/holt-winters/grid-search.ts';
import { type Env, loadConfigOrExit } from '../config/index.ts';
import { type Database, openDatabase } from '../drizzle/db.ts';
import { previousFits, previousForecasts } from '../drizzle/repositories/fits.ts';
import { componentLogger } from '../observability/logger.ts';
import { gridKernelInfo } from '../observability/pipeline-metrics.ts';
import { prometheusDriver } from '../prometheus/client.ts';
import { runningWorker, runProcess } from '../runtime/lifecycle.ts';
import { connectWorker } from './temporal.ts';

const log = componentLogger('analysis-worker');

/**
 * The analysis worker: fetch → analyze → publish, shard by shard. A process of its own, on its own task queue,
 * because analysis is CPU-bound: it must never delay workflow tasks, and it scales by running more of these.
 */
function analysisThreads(env: Env): number {
  return env.VIGIL_ANALYSIS_THREADS || availableParallelism();
}

/**
 * Previous fits for warm starts, read from the database the storage workers fill. A database that cannot answer
 * costs speed, not results: those series get cold fits.
 */
function warmStartSource(env: Env, database: Database | undefined): WarmStartSource | undefined {
  if (!env.VIGIL_HW_WARM_START || !database) return undefined;
  return {
    coldEveryMs: env.VIGIL_HW_COLD_EVERY,
    previousFits: (keys, since, before) =>
      previousFits(database.db, keys, since, before).catch((err: Error) => {
        log.warn({ err: err.message }, 'previous fits unavailable; fitting these series cold');
        return new Map();
      }),
  };
}

/** Previous forecast choices and bands; a database that cannot answer costs a ranking, not the forecast. */
function previousForecastSource(database: Database): AnalyzeShardDeps['previousForecasts'] {
  return (keys, since, before) =>
    previousForecasts(database.db, keys, since, before).catch((err: Error) => {
      log.warn({ err: err.message }, 'previous forecasts unavailable; ranking these series afresh');
      return new Map();
    });
}

export function createAnalysisWorker(
  env: Env,
  connection: NativeConnection,
  database?: Database,
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.VIGIL_ANALYSIS_TASK_QUEUE,
    activities: {
      analyzeShard: createAnalyzeShard({
        prom: prometheusDriver(env.PROMETHEUS_URL),
        kafka: { brokers: env.KAFKA_BROKERS, clientId: env.KAFKA_CLIENT_ID, topic: env.KAFKA_TOPIC },
        threads: analysisThreads(env),
        warmStarts: warmStartSource(env, database),
        previousForecasts: database && previousForecastSource(database),
      }),
    },
    // Shards share the analysis threads; the activities' own event loop only fetches, publishes and heartbeats.
    maxConcurrentActivityTaskExecutions: env.VIGIL_ANALYSIS_CONCURRENT_SHARDS,
  });
}

export async function run(): Promise<void> {
  const env = loadConfigOrExit();
  const database = env.VIGIL_HW_WARM_START ? openDatabase(env.MYSQL_URL, { connectionLimit: 2 }) : undefined;
  const connection = await connectWorker(env);
  // Which Holt-Winters grid kernel runs here: results are identical, speed is not (see grid-search.ts).
  const gridKernel = bestGridKernel();
  const isa = (gridKernel === 'native' ? nativeKernel()?.isa() : undefined) ?? 'none';
  gridKernelInfo.set({ kernel: gridKernel, isa }, 1);
  await runProcess({
    env,
    name: 'analysis worker',
    role: 'analysis',
    metrics: 'analysis',
    log,
    start: async () => runningWorker(await createAnalysisWorker(env, connection, database)),
    closers: [() => connection.close(), () => database?.close(), closeProducer, closeAnalysisPool],
    started: { taskQueue: env.VIGIL_ANALYSIS_TASK_QUEUE, gridKernel, isa, threads: analysisThreads(env) },
  });
}
