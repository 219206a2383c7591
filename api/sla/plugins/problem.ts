import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { dependencyProblem } from '../dependency-errors.ts';
import { ApiProblem } from '../errors.ts';
import { redactUrl } from '../redact.ts';

/**
 * The one mapping from failures to `application/problem+json` (RFC 9457): typed ApiProblems keep their status,
 * Fastify's own client errors (validation, bad JSON, body too large, unsupported media type) keep theirs, and
 * anything else is a 500 whose details stay in the log, not in the answer.
 */

export const PROBLEM_TYPE = 'application/problem+json';

interface Problem {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

const TITLES: Record<number, [string, string]> = {
  400: ['invalid-request', 'The request is invalid'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  413: ['payload-too-large', 'The request body is too large'],
  414: ['uri-too-long', 'The URI is too long'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  429: ['rate-limited', 'Too many requests'],
};

function problem(
  status: number,
  slug: string,
  title: string,
  detail: string,
  instance: string,
  extra: Record<string, unknown> = {},
): Problem['body'] {
  return { type: `urn:vigil:problem:${slug}`, title, status, detail, instance, ...extra };
}

export function toProblem(thrown: FastifyError | ApiProblem, instance: string): Problem {
  const err = dependencyProblem(thrown) ?? thrown;
  if (err instanceof ApiProblem) {
    return {
      status: err.statusCode,
      headers: err.headers,
      body: problem(err.statusCode, err.slug, err.title, err.message, instance, err.extensions),
    };
  }
  if (err.validation) {
    const errors = err.validation.map((v) => ({
      in: err.validationContext ?? 'request',
      path: v.instancePath || '/',
      message: v.message ?? 'invalid',
      ...(v.keyword === 'additionalProperties'
        ? { property: (v.params as { additionalProperty?: string }).additionalProperty }
        : {}),
    }));
    return {
      status: 400,
      headers: {},
      body: problem(400, 'invalid-request', 'The request is invalid', err.message, instance, { errors }),
    };
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const [slug, title] = TITLES[status] ?? ['client-error', 'The request cannot be served'];
    return { status, headers: {}, body: problem(status, slug, title, err.message, instance) };
  }
  return {
    status: 500,
    headers: {},
    body: problem(500, 'internal', 'Internal error', 'the server failed to answer; see its log', instance),
  };
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  return reply.code(p.status).headers(p.headers).type(PROBLEM_TYPE).send(p.body);
}

/** Each route's path as a pattern (`:id` is one segment) and the methods it answers. */
type RouteMethods = Map<string, { pattern: RegExp; methods: Set<string> }>;

function collectRoutes(app: FastifyInstance): RouteMethods {
  const routes: RouteMethods = new Map();
  app.addHook('onRoute', (route) => {
    const entry = routes.get(route.url) ?? {
      pattern: new RegExp(`^${route.url.replace(/:[^/]+/g, '[^/]+').replace(/\*$/, '.*')}$`),
      methods: new Set<string>(),
    };
    for (const m of [route.method].flat()) entry.methods.add(m);
    // Fastify answers HEAD wherever it answers GET.
    if (entry.methods.has('GET')) entry.methods.add('HEAD');
    routes.set(route.url, entry);
  });
  return routes;
}

/** The methods some route answers at this path, sorted; empty when no route has the path. */
function allowedAt(routes: RouteMethods, url: string): string[] {
  const path = url.split('?')[0] ?? url;
  const methods = new Set<string>();
  for (const r of routes.values()) if (r.pattern.test(path)) for (const m of r.methods) methods.add(m);
  return [...methods].sort();
}

/** No route for this method and path: 405 naming the methods when the path exists (RFC 9110 §15.5.6), else 404. */
function noRoute(routes: RouteMethods, req: FastifyRequest): Problem {
  const allowed = allowedAt(routes, req.url);
  const instance = redactUrl(req.url);
  if (allowed.length > 0) {
    const detail = `${req.method} is not allowed here; allowed: ${allowed.join(', ')}`;
    return {
      status: 405,
      headers: { allow: allowed.join(', ') },
      body: problem(405, 'method-not-allowed', 'Method not allowed', detail, instance),
    };
  }
  const detail = `no route ${req.method} ${instance}`;
  return { status: 404, headers: {}, body: problem(404, 'not-found', 'Not found', detail, instance) };
}

export default fp(
  async function problemPlugin(app: FastifyInstance) {
    const routes = collectRoutes(app);
    app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      // Fastify parses a body even for a method no route answers (QUERY needs a content type): a request that
      // reached no route is answered as such, whatever its body.
      const p = req.is404 ? noRoute(routes, req) : toProblem(err, redactUrl(req.url));
      if (p.status === 503) req.log.warn({ detail: p.body.detail }, 'dependency unavailable');
      else if (p.status >= 500) req.log.error({ err }, 'request failed');
      return sendProblem(reply, p);
    });
    app.setNotFoundHandler((req, reply) => sendProblem(reply, noRoute(routes, req)));
  },
  { name: 'vigil-problem' },
);
