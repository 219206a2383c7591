/**
 * The REST API's typed failures. Each is one RFC 9457 problem: the error handler (plugins/problem.ts) turns any
 * of them into an `application/problem+json` answer with this status, so routes only throw.
 */
export class ApiProblem extends Error {
  override readonly name: string = 'ApiProblem';
  constructor(
    /** HTTP status; also read by Fastify and @fastify/rate-limit as `statusCode`. */
    readonly statusCode: number,
    /** A stable slug, published as the problem type `urn:vigil:problem:<slug>`. */
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly headers: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export class BadRequest extends ApiProblem {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(400, 'invalid-request', 'The request is invalid', detail, {}, extensions);
  }
}

export class Unauthorized extends ApiProblem {
  constructor(detail: string) {
    super(401, 'unauthorized', 'Authentication required', detail, { 'www-authenticate': 'Bearer' });
  }
}

export class NotFound extends ApiProblem {
  constructor(detail: string) {
    super(404, 'not-found', 'Not found', detail);
  }
}

export class Conflict extends ApiProblem {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(409, 'conflict', 'Conflict', detail, {}, extensions);
  }
}

/** Well-formed but meaningless, e.g. a lower bound above the upper bound. */
export class Unprocessable extends ApiProblem {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(422, 'unprocessable', 'The request cannot be processed', detail, {}, extensions);
  }
}

export class TooManyRequests extends ApiProblem {
  constructor(detail: string, retryAfterSeconds: number) {
    super(429, 'rate-limited', 'Too many requests', detail, { 'retry-after': String(retryAfterSeconds) });
  }
}

/** A dependency (MySQL, Prometheus, Temporal) is down or slow; the request may succeed if retried. */
export class Unavailable extends ApiProblem {
  constructor(detail: string, retryAfterSeconds = 5, extensions: Record<string, unknown> = {}) {
    super(
      503,
      'unavailable',
      'A dependency is unavailable',
      detail,
      { 'retry-after': String(retryAfterSeconds) },
      extensions,
    );
  }
}

/** An `If-Match` that no longer holds: the SLA changed since the client read it. */
export class PreconditionFailed extends ApiProblem {
  constructor(detail: string, currentRevision: number) {
    super(412, 'precondition-failed', 'Precondition failed', detail, {}, { revision: currentRevision });
  }
}
