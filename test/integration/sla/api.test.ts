import type { InjectOptions } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, uniqueName } from '../../support/env.ts';
import { auth, type SlaHarness, startSla } from '../../support/sla.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

quietTemporalRuntime();
const env = testEnv();
let h: SlaHarness;
let closed: SlaHarness;

beforeAll(async () => {
  h = await startSla(env);
  closed = await startSla(env, { openReads: false, withoutWorker: true });
});
afterAll(async () => {
  await h?.stop();
  await closed?.stop();
});

function sla(overrides: Record<string, unknown> = {}) {
  return {
    name: uniqueName('sla-crud'),
    description: 'open file descriptors stay below 4,000',
    metric: 'node_filefd_allocated',
    matchers: [{ label: 'job', op: '=', value: 'host' }],
    max: 4000,
    for: '5m',
    ...overrides,
  };
}

async function create(body: Record<string, unknown>) {
  const res = await h.app.inject({ method: 'POST', url: '/slas', headers: auth, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('SLA CRUD', () => {
  it('creates, reads, lists, replaces, patches and deletes an SLA', async () => {
    const body = sla();
    const created = await create(body);
    expect(created).toMatchObject({
      ...body,
      min: null,
      forSeconds: 300,
      revision: 1,
      matchers: [{ label: 'job', op: '=', value: 'host' }],
    });
    const id = created.id as number;

    const got = await h.app.inject({ method: 'GET', url: `/slas/${id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(created);

    const listed = await h.app.inject({ method: 'GET', url: `/slas?after=${id - 1}&limit=1` });
    expect(listed.json()).toEqual({ items: [created], next: id });

    const replaced = await h.app.inject({
      method: 'PUT',
      url: `/slas/${id}`,
      headers: auth,
      payload: { name: body.name, metric: 'node_memory_MemAvailable_bytes', min: 1e9 },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({
      metric: 'node_memory_MemAvailable_bytes',
      min: 1e9,
      max: null,
      for: '0s',
      matchers: [],
      description: '',
      revision: 2,
      createdAt: created.createdAt,
    });

    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/slas/${id}`,
      headers: auth,
      payload: { max: 2e10, for: '90s' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ min: 1e9, max: 2e10, for: '90s', forSeconds: 90, revision: 3 });

    const deleted = await h.app.inject({ method: 'DELETE', url: `/slas/${id}`, headers: auth });
    expect(deleted.statusCode).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: `/slas/${id}` })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'DELETE', url: `/slas/${id}`, headers: auth })).statusCode).toBe(
      404,
    );
  });

  it('answers 409 for a duplicate name, on create and on rename', async () => {
    const a = await create(sla());
    const b = await create(sla());
    const dup = await h.app.inject({
      method: 'POST',
      url: '/slas',
      headers: auth,
      payload: sla({ name: a.name }),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.headers['content-type']).toMatch(/^application\/problem\+json/);
    const rename = await h.app.inject({
      method: 'PATCH',
      url: `/slas/${b.id}`,
      headers: auth,
      payload: { name: a.name },
    });
    expect(rename.statusCode).toBe(409);
    // The problem names the SLA that really holds the name.
    for (const res of [dup, rename]) {
      expect(res.json()).toMatchObject({ holder: `/slas/${a.id}` });
      expect(res.json().detail).toContain(`SLA ${a.id}`);
    }
  });

  it('compares names exactly: case, accents and emoji that a case-insensitive collation folds are other names', async () => {
    const base = uniqueName('name');
    // Pairs MariaDB's utf8mb4_unicode_ci weighs equal (emoji it does not weigh at all).
    for (const [first, second] of [
      [`${base}-ABC`, `${base}-abc`],
      [`${base}-\u00e9`, `${base}-e`],
      [`${base}-\u{1F600}`, `${base}-\u{1F648}`],
    ]) {
      const a = await create(sla({ name: first }));
      const b = await create(sla({ name: second }));
      expect([a.name, b.name]).toEqual([first, second]);
      expect(b.id).not.toBe(a.id);
    }
    // The one documented normalisation: NFC, so `é` typed as e + U+0301 is the name `é` already taken.
    const taken = await create(sla({ name: `${base}-caf\u00e9` }));
    const decomposed = await h.app.inject({
      method: 'POST',
      url: '/slas',
      headers: auth,
      payload: sla({ name: `${base}-cafe\u0301` }),
    });
    expect(decomposed.statusCode).toBe(409);
    expect(decomposed.json()).toMatchObject({ holder: `/slas/${taken.id}` });
    const renamed = await h.app.inject({
      method: 'PATCH',
      url: `/slas/${taken.id}`,
      headers: auth,
      payload: { name: `${base}-nai\u0308ve` },
    });
    expect(renamed.json().name).toBe(`${base}-na\u00efve`);
  });
});

