import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiProblem } from '../errors.ts';

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

export function toProblem(err: FastifyError | ApiProblem, instance: string): Problem {
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

export default fp(
  async function problemPlugin(app: FastifyInstance) {
    app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      const p = toProblem(err, req.url);
      if (p.status === 503) req.log.warn({ detail: p.body.detail }, 'dependency unavailable');
      else if (p.status >= 500) req.log.error({ err }, 'request failed');
      return sendProblem(reply, p);
    });
    app.setNotFoundHandler((req, reply) =>
      sendProblem(reply, {
        status: 404,
        headers: {},
        body: problem(404, 'not-found', 'Not found', `no route ${req.method} ${req.url}`, req.url),
      }),
    );
  },
  { name: 'vigil-problem' },
);
