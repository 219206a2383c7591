import { Counter, Gauge, Histogram } from 'prom-client';
import { registry } from './metrics-server.ts';

/**
 * The retrieval server's self-metrics, per gRPC method and status code (grpc-js names: OK, NOT_FOUND, …).
 * Buckets are fine below 10 ms: GetDickeyFuller's p99 target is 10 ms.
 */
export const requestDuration = new Histogram({
  name: 'vigil_retrieval_request_duration_seconds',
  help: 'Time from receiving a retrieval call to its status (a stream: until its last page is written)',
  labelNames: ['method', 'code'],
  buckets: [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [registry],
});

export const requests = new Counter({
  name: 'vigil_retrieval_requests_total',
  help: 'Retrieval calls finished, by method and status code',
  labelNames: ['method', 'code'],
  registers: [registry],
});

export const streamedItems = new Counter({
  name: 'vigil_retrieval_streamed_items_total',
  help: 'Items (points, lags, aggregates) written to retrieval streams',
  labelNames: ['method'],
  registers: [registry],
});

export const inFlight = new Gauge({
  name: 'vigil_retrieval_in_flight',
  help: 'Retrieval calls being served',
  labelNames: ['method'],
  registers: [registry],
});