describe('optimistic concurrency', () => {
  const write = (method: 'PUT' | 'PATCH' | 'DELETE', id: number, ifMatch?: string, payload?: object) =>
    h.app.inject({
      method,
      url: `/slas/${id}`,
      headers: ifMatch === undefined ? auth : { ...auth, 'if-match': ifMatch },
      ...(payload ? { payload } : {}),
    });

  it('tags each revision and applies a write only while If-Match still holds (412 otherwise)', async () => {
    const body = sla();
    const created = await create(body);
    const id = created.id as number;
    const got = await h.app.inject({ method: 'GET', url: `/slas/${id}` });
    expect(got.headers.etag).toBe('"1"');

    const put = await write('PUT', id, '"1"', { ...body, max: 3000 });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.headers.etag).toBe('"2"');

    // A second client still holding revision 1 is refused and told the current revision; nothing changes.
    const stale = await write('PATCH', id, '"1"', { max: 1 });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.json()).toMatchObject({ status: 412, revision: 2 });
    expect((await write('PUT', id, '"1"', body)).statusCode).toBe(412);
    expect((await write('DELETE', id, '"1"')).statusCode).toBe(412);
    expect((await h.app.inject({ method: 'GET', url: `/slas/${id}` })).json()).toMatchObject({
      max: 3000,
      revision: 2,
    });

    const patched = await write('PATCH', id, '"7", "2"', { max: 3500 });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.headers.etag).toBe('"3"');
    expect((await write('PUT', id, '*', { ...body, max: 3600 })).statusCode).toBe(200);
    expect((await write('DELETE', id, '"4"')).statusCode).toBe(204);
    expect((await write('PUT', id, '*', body)).statusCode).toBe(404);
    expect((await write('PATCH', id, '"4"', { max: 1 })).statusCode).toBe(404);
  });

  it('refuses a malformed If-Match with 400', async () => {
    const { id } = await create(sla());
    for (const bad of ['3', '"x"', '"1",', 'W/3']) {
      const res = await write('PATCH', id, bad, { max: 1 });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().detail).toMatch(/if-match/i);
    }
  });

  it('loses no update when PATCHes without If-Match (or with If-Match: *) race on the same SLA', async () => {
    const changes = [{ description: 'patched' }, { max: 1234 }, { min: 1 }, { for: '10m' }];
    for (let round = 0; round < 6; round++) {
      const { id } = await create(sla({ min: null, max: 4000, for: '5m' }));
      const ifMatch = round % 2 === 0 ? undefined : '*';
      const results = await Promise.all(changes.map((c) => write('PATCH', id, ifMatch, c)));
      for (const r of results) expect(r.statusCode, r.body).toBe(200);
      const final = (await h.app.inject({ method: 'GET', url: `/slas/${id}` })).json();
      expect(final).toMatchObject({ description: 'patched', max: 1234, min: 1, for: '10m', revision: 5 });
      expect(new Set(results.map((r) => r.headers.etag))).toEqual(new Set(['"2"', '"3"', '"4"', '"5"']));
    }
  });

  it('lets 20 concurrent PATCHes without If-Match all land (backing off), none answered 409', async () => {
    const { id } = await create(sla());
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => write('PATCH', id, undefined, { description: `writer ${i}` })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(new Set(results.map((r) => r.headers.etag)).size).toBe(20);
    expect((await h.app.inject({ method: 'GET', url: `/slas/${id}` })).json().revision).toBe(21);
  });
});

