import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uiRoutes } from '../../../../../api/sla/ui/routes.ts';

/**
 * The dashboard's files as the browser gets them: every page asset is served by the SLA manager itself, each
 * module's imports resolve to a served file, and nothing points off the machine (no CDN, no external font).
 */

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  await uiRoutes(app, { temporalUiUrl: 'http://127.0.0.1:8233', namespace: 'default' });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

async function fetchUi(path: string) {
  const res = await app.inject({ method: 'GET', url: path });
  expect(res.statusCode, path).toBe(200);
  return res;
}

/** Everything the page loads: the HTML's script and stylesheet links, then each module's imports, recursively. */
async function assetsOf(): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  const html = (await fetchUi('/ui/')).body;
  const queue = [...html.matchAll(/(?:src|href)="([^"#]+)"/g)]
    .map((m) => m[1]!)
    .filter((u) => u.startsWith('/ui/'));
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    const res = await fetchUi(path);
    seen.set(path, res.headers['content-type'] as string);
    if (!path.endsWith('.js')) continue;
    for (const m of res.body.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)) {
      queue.push(new URL(m[1]!, `http://x${path}`).pathname);
    }
    for (const m of res.body.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      queue.push(new URL(m[1]!, `http://x${path}`).pathname);
    }
  }
  return seen;
}

describe('dashboard files', () => {
  it('serves the page, its modules, styles and uPlot from this server, with the right types', async () => {
    const assets = await assetsOf();
    expect([...assets.keys()]).toEqual(
      expect.arrayContaining([
        '/ui/app.js',
        '/ui/chart.js',
        '/ui/overview.js',
        '/ui/sla.js',
        '/ui/pipeline.js',
        '/ui/vendor/uPlot.esm.js',
        '/ui/vendor/uPlot.min.css',
        '/ui/style.css',
      ]),
    );
    for (const [path, type] of assets) {
      expect(type, path).toMatch(path.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
    }
  });

  it('forbids loading or fetching anything from elsewhere (Content-Security-Policy)', async () => {
    const res = await fetchUi('/ui/');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:/);
  });

  it('names no external URL in its own files', async () => {
    for (const path of ['/ui/', ...(await assetsOf()).keys()].filter((p) => !p.includes('/vendor/'))) {
      const body = (await fetchUi(path)).body;
      expect(body.match(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/gi) ?? [], path).toEqual([]);
    }
  });

  it('answers unknown files with 404 and never reads a path from the URL', async () => {
    for (const path of [
      '/ui/nope.js',
      '/ui/../package.json',
      '/ui/vendor/../../package.json',
      '/ui/%2e%2e/app.ts',
    ]) {
      const res = await app.inject({ method: 'GET', url: path });
      expect(res.statusCode, path).toBe(404);
    }
  });

  it('tells the pages where the Temporal Web UI is', async () => {
    expect((await fetchUi('/ui/config.json')).json()).toEqual({
      temporalUiUrl: 'http://127.0.0.1:8233',
      namespace: 'default',
    });
  });
});
