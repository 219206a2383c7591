import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';
import type { Logger } from 'pino';
import { ConfigError, type Env, loadConfigOrExit, metricsPort } from '../../config/index.ts';
import { type Database, openDatabase } from '../../drizzle/db.ts';
import { componentLogger } from '../../observability/logger.ts';
import { inFlight, requestDuration, requests, streamedItems } from '../../observability/retrieval-metrics.ts';
import { runningServer, runProcess } from '../../runtime/lifecycle.ts';
import { type Authorizer, bearerAuthorizer } from './auth.ts';
import { type AnyServerCall, callContext } from './call-context.ts';
import type { GetSloBudgetRequest, ListSeriesBudgetsRequest, ListSlosRequest, RunQuery } from './messages.ts';
import {
  MAX_RECEIVE_BYTES,
  MAX_SEND_BYTES,
  type MethodName,
  retrievalService,
  SERVICE_NAME,
} from './proto.ts';
import { reflectionDefinition } from './reflection.ts';
import { SeriesCatalog } from './series-catalog.ts';
import { RetrievalService } from './service.ts';
import { SloService } from './slo-service.ts';
import { serviceError, statusName, toStatus } from './status.ts';
import { PageWriter } from './stream-writer.ts';

/**
 * The retrieval gRPC server: RetrievalService plus the standard health service and server reflection (so grpcurl,
 * grpcui and Postman discover it), bounded message sizes, optional TLS and bearer token, per-method metrics,
 * and a graceful shutdown that lets calls in flight finish.
 */

export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

export interface RetrievalServerOptions {
  database: Database;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  token?: string | undefined;
  tls?: TlsFiles | undefined;
  log?: Logger;
  /** How long a metric's series list is cached (ms). */
  catalogTtlMs?: number;
}

export interface RunningRetrievalServer {
  readonly port: number;
  readonly health: HealthImplementation;
  /** Stops accepting calls, lets calls in flight finish for up to `graceMs`, then cancels the rest. */
  shutdown(graceMs?: number): Promise<void>;
}

function credentials(tls: TlsFiles | undefined): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  return grpc.ServerCredentials.createSsl(null, [
    { cert_chain: readFileSync(tls.certFile), private_key: readFileSync(tls.keyFile) },
  ]);
}

type Handlers = grpc.UntypedServiceImplementation;

function instrument(
  authorize: Authorizer,
  service: RetrievalService,
  slos: SloService,
  log: Logger,
): Handlers {
  const finish = (method: MethodName, started: number, err: unknown) => {
    const mapped = err === undefined ? null : toStatus(err);
    const code = mapped ? statusName(mapped.code) : 'OK';
    requestDuration.observe({ method, code }, (performance.now() - started) / 1000);
    requests.inc({ method, code });
    inFlight.dec({ method });
    if (mapped?.internal) log.error({ err, method }, 'retrieval call failed');
    return mapped;
  };

  const unary =
    <Req>(method: MethodName, handle: (request: Req) => Promise<unknown>) =>
    (call: grpc.ServerUnaryCall<Req, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const started = performance.now();
      inFlight.inc({ method });
      const ctx = callContext(call as AnyServerCall);
      (async () => {
        authorize(call.metadata);
        ctx.check();
        const response = await handle(call.request);
        ctx.check();
        return response;
      })().then(
        (response) => {
          ctx.dispose();
          finish(method, started, undefined);
          callback(null, response);
        },
        (err: unknown) => {
          ctx.dispose();
          callback(serviceError(finish(method, started, err)!));
        },
      );
    };

  const stream =
    (
      method: MethodName,
      handle: (request: RunQuery, writer: PageWriter<unknown>, check: () => void) => Promise<number>,
    ) =>
    (call: grpc.ServerWritableStream<RunQuery, unknown>) => {
      const started = performance.now();
      inFlight.inc({ method });
      const ctx = callContext(call as AnyServerCall);
      const writer = new PageWriter(call, ctx);
      (async () => {
        authorize(call.metadata);
        return handle(call.request, writer, () => ctx.check());
      })().then(
        (items) => {
          ctx.dispose();
          streamedItems.inc({ method }, items);
          finish(method, started, undefined);
          call.end();
        },
        (err: unknown) => {
          ctx.dispose();
          const mapped = finish(method, started, err)!;
          // A cancelled call is already closed; emitting an error on it would only be dropped.
          if (!call.cancelled) call.emit('error', serviceError(mapped));
        },
      );
    };

  return {
    ListMetrics: unary('ListMetrics', () => service.listMetrics()),
    ListSeries: unary('ListSeries', (req: Parameters<RetrievalService['listSeries']>[0]) =>
      service.listSeries(req),
    ),
    ListRuns: unary('ListRuns', (req: RunQuery) => service.listRuns(req)),
    GetDickeyFuller: unary('GetDickeyFuller', (req: RunQuery) => service.getDickeyFuller(req)),
    GetLatestForecast: unary('GetLatestForecast', (req: RunQuery) => service.getLatestForecast(req)),
    ListDecomposition: stream('ListDecomposition', (req, w, check) =>
      service.listDecomposition(req, w, check),
    ),
    ListHodrickPrescott: stream('ListHodrickPrescott', (req, w, check) =>
      service.listHodrickPrescott(req, w, check),
    ),
    ListAutocorrelation: stream('ListAutocorrelation', (req, w, check) =>
      service.listAutocorrelation(req, w, check),
    ),
    ListAggregates: stream('ListAggregates', (req, w, check) => service.listAggregates(req, w, check)),
    GetSloBudget: unary('GetSloBudget', (req: GetSloBudgetRequest) => slos.getSloBudget(req)),
    ListSlos: unary('ListSlos', (req: ListSlosRequest) => slos.listSlos(req)),
    ListSeriesBudgets: unary('ListSeriesBudgets', (req: ListSeriesBudgetsRequest) =>
      slos.listSeriesBudgets(req),
    ),
  };
}

