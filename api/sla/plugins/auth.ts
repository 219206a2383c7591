import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Unauthorized } from '../errors.ts';

/**
 * Who may call what. Every route declares `config.access`: `public` (health, metrics, the API document),
 * `read` (GETs: open when VIGIL_REST_OPEN_READS, else bearer) or `write` (always bearer). The token is
 * VIGIL_API_TOKEN; without one, writes are refused rather than left open.
 */

export type Access = 'public' | 'read' | 'write';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface AuthOptions {
  token: string | undefined;
  openReads: boolean;
}

/** Compared as SHA-256 digests: equal length for timingSafeEqual, and no early exit on the first wrong byte. */
export function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function bearerOf(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Whether the request carries the configured token (`expected` is its digest). */
export function hasValidBearer(req: FastifyRequest, expected: Buffer | undefined): boolean {
  const given = bearerOf(req);
  return expected !== undefined && given !== undefined && timingSafeEqual(digest(given), expected);
}

export default fp<AuthOptions>(
  async function authPlugin(app: FastifyInstance, options: AuthOptions) {
    const expected = options.token === undefined ? undefined : digest(options.token);
    if (!expected) app.log.warn('VIGIL_API_TOKEN is not set: every write route answers 401');

    app.addHook('onRequest', async (req) => {
      // Unknown routes go on to the 404 handler: there is nothing to protect.
      if (req.routeOptions.url === undefined) return;
      const access: Access = req.routeOptions.config.access ?? 'write';
      if (access === 'public' || (access === 'read' && options.openReads)) return;
      if (!expected)
        throw new Unauthorized('this server has no API token configured, so it accepts no writes');
      const given = bearerOf(req);
      if (given === undefined) throw new Unauthorized('send Authorization: Bearer <token>');
      if (!timingSafeEqual(digest(given), expected)) throw new Unauthorized('the bearer token is not valid');
    });
  },
  { name: 'vigil-auth' },
);
