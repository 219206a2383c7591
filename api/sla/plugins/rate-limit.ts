import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { TooManyRequests } from '../errors.ts';
import { digest, hasValidBearer } from './auth.ts';

export interface RateLimitOptions {
  /** Requests per minute in each bucket (VIGIL_REST_RATE_LIMIT). */
  perMinute: number;
  /** VIGIL_API_TOKEN: requests carrying it are counted apart from anonymous ones. */
  token: string | undefined;
}

/**
 * Request budgets, one per (reads or writes, credential, client address): a client flooding reads cannot
 * starve writes, and anonymous clients sharing an address (every local process is 127.0.0.1) cannot starve
 * the holders of the token. Only a valid token earns its own bucket, so inventing tokens gains nothing.
 * In-memory: one REST process per host; several would need a shared store. Health, readiness and /metrics opt
 * out with `config.rateLimit: false`, so probes and scrapes never get a 429.
 */
export default fp<RateLimitOptions>(
  async function rateLimitPlugin(app: FastifyInstance, options: RateLimitOptions) {
    const expected = options.token === undefined ? undefined : digest(options.token);
    const kind = (req: FastifyRequest) => (req.routeOptions.config?.access === 'read' ? 'read' : 'write');
    await app.register(rateLimit, {
      global: true,
      max: options.perMinute,
      timeWindow: 60_000,
      keyGenerator: (req) =>
        `${kind(req)}|${hasValidBearer(req, expected) ? 'token' : 'anonymous'}|${req.ip}`,
      errorResponseBuilder: (req, context) =>
        new TooManyRequests(
          `more than ${context.max} ${kind(req)} requests per minute from this client; the budget resets in ${context.after}`,
          Math.ceil(context.ttl / 1000),
        ),
    });
  },
  { name: 'vigil-rate-limit' },
);
