import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { BadRequest } from '../errors.ts';

/**
 * JSON bodies parsed by Fastify's own parser (which refuses `__proto__` and `constructor` poisoning), then
 * refused with a 400 naming the field when they hold what JSON allows but nothing downstream can keep:
 * a number beyond double range (`1e400` parses to Infinity, which MySQL cannot store) or a string that is not
 * well-formed UTF-16 (`"\ud800"`, a lone surrogate, which has no UTF-8 form: MySQL would refuse it or store
 * U+FFFD in its place without notice). JSON Schema cannot say either, so it is said here, once for every route.
 */

/** In Unicode mode a surrogate pair is one code point, so this finds only surrogates standing alone. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The JSON Pointer of the first value that cannot be kept, and why; null when there is none. */
export function unstorable(value: unknown, path = ''): { path: string; reason: string } | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? null : { path, reason: 'is not a finite number' };
  }
  if (typeof value === 'string') {
    return !LONE_SURROGATE.test(value)
      ? null
      : { path, reason: 'is not well-formed Unicode (a lone surrogate)' };
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (LONE_SURROGATE.test(key)) return { path: at, reason: 'is a name that is not well-formed Unicode' };
    const found = unstorable(item, at);
    if (found) return found;
  }
  return null;
}

export default fp(
  async function jsonBodyPlugin(app: FastifyInstance) {
    const parse = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body: string, done) => {
      parse(req, body, (err, parsed) => {
        if (err) return done(err, undefined);
        const found = unstorable(parsed);
        if (found) {
          const field = found.path || '/';
          return done(
            new BadRequest(`body${field === '/' ? '' : field} ${found.reason}`, {
              errors: [{ in: 'body', path: field, message: found.reason }],
            }),
            undefined,
          );
        }
        done(null, parsed);
      });
    });
  },
  { name: 'vigil-json-body' },
);
