import { Client, Connection } from '@temporalio/client';
import { loadConfigOrExit } from '../../config/index.ts';
import { openDatabase } from '../../drizzle/db.ts';
import { logger } from '../../observability/logger.ts';
import { runningServer, runProcess } from '../../runtime/lifecycle.ts';
import { buildSlaApp } from './app.ts';
import { slaDepsFromEnv } from './deps.ts';

/**
 * `vigil api sla`: the SLA manager on VIGIL_HOST:VIGIL_REST_PORT (its /metrics on the same port). Connections
 * are opened once here; it starts even when a dependency is down (then /readyz says which) so that it recovers
 * by itself once the dependency is back.
 */
export async function run(): Promise<void> {
  const env = loadConfigOrExit();
  const log = logger.child({ component: 'sla-api' });
  const database = openDatabase(env.MYSQL_URL, { connectionLimit: 10 });
  const connection = Connection.lazy({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const app = await buildSlaApp(slaDepsFromEnv(env, database, temporal), {
    apiToken: env.VIGIL_API_TOKEN,
    openReads: env.VIGIL_REST_OPEN_READS,
    rateLimitPerMinute: env.VIGIL_REST_RATE_LIMIT,
    loggerInstance: log,
  });
  await runProcess({
    env,
    name: 'sla api',
    role: 'rest',
    log,
    // /metrics is a route of the app itself.
    start: async () => {
      await app.listen({ host: env.VIGIL_HOST, port: env.VIGIL_REST_PORT });
      return runningServer(() => app.close());
    },
    closers: [() => database.close(), () => connection.close()],
    started: { host: env.VIGIL_HOST, port: env.VIGIL_REST_PORT },
  });
}
