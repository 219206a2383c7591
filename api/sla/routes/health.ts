import { sql } from 'drizzle-orm';
import type { SlaDeps } from '../deps.ts';
import { Unavailable } from '../errors.ts';
import type { SlaApp } from '../typed-app.ts';

/**
 * /healthz: the process answers (liveness; never touches a dependency, so a database outage does not get the
 * process restarted). /readyz: MySQL, Prometheus and Temporal each answer within a deadline, checked at once.
 */

const CHECK_TIMEOUT_MS = 2000;

type CheckResult = 'ok' | string;

async function check(work: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      work(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return 'ok';
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    clearTimeout(timer);
  }
}

const checksSchema = {
  type: 'object',
  properties: { mysql: { type: 'string' }, prometheus: { type: 'string' }, temporal: { type: 'string' } },
} as const;

export async function healthRoutes(app: SlaApp, deps: SlaDeps): Promise<void> {
  const open = { access: 'public' as const, rateLimit: false as const };

  app.get(
    '/healthz',
    {
      config: open,
      schema: {
        tags: ['operations'],
        summary: 'Liveness',
        response: { 200: { type: 'object', properties: { status: { type: 'string' } } } },
      },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      config: open,
      schema: {
        tags: ['operations'],
        summary: 'Readiness: every dependency answers',
        response: {
          200: { type: 'object', properties: { status: { type: 'string' }, checks: checksSchema } },
          503: {
            description: 'A dependency is down (problem details with `checks`)',
            content: {
              'application/problem+json': { schema: { type: 'object', additionalProperties: true } },
            },
          },
        },
      },
    },
    async () => {
      const [mysql, prometheus, temporal] = await Promise.all([
        check(() => deps.database.db.execute(sql`select 1`)),
        check(() => deps.prom.statusBuildinfo()),
        check(() => deps.temporal.workflowService.getSystemInfo({})),
      ]);
      const checks = { mysql, prometheus, temporal };
      if (Object.values(checks).some((c) => c !== 'ok')) {
        throw new Unavailable('not ready: a dependency does not answer', 5, { checks });
      }
      return { status: 'ready', checks };
    },
  );
}
