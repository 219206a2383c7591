import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The OpenAPI 3 document, generated from the route schemas (the REST contract, see docs/architecture.md), served at
 * /openapi.json, with Swagger UI at /docs. Must be registered before the routes so that it sees them.
 */
export default fp(
  async function openapiPlugin(app: FastifyInstance) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Vigil SLA manager',
          description:
            'SLAs over Prometheus series: CRUD, current state, past violations (computed by an on-demand ' +
            'Temporal workflow), predicted violations from stored forecasts, and the ETL execution time.',
          version: '1.0.0',
        },
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        },
        tags: [
          { name: 'slas', description: 'SLA definitions' },
          { name: 'evaluation', description: 'State, violations and forecasts of an SLA' },
          { name: 'etl', description: "The pipeline's own execution time" },
          { name: 'notifications', description: 'Where SLO alert changes are sent: Alertmanager, webhooks' },
          { name: 'operations', description: 'Health, readiness and metrics' },
        ],
      },
    });
    // Swagger UI's own routes carry no config of ours: mark them public like the document they show.
    app.addHook('onRoute', (route) => {
      if (route.url === '/docs' || route.url.startsWith('/docs/')) {
        route.config = { ...route.config, access: 'public' };
      }
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get(
      '/openapi.json',
      { schema: { hide: true }, config: { access: 'public', rateLimit: false } },
      async () => app.swagger(),
    );
  },
  { name: 'vigil-openapi' },
);
