import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { registry } from '../../../observability/metrics-server.ts';
import { restRequestDuration } from '../../../observability/rest-metrics.ts';

/**
 * GET /metrics (the process registry: default process metrics plus REST latency by route) and the hook that
 * times every request. Labels use the route pattern, never the raw URL, to keep label cardinality bounded.
 */
export default fp(
  async function metricsPlugin(app: FastifyInstance) {
    app.addHook('onResponse', async (req, reply) => {
      restRequestDuration.observe(
        {
          route: req.routeOptions.url ?? 'unmatched',
          method: req.method,
          status: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });
    app.get(
      '/metrics',
      { schema: { hide: true }, config: { access: 'public', rateLimit: false } },
      async (_req, reply) => {
        reply.type(registry.contentType);
        return registry.metrics();
      },
    );
  },
  { name: 'vigil-metrics' },
);