describe('authentication', () => {
  it('refuses every write without a valid bearer token, and keeps reads open when configured', async () => {
    const target = await create(sla());
    const writes = [
      { method: 'POST' as const, url: '/slas', payload: sla() },
      { method: 'PUT' as const, url: `/slas/${target.id}`, payload: sla() },
      { method: 'PATCH' as const, url: `/slas/${target.id}`, payload: { max: 1 } },
      { method: 'DELETE' as const, url: `/slas/${target.id}` },
    ];
    for (const headers of [
      {},
      { authorization: 'Bearer wrong-token-wrong-token' },
      { authorization: 'Basic x' },
    ]) {
      for (const w of writes) {
        const res = await h.app.inject({ ...w, headers });
        expect(res.statusCode, `${w.method} ${w.url}`).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer');
        expect(res.json()).toMatchObject({ status: 401, type: 'urn:vigil:problem:unauthorized' });
      }
    }
    expect((await h.app.inject({ method: 'GET', url: `/slas/${target.id}` })).statusCode).toBe(200);
  });

  it('requires the token for reads when reads are closed, but never for health, metrics or the API document', async () => {
    expect((await closed.app.inject({ method: 'GET', url: '/slas' })).statusCode).toBe(401);
    expect((await closed.app.inject({ method: 'GET', url: '/slas', headers: auth })).statusCode).toBe(200);
    for (const url of ['/healthz', '/metrics', '/openapi.json']) {
      expect((await closed.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });
});

describe('bad input', () => {
  it('answers every malformed request with the right 4xx problem, never a 5xx', async () => {
    const id = (await create(sla())).id as number;
    const json = { ...auth, 'content-type': 'application/json' };
    const cases: Array<[number, InjectOptions]> = [
      // bodies
      [400, { method: 'POST', url: '/slas', headers: auth, payload: { ...sla(), extra: 1 } }],
      [400, { method: 'POST', url: '/slas', headers: auth, payload: { metric: 'x', max: 1 } }],
      [400, { method: 'POST', url: '/slas', headers: auth, payload: sla({ metric: 'bad-metric' }) }],
      [400, { method: 'POST', url: '/slas', headers: auth, payload: sla({ max: '5' }) }],
      [400, { method: 'POST', url: '/slas', headers: auth, payload: sla({ for: '5 minutes' }) }],
      [400, { method: 'POST', url: '/slas', headers: auth, payload: sla({ name: '' }) }],
      [400, { method: 'POST', url: '/slas', headers: auth, payload: sla({ name: 'x'.repeat(129) }) }],
      [
        400,
        {
          method: 'POST',
          url: '/slas',
          headers: auth,
          payload: sla({ matchers: [{ label: '1a', value: 'x' }] }),
        },
      ],
      [
        400,
        {
          method: 'POST',
          url: '/slas',
          headers: auth,
          payload: sla({ matchers: [{ label: 'a', op: '~', value: 'x' }] }),
        },
      ],
      [
        400,
        {
          method: 'POST',
          url: '/slas',
          headers: auth,
          payload: sla({ matchers: [{ label: 'a', value: 'x', z: 1 }] }),
        },
      ],
      [400, { method: 'POST', url: '/slas', headers: auth, payload: [] }],
      [400, { method: 'POST', url: '/slas', headers: json, payload: '{"name":' }],
      [400, { method: 'POST', url: '/slas', headers: json, payload: '' }],
      [
        415,
        { method: 'POST', url: '/slas', headers: { ...auth, 'content-type': 'text/plain' }, payload: 'x' },
      ],
      [
        413,
        { method: 'POST', url: '/slas', headers: auth, payload: sla({ description: 'x'.repeat(70_000) }) },
      ],
      [400, { method: 'POST', url: '/slas', headers: auth, payload: sla({ max: null }) }],
      [400, { method: 'PATCH', url: `/slas/${id}`, headers: auth, payload: { min: null, max: null } }],
      [422, { method: 'PATCH', url: `/slas/${id}`, headers: auth, payload: { max: null } }],
      [422, { method: 'POST', url: '/slas', headers: auth, payload: sla({ min: 10, max: 1 }) }],
      [422, { method: 'POST', url: '/slas', headers: auth, payload: sla({ for: '999h' }) }],
      [
        422,
        {
          method: 'POST',
          url: '/slas',
          headers: auth,
          payload: sla({ matchers: [{ label: 'a', op: '=~', value: '(' }] }),
        },
      ],
      [400, { method: 'PUT', url: `/slas/${id}`, headers: auth, payload: { max: 1 } }],
      [400, { method: 'PATCH', url: `/slas/${id}`, headers: auth, payload: {} }],
      [400, { method: 'PATCH', url: `/slas/${id}`, headers: auth, payload: { id: 3 } }],
      [422, { method: 'PATCH', url: `/slas/${id}`, headers: auth, payload: { min: 1e6 } }],
      // params
      ...['abc', '0', '-1', '1.5', '0x1', '1e3', '+1', '99999999999999999999', 'x'.repeat(100)].map(
        (bad): [number, InjectOptions] => [
          bad.length > 64 ? 414 : 400,
          { method: 'GET', url: `/slas/${bad}` },
        ],
      ),
      [404, { method: 'GET', url: '/slas/987654321' }],
      [404, { method: 'GET', url: '/slas/987654321/status' }],
      [404, { method: 'GET', url: '/slas/987654321/violations?window=1h' }],
      [404, { method: 'GET', url: '/slas/987654321/forecast' }],
      [404, { method: 'PUT', url: '/slas/987654321', headers: auth, payload: sla() }],
      [404, { method: 'PATCH', url: '/slas/987654321', headers: auth, payload: { max: 1 } }],
      [404, { method: 'GET', url: '/nowhere' }],
      [405, { method: 'POST', url: `/slas/${id}`, headers: auth, payload: sla() }],
      [405, { method: 'TRACE', url: '/slas' }],
      [405, { method: 'DELETE', url: '/healthz' }],
      // queries
      [400, { method: 'GET', url: '/slas?limit=0' }],
      [400, { method: 'GET', url: '/slas?limit=abc' }],
      [400, { method: 'GET', url: '/slas?limit=501' }],
      [400, { method: 'GET', url: '/slas?after=-1' }],
      [400, { method: 'GET', url: '/slas?sort=name' }],
      [400, { method: 'GET', url: `/slas/${id}/status?samples=0` }],
      [400, { method: 'GET', url: `/slas/${id}/status?x=1` }],
      [400, { method: 'GET', url: `/slas/${id}/violations` }],
      [400, { method: 'GET', url: `/slas/${id}/violations?window=2h` }],
      [400, { method: 'GET', url: `/slas/${id}/violations?window=1h&end=yesterday` }],
      [400, { method: 'GET', url: `/slas/${id}/violations?window=1h&end=2025-01-01T12:00:30Z` }],
      [400, { method: 'GET', url: `/slas/${id}/violations?window=1h&extra=1` }],
      [422, { method: 'GET', url: `/slas/${id}/violations?window=1h&end=2999-01-01T00:00Z` }],
      [400, { method: 'GET', url: `/slas/${id}/forecast?horizon=10` }],
      [400, { method: 'GET', url: `/slas/${id}/forecast?horizon=10m&x=1` }],
      [400, { method: 'GET', url: `/slas/${id}/forecast?horizon=0m` }],
      [400, { method: 'GET', url: `/slas/${id}/forecast?horizon=1441m` }],
      [400, { method: 'GET', url: `/slas/${id}/forecast?horizon=010m` }],
      [400, { method: 'GET', url: '/etl/execution-time?window=0h' }],
      [400, { method: 'GET', url: '/etl/execution-time?window=12x' }],
      [400, { method: 'GET', url: '/etl/execution-time?window=12h&x=1' }],
      [400, { method: 'GET', url: '/etl/execution-time?window=31d' }],
      [400, { method: 'GET', url: '/etl/execution-time?window=3290h' }],
    ];
    for (const [status, request] of cases) {
      const res = await h.app.inject(request);
      const what = `${request.method} ${request.url} ${JSON.stringify(request.payload ?? '').slice(0, 80)}`;
      expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBe(status);
      expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
      expect(res.json(), what).toMatchObject({ status, type: expect.stringMatching(/^urn:vigil:problem:/) });
    }
  });

  it('refuses what used to answer 500 or be stored altered, with a 400 naming the field', async () => {
    const id = (await create(sla())).id as number;
    const json = { ...auth, 'content-type': 'application/json' };
    const cases: Array<[InjectOptions, string]> = [
      // An impossible date and one that would roll over to 2 March.
      [{ method: 'GET', url: `/slas/${id}/violations?window=1h&end=2026-13-45T99:99Z` }, '/end'],
      [{ method: 'GET', url: `/slas/${id}/violations?window=1h&end=2026-02-30T10:00Z` }, '/end'],
      [{ method: 'GET', url: `/slas/${id}/violations?window=1h&end=2025-02-29T10:00Z` }, '/end'],
      // JSON allows 1e400; it parses to Infinity, which no column can hold.
      [
        {
          method: 'POST',
          url: '/slas',
          headers: json,
          payload: JSON.stringify(sla()).replace('"max":4000', '"max":1e400'),
        },
        '/max',
      ],
      [{ method: 'PATCH', url: `/slas/${id}`, headers: json, payload: '{"min":-1e999}' }, '/min'],
      // Lone surrogates have no UTF-8 form: refused, not stored as U+FFFD.
      [
        {
          method: 'POST',
          url: '/slas',
          headers: json,
          payload: JSON.stringify(sla()).replace('"value":"host"', '"value":"\\ud800"'),
        },
        '/matchers/0/value',
      ],
      [
        { method: 'POST', url: '/slas', headers: json, payload: '{"name":"a\\udc00b","metric":"m","max":1}' },
        '/name',
      ],
    ];
    for (const [request, field] of cases) {
      const res = await h.app.inject(request);
      const what = `${request.method} ${request.url} ${String(request.payload ?? '').slice(0, 120)}`;
      expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBe(400);
      expect(res.json().errors, what).toEqual([expect.objectContaining({ path: field })]);
    }
    // A surrogate pair (a real character) is well-formed and kept as written.
    const emoji = await create(sla({ name: uniqueName('sla-😀') }));
    expect(emoji.name).toMatch(/^sla-😀-/);
  });

  it('answers a method a path does not have with 405 and the methods it has', async () => {
    const res = await h.app.inject({ method: 'PATCH', url: '/slas', headers: auth, payload: { max: 1 } });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST');
    expect(res.json()).toMatchObject({ status: 405, type: 'urn:vigil:problem:method-not-allowed' });
  });

  it('lists each unknown property in the problem', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/slas',
      headers: auth,
      payload: { ...sla(), colour: 1 },
    });
    expect(res.json().errors).toEqual([expect.objectContaining({ in: 'body', property: 'colour' })]);
  });

  it('rate-limits a client past its budget with 429 and Retry-After', async () => {
    const limited = await startSla(env, { rateLimitPerMinute: 3, withoutWorker: true });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++)
        codes.push((await limited.app.inject({ method: 'GET', url: '/slas?limit=1' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const res = await limited.app.inject({ method: 'GET', url: '/slas?limit=1' });
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.json()).toMatchObject({ status: 429 });
      expect(res.json().detail).toMatch(/^more than 3 read requests per minute from this client/);
      expect((await limited.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      // Other buckets are untouched: reads with the token, and writes.
      const withToken = await limited.app.inject({ method: 'GET', url: '/slas?limit=1', headers: auth });
      expect(withToken.statusCode).toBe(200);
      const write = await limited.app.inject({ method: 'POST', url: '/slas', headers: auth, payload: sla() });
      expect(write.statusCode).toBe(201);
      // A made-up token is not a credential: it shares the anonymous bucket.
      const fake = { authorization: 'Bearer not-the-token-0123456789' };
      expect(
        (await limited.app.inject({ method: 'GET', url: '/slas?limit=1', headers: fake })).statusCode,
      ).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});

describe('credentials in URLs', () => {
  it('are redacted from problem instances and from the request log', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const logged = await startSla(env, { withoutWorker: true, loggerInstance: logger });
    try {
      const secret = 'leaked-0123456789abcdef';
      const requests: InjectOptions[] = [
        { method: 'POST', url: `/slas?token=${secret}`, payload: sla() },
        { method: 'GET', url: `/slas?api_key=${secret}&limit=5` },
        { method: 'GET', url: `/nowhere?access_token=${secret}` },
      ];
      for (const request of requests) {
        const res = await logged.app.inject(request);
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.body).not.toContain(secret);
        expect(res.json().instance).toMatch(/=REDACTED/);
      }
      expect(lines.join('\n')).toContain('REDACTED');
      expect(lines.join('\n')).not.toContain(secret);
    } finally {
      await logged.stop();
    }
  });
});

describe('operations', () => {
  it('serves an OpenAPI 3 document generated from the route schemas, and Swagger UI', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/etl/execution-time',
        '/healthz',
        '/notification-targets',
        '/notification-targets/{id}',
        '/pipeline/overview',
        '/readyz',
        '/slas',
        '/slas/{id}',
        '/slas/{id}/budget',
        '/slas/{id}/budget/history',
        '/slas/{id}/budget/series',
        '/slas/{id}/burn-rate',
        '/slas/{id}/forecast',
        '/slas/{id}/openslo',
        '/slas/{id}/rules',
        '/slas/{id}/series',
        '/slas/{id}/status',
        '/slas/{id}/violations',
        '/slos',
        '/slos/openslo',
      ].sort(),
    );
    expect(doc.paths['/slas'].post.requestBody.content['application/json'].schema.additionalProperties).toBe(
      false,
    );
    expect(doc.paths['/slas'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ui = await h.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('is live and ready with every dependency up, and exposes its metrics', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: { mysql: 'ok', prometheus: 'ok', temporal: 'ok' },
    });
    const metrics = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('vigil_rest_request_duration_seconds_bucket');
  });
});
