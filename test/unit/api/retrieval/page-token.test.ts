import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '../../../../api/retrieval/errors.ts';
import { decodePageToken, encodePageToken, fingerprint } from '../../../../api/retrieval/page-token.ts';

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

  it('refuse a window end or an id that storage cannot hold, naming page_token', () => {
    const forge = (patch: Record<string, number>) =>
      Buffer.from(
        JSON.stringify({ v: 1, f: fp, s: 1, w: position.windowEndMs, r: 1, i: 0, ...patch }),
        'utf8',
      ).toString('base64url');
    for (const w of [8.64e15 + 1, -8.64e15 - 1, 1e300, Date.UTC(10000, 0, 1), Date.UTC(999, 11, 31)]) {
      expect(() => decodePageToken(forge({ w }), fp), String(w)).toThrow(/^page_token: /);
    }
    for (const id of [2 ** 53, 1e300]) {
      expect(() => decodePageToken(forge({ s: id }), fp)).toThrow(InvalidArgument);
      expect(() => decodePageToken(forge({ r: id }), fp)).toThrow(InvalidArgument);
      expect(() => decodePageToken(forge({ i: id }), fp)).toThrow(InvalidArgument);
    }
    expect(decodePageToken(forge({ w: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), fp)?.windowEndMs).toBe(
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    );
    expect(decodePageToken(forge({ w: 0 }), fp)?.windowEndMs).toBe(0);
  });
});
