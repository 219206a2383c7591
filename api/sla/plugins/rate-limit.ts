import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { TooManyRequests } from '../errors.ts';

export interface RateLimitOptions {
  /** Requests per client IP per minute. */
  perMinute: number;
}

/**
 * Per-client request budget (in-memory: one REST process per host; several would need a shared store).
 * Health, readiness and /metrics opt out with `config.rateLimit: false`, so probes and scrapes never get a 429.
 */
export default fp<RateLimitOptions>(
  async function rateLimitPlugin(app: FastifyInstance, options: RateLimitOptions) {
    await app.register(rateLimit, {
      global: true,
      max: options.perMinute,
      timeWindow: 60_000,
      errorResponseBuilder: (_req, context) =>
        new TooManyRequests(
          `more than ${context.max} requests in ${context.after}`,
          Math.ceil(context.ttl / 1000),
        ),
    });
  },
  { name: 'vigil-rate-limit' },
);
