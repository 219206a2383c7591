import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { desc, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationTargets } from '../../../drizzle/sla-schema.ts';
import { testEnv } from '../../support/env.ts';
import { type SlaHarness, startSla, TEST_TOKEN } from '../../support/sla.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

/**
 * The REST API against its own OpenAPI document, fuzzed by schemathesis (pinned; provisioned by
 * scripts/provision/schemathesis.sh): every operation, every check, positive and negative data, undeclared
 * methods and stateful sequences (create, then read, replace, patch, delete what was created), over real HTTP
 * with a write token. Bounded (examples per operation, a fixed seed) so it takes about a minute.
 */

const exec = promisify(execFile);
quietTemporalRuntime();
const env = testEnv();
const CONFIG = fileURLToPath(new URL('./schemathesis.toml', import.meta.url));
const MAX_EXAMPLES = '15';
const SEED = '20261130';
let h: SlaHarness;
let base: string;

let targetsBefore = 0;

beforeAll(async () => {
  h = await startSla(env);
  base = await h.app.listen({ host: '127.0.0.1', port: 0 });
  const [last] = await h.database.db
    .select({ id: notificationTargets.id })
    .from(notificationTargets)
    .orderBy(desc(notificationTargets.id))
    .limit(1);
  targetsBefore = last?.id ?? 0;
});
afterAll(async () => {
  // The fuzzer's notification targets point anywhere: later tests' SLO runs must not deliver to them.
  await h?.database.db.delete(notificationTargets).where(gt(notificationTargets.id, targetsBefore));
  await h?.stop();
});

describe('schemathesis against the running REST API', () => {
  it('finds no failure: the OpenAPI document tells the truth and nothing answers 5xx', {
    timeout: 240_000,
  }, async () => {
    const st = process.env.VIGIL_SCHEMATHESIS;
    expect(st, 'VIGIL_SCHEMATHESIS is exported by scripts/test.sh (scripts/lib/common.sh)').toBeTruthy();
    const args = [
      '--no-color',
      '--config-file',
      CONFIG,
      'run',
      `${base}/openapi.json`,
      '--header',
      `Authorization: Bearer ${TEST_TOKEN}`,
      '--max-examples',
      MAX_EXAMPLES,
      '--seed',
      SEED,
      // One worker: hypothesis' lambda descriptions call ast.parse, which is not thread-safe on CPython 3.11.
      '--workers',
      '1',
    ];
    // schemathesis keeps a cache (.schemathesis/) in its working directory: a scratch one, not the repository.
    const cwd = mkdtempSync(join(tmpdir(), 'vigil-schemathesis-'));
    const result = await exec(st!, args, { cwd, maxBuffer: 1 << 26, timeout: 230_000 }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (err: { code?: number; stdout?: string; stderr?: string }) => ({
        code: err.code ?? -1,
        out: `${err.stdout ?? ''}${err.stderr ?? ''}`,
      }),
    );
    rmSync(cwd, { recursive: true, force: true });
    const summary = result.out.slice(result.out.lastIndexOf('SUMMARY'));
    expect(result.code, result.out.slice(-20_000)).toBe(0);
    expect(summary).toMatch(/Tested: \d+/);
    expect(summary).toMatch(/\d+ generated, \d+ passed/);
    expect(summary).not.toMatch(/failure|error/i);
  });
});
