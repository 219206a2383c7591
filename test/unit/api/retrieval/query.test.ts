import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '../../../../api/retrieval/errors.ts';
import { encodePageToken } from '../../../../api/retrieval/page-token.ts';
import { parseMatchers, parseRunQuery, parseSeriesQuery } from '../../../../api/retrieval/query.ts';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

function field(work: () => unknown): string {
  try {
    work();
  } catch (err) {
    if (err instanceof InvalidArgument) return err.field;
    throw err;
  }
  throw new Error('expected an InvalidArgument');
}

describe('parseRunQuery', () => {
  it('defaults: latest runs, 100 per unary page, all items of a stream in pages of 1,000', () => {
    const unary = parseRunQuery('ListRuns', { metric: 'node_filefd_allocated' }, 'unary', NOW);
    expect(unary).toMatchObject({ selector: { kind: 'latest' }, limit: 100, matchers: [], start: null });
    const stream = parseRunQuery('ListDecomposition', { metric: 'x' }, 'stream', NOW);
    expect(stream).toMatchObject({ limit: Number.POSITIVE_INFINITY, pageSize: 1000 });
  });

  it('reads each selector', () => {
    const q = (runs: object) => parseRunQuery('ListRuns', { metric: 'm', runs }, 'unary', NOW).selector;
    expect(q({ latest: true, selector: 'latest' })).toEqual({ kind: 'latest' });
    expect(q({ run_id: 42, selector: 'run_id' })).toEqual({ kind: 'run', runId: 42 });
    expect(q({ window_end: { from: { seconds: 1000, nanos: 5_000_000 } }, selector: 'window_end' })).toEqual({
      kind: 'range',
      fromMs: 1_000_005,
      toMs: NOW,
    });
  });

  it('names the field of every invalid value', () => {
    const bad = (request: object, mode: 'unary' | 'stream' = 'unary') =>
      field(() => parseRunQuery('ListRuns', { metric: 'm', ...request }, mode, NOW));
    expect(bad({ metric: '' })).toBe('metric');
    expect(bad({ metric: 'a-b' })).toBe('metric');
    expect(bad({ metric: 'x'.repeat(256) })).toBe('metric');
    expect(bad({ matchers: [{ label: '', value: 'a' }] })).toBe('matchers[0].label');
    expect(
      bad({
        matchers: [
          { label: 'ok', value: 'a' },
          { label: 'é', value: 'a' },
        ],
      }),
    ).toBe('matchers[1].label');
    expect(bad({ matchers: [{ label: 'ok', op: 'REGEX', value: 'a' }] })).toBe('matchers[0].op');
    expect(bad({ matchers: [{ label: 'ok', value: 'v'.repeat(1025) }] })).toBe('matchers[0].value');
    expect(bad({ matchers: Array.from({ length: 33 }, () => ({ label: 'a', value: 'b' })) })).toBe(
      'matchers',
    );
    expect(bad({ runs: { run_id: 0, selector: 'run_id' } })).toBe('runs.run_id');
    expect(bad({ runs: { window_end: { from: { seconds: 10, nanos: -1 } }, selector: 'window_end' } })).toBe(
      'runs.window_end.from.nanos',
    );
    expect(bad({ runs: { window_end: { to: { seconds: 1e12, nanos: 0 } }, selector: 'window_end' } })).toBe(
      'runs.window_end.to',
    );
    expect(
      bad({
        runs: {
          window_end: { from: { seconds: 20, nanos: 0 }, to: { seconds: 10, nanos: 0 } },
          selector: 'window_end',
        },
      }),
    ).toBe('runs.window_end');
    expect(bad({ limit: 1001 })).toBe('limit');
    expect(bad({ page_size: 10_001 }, 'stream')).toBe('page_size');
    expect(bad({ page_token: 'garbage!' })).toBe('page_token');
  });

  it('accepts its own page tokens and refuses those of another method or query', () => {
    const first = parseRunQuery('ListRuns', { metric: 'm' }, 'unary', NOW);
    const token = encodePageToken(first.fingerprint, { seriesId: 3, windowEndMs: 1000, runId: 9, index: 0 });
    expect(parseRunQuery('ListRuns', { metric: 'm', page_token: token }, 'unary', NOW).start).toEqual({
      seriesId: 3,
      windowEndMs: 1000,
      runId: 9,
      index: 0,
    });
    // Paging fields are not part of the query: a different limit keeps the token valid.
    expect(
      parseRunQuery('ListRuns', { metric: 'm', limit: 5, page_token: token }, 'unary', NOW).start,
    ).not.toBeNull();
    expect(
      field(() => parseRunQuery('GetDickeyFuller', { metric: 'm', page_token: token }, 'unary', NOW)),
    ).toBe('page_token');
    expect(field(() => parseRunQuery('ListRuns', { metric: 'n', page_token: token }, 'unary', NOW))).toBe(
      'page_token',
    );
  });

  it('an open time range keeps its tokens valid as "now" moves on', () => {
    const runs = { window_end: { from: { seconds: 0, nanos: 0 } }, selector: 'window_end' as const };
    const a = parseRunQuery('ListRuns', { metric: 'm', runs }, 'unary', NOW);
    const b = parseRunQuery('ListRuns', { metric: 'm', runs }, 'unary', NOW + 60_000);
    expect(a.fingerprint).toBe(b.fingerprint);
  });
});

describe('series queries and matching', () => {
  it('ListSeries validates like the run queries', () => {
    expect(parseSeriesQuery({ metric: 'm' })).toMatchObject({ metric: 'm', limit: 100, start: null });
    expect(field(() => parseSeriesQuery({ metric: 'm', limit: 2000 }))).toBe('limit');
  });

  it('reads the operators as PromQL and refuses a regex RE2 refuses, naming the value', () => {
    expect(
      parseMatchers([
        { label: 'a', value: 'x' },
        { label: 'b', op: 'NOT_EQUAL', value: 'x' },
        { label: 'c', op: 'MATCH_REGEX', value: '(?i)x.*' },
        { label: 'd', op: 'NOT_MATCH_REGEX', value: 'y|z' },
      ]).map((m) => m.op),
    ).toEqual(['=', '!=', '=~', '!~']);
    expect(field(() => parseMatchers([{ label: 'a', op: 'MATCH_REGEX', value: '(?=x)x' }]))).toBe(
      'matchers[0].value',
    );
    expect(
      field(() =>
        parseMatchers([
          { label: 'a', op: 'EQUAL', value: 'x' },
          { label: 'b', op: 'NOT_MATCH_REGEX', value: '(a)\\1' },
        ]),
      ),
    ).toBe('matchers[1].value');
    // An equality matcher's value is a literal, never a regex.
    expect(parseMatchers([{ label: 'a', op: 'EQUAL', value: '(?=x)' }])[0]).toMatchObject({
      op: '=',
      value: '(?=x)',
    });
  });
});
