import { config } from '../config/index.ts';
import { componentLogger } from '../observability/logger.ts';

const log = componentLogger('shutdown');

/**
 * Called once a process has been asked to stop (SIGINT/SIGTERM): if the graceful shutdown has not ended the
 * process within `graceMs` (e.g. a Temporal worker waiting on a server that is already gone), exit anyway, so
 * `npm stop` and container runtimes never leave a process behind. The timer does not keep the process alive.
 */
export function exitAfterGrace(graceMs = config().VIGIL_SHUTDOWN_GRACE): void {
  setTimeout(() => {
    log.error({ graceMs }, 'graceful shutdown did not finish in time; exiting');
    process.exit(1);
  }, graceMs).unref();
}
