import { Client, Connection } from '@temporalio/client';
import { loadConfigOrExit } from '../../config/index.ts';
import { openDatabase } from '../../drizzle/db.ts';
import { logger } from '../../observability/logger.ts';
import { setDefaultLabels } from '../../observability/metrics-server.ts';
import { exitAfterGrace } from '../../observability/shutdown.ts';
import { prometheusDriver } from '../../prometheus/client.ts';
import { buildSlaApp } from './app.ts';

/**
 * `vigil api sla`: the SLA manager on VIGIL_HOST:VIGIL_REST_PORT (its /metrics on the same port). Connections
 * are opened once here; it starts even when a dependency is down (then /readyz says which) so that it recovers
 * by itself once the dependency is back.
 */
export async function run(): Promise<void> {
  const env = loadConfigOrExit();
  setDefaultLabels({ role: 'rest' });
  const database = openDatabase(env.MYSQL_URL, { connectionLimit: 10 });
  const connection = Connection.lazy({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const app = await buildSlaApp(
    {
      database,
      temporal,
      prom: prometheusDriver(env.PROMETHEUS_URL, 15_000),
      slaTaskQueue: env.VIGIL_SLA_TASK_QUEUE,
      checkTimeoutMs: env.VIGIL_REST_CHECK_TIMEOUT,
      now: () => new Date(),
    },
    {
      apiToken: env.VIGIL_API_TOKEN,
      openReads: env.VIGIL_REST_OPEN_READS,
      rateLimitPerMinute: env.VIGIL_REST_RATE_LIMIT,
      loggerInstance: logger.child({ component: 'sla-api' }),
    },
  );
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await database.close();
    await connection.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      exitAfterGrace();
      void close();
    });
  }
  await app.listen({ host: env.VIGIL_HOST, port: env.VIGIL_REST_PORT });
}