export async function startRetrievalServer(options: RetrievalServerOptions): Promise<RunningRetrievalServer> {
  const log = options.log ?? componentLogger('retrieval');
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_RECEIVE_BYTES,
    'grpc.max_send_message_length': MAX_SEND_BYTES,
    // Drop clients that vanished without closing (half-open TCP) instead of holding their streams forever.
    'grpc.keepalive_time_ms': 60_000,
    'grpc.keepalive_timeout_ms': 20_000,
    'grpc.max_concurrent_streams': 256,
  });
  const service = new RetrievalService(
    options.database.db,
    new SeriesCatalog(options.database.db, options.catalogTtlMs),
  );
  const slos = new SloService(options.database.db);
  server.addService(retrievalService(), instrument(bearerAuthorizer(options.token), service, slos, log));

  const health = new HealthImplementation({ '': 'NOT_SERVING', [SERVICE_NAME]: 'NOT_SERVING' });
  health.addToServer(server);
  new ReflectionService(reflectionDefinition()).addToServer(server);

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${options.host}:${options.port}`, credentials(options.tls), (err, bound) =>
      err ? reject(err) : resolve(bound),
    ),
  );
  health.setStatus('', 'SERVING');
  health.setStatus(SERVICE_NAME, 'SERVING');
  log.info(
    { host: options.host, port, tls: Boolean(options.tls), auth: Boolean(options.token) },
    'retrieval server listening',
  );

  return {
    port,
    health,
    shutdown: async (graceMs = 10_000) => {
      health.setStatus('', 'NOT_SERVING');
      health.setStatus(SERVICE_NAME, 'NOT_SERVING');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          log.warn({ graceMs }, 'calls still running after the grace period; cancelling them');
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

/** TLS when both files are configured; one without the other is a configuration error, not silent plaintext. */
export function tlsFromEnv(env: Env): TlsFiles | undefined {
  const cert = env.VIGIL_GRPC_TLS_CERT;
  const key = env.VIGIL_GRPC_TLS_KEY;
  if (!cert && !key) return undefined;
  if (!cert || !key) throw new ConfigError('VIGIL_GRPC_TLS_CERT and VIGIL_GRPC_TLS_KEY must be set together');
  return { certFile: cert, keyFile: key };
}

/** `vigil api retrieval`: serves until SIGINT/SIGTERM, then drains calls in flight and closes the pool. */
export async function run(): Promise<void> {
  const env = loadConfigOrExit();
  const log = componentLogger('retrieval');
  let tls: TlsFiles | undefined;
  try {
    tls = tlsFromEnv(env);
  } catch (err) {
    process.stderr.write(`vigil: ${(err as Error).message}\n`);
    process.exit(2);
  }
  const database = openDatabase(env.MYSQL_URL, { connectionLimit: 16 });
  await runProcess({
    env,
    name: 'retrieval server',
    role: 'retrieval',
    metrics: 'retrieval',
    log,
    start: async () => {
      const server = await startRetrievalServer({
        database,
        host: env.VIGIL_HOST,
        port: env.VIGIL_GRPC_PORT,
        token: env.VIGIL_API_TOKEN,
        tls,
        log,
      });
      // shutdown() drains the calls in flight first.
      return runningServer(() => server.shutdown());
    },
    closers: [() => database.close()],
    started: { port: env.VIGIL_GRPC_PORT, metricsPort: metricsPort(env, 'retrieval') },
  });
}
