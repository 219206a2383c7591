import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/**
 * The dashboard at /ui/: a few plain ES modules and uPlot (from node_modules, never a CDN), served from memory by
 * the SLA manager itself, so the pages read the REST API from the same origin under the same auth: the files are
 * public (they hold no data), every figure they show comes from a `read` route. No build step; the routes are
 * fixed paths (no file name from the URL reaches the file system) and hidden from the OpenAPI document.
 */

const PUBLIC = fileURLToPath(new URL('./public/', import.meta.url));
const require = createRequire(import.meta.url);

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** URL path under /ui/ → file. */
const FILES: Record<string, string> = {
  '': `${PUBLIC}index.html`,
  'style.css': `${PUBLIC}style.css`,
  'app.js': `${PUBLIC}app.js`,
  'api.js': `${PUBLIC}api.js`,
  'format.js': `${PUBLIC}format.js`,
  'chart.js': `${PUBLIC}chart.js`,
  'overview.js': `${PUBLIC}overview.js`,
  'sla.js': `${PUBLIC}sla.js`,
  'pipeline.js': `${PUBLIC}pipeline.js`,
  'vendor/uPlot.esm.js': require.resolve('uplot/dist/uPlot.esm.js'),
  'vendor/uPlot.min.css': require.resolve('uplot/dist/uPlot.min.css'),
};

/**
 * The pages may load and fetch only from this server: a stray external reference fails in the browser instead of
 * leaking a request. uPlot sets inline styles, hence 'unsafe-inline' for styles only.
 */
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; " +
  "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export interface UiOptions {
  /** The Temporal Web UI the pages link workflows to. */
  temporalUiUrl: string;
  namespace: string;
}

export async function uiRoutes(app: FastifyInstance, options: UiOptions): Promise<void> {
  for (const [path, file] of Object.entries(FILES)) {
    const body = readFileSync(file);
    const type = TYPES[file.slice(file.lastIndexOf('.') + 1)]!;
    app.get(`/ui/${path}`, { schema: { hide: true }, config: { access: 'public' } }, async (_req, reply) =>
      reply
        .header('content-type', type)
        .header('cache-control', 'no-cache')
        .header('content-security-policy', CSP)
        .header('x-content-type-options', 'nosniff')
        .send(body),
    );
  }
  app.get('/ui', { schema: { hide: true }, config: { access: 'public' } }, async (_req, reply) =>
    reply.redirect('/ui/'),
  );
  app.get('/ui/config.json', { schema: { hide: true }, config: { access: 'read' } }, async () => ({
    temporalUiUrl: options.temporalUiUrl,
    namespace: options.namespace,
  }));
}
