/**
 * Optimistic concurrency for SLA writes (RFC 9110 §13.1.1): an SLA's entity tag is its revision, sent as
 * `ETag: "<revision>"`; a write with `If-Match` applies only if the SLA is still at one of the listed revisions
 * (`*`: if it exists), and answers 412 otherwise, so two operators editing the same SLA never overwrite each other
 * unknowingly.
 */
import type { FastifyReply } from 'fastify';
import { BadRequest, PreconditionFailed } from './errors.ts';
import { IF_MATCH } from './schemas.ts';

export type IfMatch = ReadonlySet<number> | 'any' | undefined;

const IF_MATCH_TEXT = new RegExp(IF_MATCH);

export function setEtag(reply: FastifyReply, revision: number): void {
  reply.header('etag', `"${revision}"`);
}

/** The revisions an `If-Match` header accepts; undefined without the header. A malformed header is a 400. */
export function parseIfMatch(header: string | string[] | undefined): IfMatch {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(', ') : header;
  if (!IF_MATCH_TEXT.test(text)) {
    throw new BadRequest(
      `If-Match must be * or a list of entity tags like "3" (got ${JSON.stringify(text)})`,
    );
  }
  if (text === '*') return 'any';
  return new Set([...text.matchAll(/"([0-9]+)"/g)].map((m) => Number(m[1])));
}

/** Throws 412 unless `revision` satisfies the precondition. */
export function checkIfMatch(ifMatch: IfMatch, id: number, revision: number): void {
  if (ifMatch instanceof Set && !ifMatch.has(revision)) {
    throw new PreconditionFailed(
      `SLA ${id} is at revision ${revision}, not ${[...ifMatch].map((r) => `"${r}"`).join(', ')}`,
      revision,
    );
  }
}
