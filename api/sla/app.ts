import { Ajv } from 'ajv';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { SlaDeps } from './deps.ts';
import { BadRequest } from './errors.ts';
import authPlugin from './plugins/auth.ts';
import jsonBodyPlugin from './plugins/json-body.ts';
import metricsPlugin from './plugins/metrics.ts';
import openapiPlugin from './plugins/openapi.ts';
import problemPlugin, { sendProblem, toProblem } from './plugins/problem.ts';
import rateLimitPlugin from './plugins/rate-limit.ts';
import { redactUrl, requestForLog } from './redact.ts';
import { budgetRoutes } from './routes/budget.ts';
import { etlRoutes } from './routes/etl.ts';
import { forecastRoutes } from './routes/forecast.ts';
import { healthRoutes } from './routes/health.ts';
import { notificationTargetRoutes } from './routes/notification-targets.ts';
import { openSloRoutes } from './routes/openslo.ts';
import { pipelineRoutes } from './routes/pipeline.ts';
import { ruleRoutes } from './routes/rules.ts';
import { seriesRoutes } from './routes/series.ts';
import { seriesBudgetRoutes } from './routes/series-budgets.ts';
import { slaRoutes } from './routes/slas.ts';
import { sloRoutes } from './routes/slos.ts';
import { statusRoutes } from './routes/status.ts';
import { violationRoutes } from './routes/violations.ts';
import type { SchemaTypes } from './typed-app.ts';
import { uiRoutes } from './ui/routes.ts';

/**
 * The SLA manager's Fastify app, built from already-validated configuration and open connections (server.ts
 * reads the environment once; tests pass their own). Plugins first (errors, auth, limits, OpenAPI, metrics),
 * then the routes, one file per resource.
 */

export interface SlaAppOptions {
  /** Bearer token for writes (VIGIL_API_TOKEN); without one, writes answer 401. */
  apiToken: string | undefined;
  /** VIGIL_REST_OPEN_READS: reads without a token. */
  openReads: boolean;
  /** Requests per client per minute (VIGIL_REST_RATE_LIMIT). */
  rateLimitPerMinute: number;
  /** The process's pino logger (Fastify 5 takes an existing instance as `loggerInstance`); none in tests. */
  loggerInstance?: FastifyBaseLogger;
}

/** SLA bodies are a few hundred bytes; anything near this is not an SLA. */
export const BODY_LIMIT_BYTES = 64 * 1024;

const ajvBase = {
  // Unknown properties are refused (400), never silently dropped as Fastify's default would.
  removeAdditional: false,
  useDefaults: true,
  allErrors: false,
  strict: false,
} as const;
/** Query strings and path parameters are text: numbers and booleans in them are coerced. */
const coercing = new Ajv({ ...ajvBase, coerceTypes: 'array' });
/** JSON bodies carry real types: "5" is not a number. */
const exact = new Ajv({ ...ajvBase, coerceTypes: false });

export async function buildSlaApp(deps: SlaDeps, options: SlaAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance.child({}, { serializers: { req: requestForLog } }) }
      : { logger: false }),
    bodyLimit: BODY_LIMIT_BYTES,
    // Route params are ids; a long URL is an attack or a mistake.
    routerOptions: { maxParamLength: 64 },
    return503OnClosing: true,
    // Errors Fastify raises before routing (a too-long parameter, a bad URL) get the same problem answers.
    frameworkErrors: (err, req, reply) => sendProblem(reply, toProblem(err, redactUrl(req.url))),
  });
  // JSON only: a text/plain body is a 415, not a string for the body schema to refuse.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? exact : coercing).compile(schema),
  );

  await app.register(problemPlugin);
  // Ids are decimal digits: Ajv's coercion would read /slas/0x1 as SLA 1 and /slas/1e3 as SLA 1000.
  app.addHook('preValidation', async (req) => {
    const id = (req.params as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string' && !/^[0-9]+$/.test(id)) {
      throw new BadRequest(`id must be a positive decimal integer (got ${JSON.stringify(id)})`, {
        errors: [{ in: 'params', path: '/id', message: 'must be a positive decimal integer' }],
      });
    }
  });
  await app.register(jsonBodyPlugin);
  await app.register(rateLimitPlugin, { perMinute: options.rateLimitPerMinute, token: options.apiToken });
  await app.register(authPlugin, { token: options.apiToken, openReads: options.openReads });
  await app.register(openapiPlugin);
  await app.register(metricsPlugin);

  await app.register(async (scope) => healthRoutes(scope.withTypeProvider<SchemaTypes>(), deps));
  await app.register(async (scope) => slaRoutes(scope.withTypeProvider<SchemaTypes>(), deps));
  await app.register(async (scope) => statusRoutes(scope.withTypeProvider<SchemaTypes>(), deps));
  await app.register(async (scope) => violationRoutes(scope.withTypeProvider<SchemaTypes>(), deps));
  await app.register(async (scope) => forecastRoutes(scope.withTypeProvider<SchemaTypes>(), deps));
  await app.register(async (scope) => budgetRoutes(scope.withTypeProvider<SchemaTypes>(), deps));
  await app.register(async (scope) => sloRoutes(scope.withTypeProvider<SchemaTypes>(), deps));
  await app.register(async (scope) => seriesBudgetRoutes(scope.withTypeProvider<SchemaTypes>(), deps));
  await app.register(async (scope) => notificationTargetRoutes(scope.withTypeProvider<SchemaTypes>(), deps));
  await app.register(async (scope) => ruleRoutes(scope.withTypeProvider<SchemaTypes>(), deps));
  await app.register(async (scope) => openSloRoutes(scope.withTypeProvider<SchemaTypes>(), deps));
  await app.register(async (scope) => etlRoutes(scope.withTypeProvider<SchemaTypes>(), deps));
  await app.register(async (scope) => seriesRoutes(scope.withTypeProvider<SchemaTypes>(), deps));
  await app.register(async (scope) => pipelineRoutes(scope.withTypeProvider<SchemaTypes>(), deps));
  // The dashboard (/ui/): static files, and no data of its own; its pages read the routes above.
  await app.register(async (scope) =>
    uiRoutes(scope, { temporalUiUrl: deps.temporalUiUrl, namespace: deps.temporal.options.namespace }),
  );
  await app.ready();
  return app;
}
