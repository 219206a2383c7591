import { Histogram } from 'prom-client';
import { registry } from './metrics-server.ts';

/** The SLA manager's self-metrics, in the process registry that its /metrics serves. */
const buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const restRequestDuration = new Histogram({
  name: 'vigil_rest_request_duration_seconds',
  help: 'REST request latency by route pattern, method and status code',
  labelNames: ['route', 'method', 'status'],
  buckets,
  registers: [registry],
});

export const violationCheckDuration = new Histogram({
  name: 'vigil_sla_violation_check_duration_seconds',
  help: 'Time the REST API waited for a violation-check workflow, by window and outcome',
  labelNames: ['window', 'outcome'],
  buckets,
  registers: [registry],
});
