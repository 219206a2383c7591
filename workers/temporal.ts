import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Env } from '../config/index.ts';
import { exitAfterGrace } from '../observability/shutdown.ts';

/** Worker-side connection (Rust core); one per process. */
export function connectWorker(env: Env): Promise<NativeConnection> {
  return NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
}

/** Client-side connection for starting workflows and managing schedules. */
export async function connectClient(env: Env): Promise<Client> {
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  return new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
}

/**
 * Stops the worker on SIGINT/SIGTERM: in-flight activities finish or are handed back, nothing is lost; a shutdown
 * that hangs (the server already gone) ends after a grace period.
 */
export function shutdownOnSignals(shutdown: () => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      exitAfterGrace();
      shutdown();
    });
  }
}
