import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, uniqueName } from '../../support/env.ts';
import { auth, type SlaHarness, startSla } from '../../support/sla.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

/**
 * A dependency that is away is a 503 with Retry-After on every route (mapped once, for all of them); the
 * client may retry. Each harness below points one real client at a port where nothing answers.
 */

quietTemporalRuntime();
const env = testEnv();
let h: SlaHarness;
let closedPort: number;

/** A port that was free a moment ago: connections to it are refused. */
async function refusedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

beforeAll(async () => {
  h = await startSla(env, { withoutWorker: true });
  closedPort = await refusedPort();
});
afterAll(async () => {
  await h?.stop();
});

describe('a dependency that is away', () => {
  it('MySQL: reads and writes answer 503 with Retry-After, never 500', async () => {
    const noDb = await startSla(
      { ...env, MYSQL_URL: `mysql://vigil:vigil@127.0.0.1:${closedPort}/vigil` },
      { withoutWorker: true },
    );
    try {
      const requests = [
        { method: 'GET', url: '/slas' },
        { method: 'GET', url: '/slas/1' },
        { method: 'GET', url: '/slas/1/status' },
        { method: 'GET', url: '/slas/1/forecast' },
        {
          method: 'POST',
          url: '/slas',
          headers: auth,
          payload: { name: uniqueName('sla-nodb'), metric: 'node_filefd_allocated', max: 1 },
        },
      ] as const;
      for (const request of requests) {
        const res = await noDb.app.inject(request);
        expect(res.statusCode, `${request.method} ${request.url}: ${res.body}`).toBe(503);
        expect(res.headers['retry-after']).toBeDefined();
        expect(res.json()).toMatchObject({ type: 'urn:vigil:problem:unavailable' });
        expect(res.json().detail).toMatch(/^MySQL is unavailable \(ECONNREFUSED\)$/);
      }
    } finally {
      await noDb.stop();
    }
  });

  it('Prometheus: status answers 503 naming Prometheus, while MySQL reads still work', async () => {
    const created = await h.app.inject({
      method: 'POST',
      url: '/slas',
      headers: auth,
      payload: { name: uniqueName('sla-noprom'), metric: 'node_filefd_allocated', max: 1 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const noProm = await startSla(
      { ...env, PROMETHEUS_URL: `http://127.0.0.1:${closedPort}` },
      { withoutWorker: true },
    );
    try {
      const status = await noProm.app.inject({ method: 'GET', url: `/slas/${id}/status` });
      expect(status.statusCode, status.body).toBe(503);
      expect(status.headers['retry-after']).toBeDefined();
      expect(status.json().detail).toMatch(/^Prometheus is unavailable \(.*ECONNREFUSED/);
      expect((await noProm.app.inject({ method: 'GET', url: `/slas/${id}` })).statusCode).toBe(200);
    } finally {
      await noProm.stop();
    }
  });
});
