import { createHash, timingSafeEqual } from 'node:crypto';
import type { Metadata } from '@grpc/grpc-js';
import { Unauthenticated } from './errors.ts';

/**
 * Bearer-token check for retrieval calls when VIGIL_API_TOKEN is set: `authorization: Bearer <token>` in the
 * call metadata. Compared as SHA-256 digests in constant time, so neither the token's length nor its prefix
 * leaks through timing.
 */
export type Authorizer = (metadata: Metadata) => void;

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function bearerAuthorizer(token: string | undefined): Authorizer {
  if (!token) return () => undefined;
  const expected = digest(token);
  return (metadata) => {
    const header = metadata.get('authorization')[0];
    const value = typeof header === 'string' ? header : header?.toString('utf8');
    const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
    if (!match) throw new Unauthenticated('missing bearer token (authorization: Bearer <token>)');
    if (!timingSafeEqual(digest(match[1]!), expected)) throw new Unauthenticated('invalid bearer token');
  };
}
