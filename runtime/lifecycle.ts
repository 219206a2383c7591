import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { type Env, metricsPort, type ProcessRole } from '../config/index.ts';
import { serveMetrics, setDefaultLabels } from '../observability/metrics-server.ts';
import { exitAfterGrace } from './shutdown.ts';

/**
 * The one lifecycle of every long-running Vigil process (the four workers, the two APIs), so that each stops
 * the same way on SIGINT/SIGTERM and the start scripts can read the same readiness signal.
 */

/** A started service: `done` settles when it has stopped; `stop` asks it to stop gracefully. */
export interface Running {
  done: Promise<unknown>;
  stop: () => unknown;
}

export interface ProcessOptions {
  env: Env;
  /** What the logs call it: `storage worker`, `retrieval server`. */
  name: string;
  /** The `role` label of every metric this process exports. */
  role: string;
  log: Logger;
  /** Starts the service (a Temporal worker's `run()`, a server's `listen`). */
  start: () => Promise<Running>;
  /**
   * Serve /metrics on this role's port (VIGIL_WORKER_METRICS_PORT + offset) once the service runs; none for a
   * process that serves /metrics on its own port (the REST API).
   */
  metrics?: ProcessRole;
  /** Work that needs the running service (e.g. starting the workflows it executes); a failure stops it. */
  whenRunning?: () => Promise<void>;
  /** Called on the first signal, before the service is asked to stop (e.g. aborting long activities). */
  onSignal?: () => void;
  /** What the process opened (pools, connections), closed after the service stopped, last opened first. */
  closers?: (() => unknown)[];
  /** Logged once the process is ready: what runs here (task queue, port, kernel, …). */
  started?: Record<string, unknown>;
}

/**
 * Runs a service until SIGINT/SIGTERM, then stops it gracefully; a shutdown that hangs (a server already gone)
 * ends after VIGIL_SHUTDOWN_GRACE. /metrics answers only once the service runs and a signal stops it cleanly:
 * the start scripts read it as "ready". Whatever fails after the start stops the running service first, so
 * connections are never closed under it.
 */
export async function runProcess(options: ProcessOptions): Promise<void> {
  const { env, name, log } = options;
  setDefaultLabels({ role: options.role });
  let running: Running | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down');
      exitAfterGrace();
      options.onSignal?.();
      // Before the service exists nothing is in flight: stop at once.
      if (running) running.stop();
      else process.exit(0);
    });
  }
  let metrics: Server | undefined;
  try {
    running = await options.start();
    try {
      if (options.metrics) metrics = await serveMetrics(metricsPort(env, options.metrics), env.VIGIL_HOST);
      await options.whenRunning?.();
    } catch (err) {
      running.stop();
      await running.done.catch(() => undefined);
      throw err;
    }
    log.info(options.started ?? {}, `${name} started`);
    await running.done;
    log.info(`${name} stopped`);
  } finally {
    metrics?.close();
    for (const close of [...(options.closers ?? [])].reverse()) {
      await Promise.resolve()
        .then(close)
        .catch((err: Error) => log.warn({ err: err.message }, 'closing a resource failed'));
    }
  }
}

/** A listening server as a Running service: done once `close` (drain, then close) has finished. */
export function runningServer(close: () => Promise<unknown>): Running {
  let settle: { resolve: () => void; reject: (err: unknown) => void } | undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  return { done, stop: () => close().then(settle?.resolve, settle?.reject) };
}

/** Temporal workers (one per task queue a process serves) as one Running service, run and stopped together. */
export function runningWorker(...workers: Array<{ run(): Promise<void>; shutdown(): void }>): Running {
  return {
    done: Promise.all(workers.map((w) => w.run())),
    stop: () => {
      for (const w of workers) w.shutdown();
    },
  };
}
