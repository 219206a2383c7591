import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '../../../api/retrieval/errors.ts';
import { decodePageToken, encodePageToken, fingerprint } from '../../../api/retrieval/page-token.ts';

describe('page tokens', () => {
  const fp = fingerprint('ListRuns', { metric: 'm' });
  const position = { seriesId: 12, windowEndMs: 1_795_720_800_000, runId: 7239, index: 1440 };

  it('round-trip a position and are URL-safe', () => {
    const token = encodePageToken(fp, position);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token, fp)).toEqual(position);
    expect(decodePageToken('', fp)).toBeNull();
  });

  it('refuse tampered, foreign, oversized or malformed tokens', () => {
    const token = encodePageToken(fp, position);
    const forged = Buffer.from(JSON.stringify({ v: 1, f: fp, s: -1, w: 0, r: 0, i: 0 }), 'utf8').toString(
      'base64url',
    );
    const extra = Buffer.from(JSON.stringify({ v: 1, f: fp, s: 1, w: 0, r: 0, i: 0, sql: 'drop' })).toString(
      'base64url',
    );
    for (const bad of [forged, extra, `${token}x`, 'a'.repeat(600), 'not base64 !', token.slice(0, 10)]) {
      expect(() => decodePageToken(bad, fp)).toThrow(InvalidArgument);
    }
    expect(() => decodePageToken(token, fingerprint('ListRuns', { metric: 'other' }))).toThrow(/page_token/);
  });
});
