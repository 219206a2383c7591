import { fileURLToPath } from 'node:url';
import { type NativeConnection, Worker } from '@temporalio/worker';
import { ensureTopic } from '../activities/kafka/producer.ts';
import { createPlanCycle } from '../activities/pipeline/plan-cycle.ts';
import { recordCycle } from '../activities/pipeline/record-cycle.ts';
import { type Catalog, loadCatalog } from '../config/catalog.ts';
import { type Env, loadConfigOrExit } from '../config/index.ts';
import { componentLogger } from '../observability/logger.ts';
import { prometheusDriver } from '../prometheus/client.ts';
import { runningWorker, runProcess } from '../runtime/lifecycle.ts';
import { ensurePipelineSchedule } from './schedule.ts';
import { connectClient, connectWorker } from './temporal.ts';

const log = componentLogger('pipeline-worker');

export const PIPELINE_WORKFLOWS_PATH = fileURLToPath(
  new URL('../workflows/pipeline/index.ts', import.meta.url),
);

/** The pipeline worker: cycle workflows and their light activities (planning, bookkeeping). */
export function createPipelineWorker(
  env: Env,
  catalog: Catalog,
  connection: NativeConnection,
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.VIGIL_TASK_QUEUE,
    workflowsPath: PIPELINE_WORKFLOWS_PATH,
    activities: {
      planCycle: createPlanCycle({
        prom: prometheusDriver(env.PROMETHEUS_URL),
        catalog,
        analysisTaskQueue: env.VIGIL_ANALYSIS_TASK_QUEUE,
      }),
      recordCycle,
    },
  });
}

/** `vigil worker pipeline`: also makes sure the Kafka topic and the Temporal Schedule exist, and serves /metrics. */
export async function run(): Promise<void> {
  const env = loadConfigOrExit();
  const catalog = loadCatalog(env.VIGIL_CATALOG_FILE);
  await ensureTopic({ brokers: env.KAFKA_BROKERS, clientId: env.KAFKA_CLIENT_ID, topic: env.KAFKA_TOPIC });
  const client = await connectClient(env);
  const schedule = await ensurePipelineSchedule(client, env);
  log.info(
    { scheduleId: env.VIGIL_SCHEDULE_ID, every: env.VIGIL_SCHEDULE_INTERVAL, schedule },
    'schedule ready',
  );
  const connection = await connectWorker(env);
  await runProcess({
    env,
    name: 'pipeline worker',
    role: 'pipeline',
    metrics: 'pipeline',
    log,
    start: async () => runningWorker(await createPipelineWorker(env, catalog, connection)),
    closers: [() => client.connection.close(), () => connection.close()],
    started: { taskQueue: env.VIGIL_TASK_QUEUE, metrics: catalog.metrics.map((m) => m.name) },
  });
}
