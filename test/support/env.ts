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

/** The whole minute `minutes` before now: sample times on a real 1-minute scrape grid, safely in the past. */
export function wholeMinutesAgo(minutes: number): Date {
  return new Date(Math.floor(Date.now() / 60_000) * 60_000 - minutes * 60_000);
}

/** A name unique to this test run, for topics, tables, task queues and workflow ids. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
