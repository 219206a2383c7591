import { DefaultLogger, Runtime } from '@temporalio/worker';

let installed = false;

/** Keeps worker lifecycle chatter out of test output; warnings and errors still show. Once per process. */
export function quietTemporalRuntime(): void {
  if (installed) return;
  installed = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}
