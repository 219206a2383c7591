import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * Every Vigil process keeps its own registry (process-level default metrics included) and serves it at
 * GET /metrics for the local Prometheus's "vigil" job. Fastify apps expose the same registry on their own port.
 */
export const registry = new Registry();
// Default process metrics as vigil_process_cpu_user_seconds_total, vigil_nodejs_heap_size_used_bytes, ...
collectDefaultMetrics({ register: registry, prefix: 'vigil_' });

export function setDefaultLabels(labels: Record<string, string>): void {
  registry.setDefaultLabels(labels);
}

/** Starts GET /metrics on host:port; resolves once listening. */
export function serveMetrics(port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
      registry
        .metrics()
        .then((body) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(body);
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
