import { config, type Env } from '../../config/index.ts';

/**
 * Integration tests run against the test stack that scripts/test.sh starts (VIGIL_PROFILE=test) and whose
 * addresses it exports; refuse to run against anything else, so a test can never touch a developer's data.
 */
export function testEnv(): Env {
  if (process.env.VIGIL_PROFILE !== 'test') {
    throw new Error('integration tests need the test stack: run them with `npm test` (scripts/test.sh)');
  }
  return config();
}

/** A name unique to this test run, for topics, tables, task queues and workflow ids. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
