/**
 * Optimistic concurrency for SLA writes (RFC 9110 §13.1.1): an SLA's entity tag is its revision, sent as
 * `ETag: "<revision>"`; a write with `If-Match` applies only if the SLA is still at one of the listed revisions
 * (`*`: if it exists), and answers 412 otherwise, so two operators editing the same SLA never overwrite each other
 * unknowingly.
 */
import type { FastifyReply } from 'fastify';
import { BadRequest, PreconditionFailed } from './errors.ts';

export type IfMatch = ReadonlySet<number> | 'any' | undefined;

const TAG = /^\s*(?:W\/)?"(\d{1,10})"\s*$/;

export function setEtag(reply: FastifyReply, revision: number): void {
  reply.header('etag', `"${revision}"`);
}

/** The revisions an `If-Match` header accepts; undefined without the header. A malformed header is a 400. */
export function parseIfMatch(header: string | string[] | undefined): IfMatch {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text.trim() === '*') return 'any';
  const revisions = new Set<number>();
  for (const part of text.split(',')) {
    const m = TAG.exec(part);
    if (!m)
      throw new BadRequest(
        `If-Match must be * or a list of entity tags like "3" (got ${JSON.stringify(text)})`,
      );
    revisions.add(Number(m[1]));
  }
  return revisions;
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
