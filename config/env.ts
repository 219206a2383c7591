import { z } from 'zod';
import { DURATION, type DurationGrammar, durationPattern, parseDuration } from '../contracts/duration.ts';

/**
 * Every environment variable Vigil reads, with defaults that point at the local stack started by
 * `scripts/stack.sh`. Parsed once at process start (12-factor); business code receives the typed result.
 * The docker-compose test checks that every variable set there is declared here.
 */
const port = z.coerce.number().int().min(1).max(65535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const url = z.string().url();

/** A duration field in `grammar` (contracts/duration.ts), kept as text; zod's error names the field. */
export function durationText(grammar: DurationGrammar, message: string) {
  return z.string().regex(new RegExp(durationPattern(grammar)), message);
}

const anyDuration = durationText(DURATION, 'a duration like 30s, 5m, 1h or 30d');
/** A duration like `30s`, `5m`, `1h` or `30d`, as milliseconds. */
const durationMs = anyDuration.transform((s) => parseDuration(s)! * 1000);
const csv = z
  .string()
  .min(1)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

export const envSchema = z.object({
  /** After SIGTERM, how long a process may take to stop gracefully before it exits anyway. */
  VIGIL_SHUTDOWN_GRACE: durationMs.prefault('45s'),
  VIGIL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** The Temporal Web UI the dashboard links to; default: the local stack's (VIGIL_TEMPORAL_UI_PORT). */
  VIGIL_TEMPORAL_UI_URL: url.optional(),
  VIGIL_TEMPORAL_UI_PORT: port.default(8233),
  VIGIL_TASK_QUEUE: z.string().min(1).default('vigil-pipeline'),
  VIGIL_ANALYSIS_TASK_QUEUE: z.string().min(1).default('vigil-analysis'),
  /** Analysis threads per analysis worker process (0: one per core). */
  VIGIL_ANALYSIS_THREADS: z.coerce.number().int().min(0).max(256).default(0),
  /** Start each Holt-Winters fit from the series' previous stored fit (read from MySQL) instead of the grid. */
  VIGIL_HW_WARM_START: bool.default(true),
  /** With warm starts on, every series still gets a cold (statsmodels-parity) fit at least this often. */
  VIGIL_HW_COLD_EVERY: durationMs.prefault('1h'),
  /** Shards one analysis worker process runs at once; they share its threads, so one fetches while another analyzes. */
  VIGIL_ANALYSIS_CONCURRENT_SHARDS: z.coerce.number().int().min(1).max(64).default(2),
  VIGIL_STORAGE_TASK_QUEUE: z.string().min(1).default('vigil-storage'),
  /** The SLA worker's queue: on-demand violation checks started by the REST API. */
  VIGIL_SLA_TASK_QUEUE: z.string().min(1).default('vigil-sla'),
  VIGIL_SCHEDULE_ID: z.string().min(1).default('vigil-pipeline'),
  /** The SLA worker's every-minute schedule of SLO counting (contracts/slo.ts). */
  VIGIL_SLO_SCHEDULE_ID: z.string().min(1).default('vigil-slo-minutes'),
  VIGIL_SCHEDULE_INTERVAL: durationText({ units: ['s', 'm', 'h'] }, 'a duration like 30s, 5m or 1h').default(
    '5m',
  ),

  KAFKA_BROKERS: csv.default(['127.0.0.1:9092']),
  KAFKA_TOPIC: z.string().min(1).default('prometheusdata'),
  KAFKA_CLIENT_ID: z.string().min(1).default('vigil'),

  MYSQL_URL: url.default('mysql://vigil:vigil@127.0.0.1:3306/vigil'),

  /** The storage drain (workers/storage.ts): its Kafka consumer group, shared by every storage worker. */
  VIGIL_STORAGE_GROUP_ID: z.string().min(1).default('vigil-storage'),
  /** Kafka consumers the drain workflow runs at once (spread over the storage workers; ≤ partitions is useful). */
  VIGIL_DRAIN_CONSUMERS: z.coerce.number().int().min(1).max(64).default(2),
  /** How long one drain activity runs before the workflow continues-as-new (bounds its history). */
  VIGIL_DRAIN_LEASE: durationMs.prefault('1h'),
  /** A drain activity silent this long is taken for dead and restarted on another worker. */
  VIGIL_DRAIN_HEARTBEAT_TIMEOUT: durationMs.prefault('30s'),
  /** Kafka session timeout: how soon a dead consumer's partitions go to the others. */
  VIGIL_KAFKA_SESSION_TIMEOUT: durationMs.prefault('30s'),
  /** A storage transaction still running after this long is abandoned and retried on a new connection. */
  VIGIL_DB_TX_TIMEOUT: durationMs.prefault('60s'),
  /** Runs per series whose full HP/decomposition series are kept (the latest plus history); scalars are kept for all. */
  VIGIL_RETENTION_COMPONENT_RUNS: z.coerce.number().int().min(1).default(12),
  /** How often the retention cleanup schedule runs. */
  VIGIL_RETENTION_INTERVAL: anyDuration.default('15m'),
  /** Runs (every stored result) whose window ended longer ago than this are deleted; `0d` keeps them forever. */
  VIGIL_RETENTION_RUN_AGE: durationMs.prefault('30d'),
  /** Dead letters received longer ago than this are deleted; `0d` keeps them forever. */
  VIGIL_RETENTION_DEAD_LETTER_AGE: durationMs.prefault('30d'),

  PROMETHEUS_URL: url.default('http://127.0.0.1:9090'),

  VIGIL_CATALOG_FILE: z.string().min(1).default('config/metrics.catalog.json'),

  VIGIL_WORKER_METRICS_PORT: port.default(9464),
  VIGIL_GRPC_PORT: port.default(50051),
  /** PEM certificate chain and key of the retrieval gRPC server; both set turns TLS on, neither keeps plaintext. */
  VIGIL_GRPC_TLS_CERT: z.string().min(1).optional(),
  VIGIL_GRPC_TLS_KEY: z.string().min(1).optional(),
  /** PEM CA bundle `vigil retrieve` trusts for a TLS server (a private CA); set means the client uses TLS. */
  VIGIL_GRPC_TLS_CA: z.string().min(1).optional(),
  VIGIL_REST_PORT: port.default(8080),
  VIGIL_HOST: z.string().min(1).default('127.0.0.1'),

  /** Bearer token for write routes (REST) and, when set, for gRPC calls. Never defaulted in production. */
  VIGIL_API_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  VIGIL_REST_OPEN_READS: bool.default(true),
  /** REST requests one client (IP) may make per minute; past it, 429 until the minute rolls over. */
  VIGIL_REST_RATE_LIMIT: z.coerce.number().int().min(1).default(6000),
  /** How long the REST API waits for a violation-check workflow before answering 503 (it keeps running). */
  VIGIL_REST_CHECK_TIMEOUT: durationMs.prefault('10s'),
  /**
   * How far back a violation check's `end` may lie: Prometheus's retention (30d in the local stack). Older data
   * is gone, so such a check could only answer "no samples" while costing a workflow.
   */
  VIGIL_REST_CHECK_MAX_AGE: durationMs.prefault('30d'),
  /** Violation checks one REST process waits on at once; past it, 503 with Retry-After instead of a new workflow. */
  VIGIL_REST_CHECKS_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(32),
});

export type Env = z.infer<typeof envSchema>;

/**
 * Each process role serves /metrics on its own port, counted up from VIGIL_WORKER_METRICS_PORT; the local
 * Prometheus's "vigil" job scrapes exactly these (scripts/servers/prometheus.sh).
 */
export const METRICS_PORT_OFFSETS = { pipeline: 0, analysis: 1, storage: 2, retrieval: 3, sla: 4 } as const;
export type ProcessRole = keyof typeof METRICS_PORT_OFFSETS;

export function metricsPort(env: Env, role: ProcessRole): number {
  return env.VIGIL_WORKER_METRICS_PORT + METRICS_PORT_OFFSETS[role];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses `source` (default `process.env`); throws a ConfigError that names every bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape).flatMap((k) =>
      source[k] === undefined || source[k] === '' ? [] : [[k, source[k]]],
    ),
  );
  const result = envSchema.safeParse(relevant);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(relevant[String(i.path[0])])})`,
  );
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}
