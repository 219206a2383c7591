import type { FastifyRequest } from 'fastify';

/**
 * Credentials never leave in a URL: a client that puts its token in the query string (`?token=…`, `?api_key=…`)
 * must not find it echoed in a problem's `instance` or written to the request log. Values of query parameters
 * whose name looks like a credential are replaced; the rest of the URL stays as sent.
 */
const CREDENTIAL_PARAM = /token|key|secret|passw|auth|credential|signature|^sig$|session|cookie/i;
const REDACTED = 'REDACTED';

export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const secret = [...new Set(params.keys())].filter((k) => CREDENTIAL_PARAM.test(k));
  if (secret.length === 0) return url;
  for (const k of secret) params.set(k, REDACTED);
  return `${url.slice(0, q)}?${params.toString()}`;
}

/** The request log's `req` (Fastify's fields), with the URL redacted; headers, which carry tokens, stay out. */
export function requestForLog(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
