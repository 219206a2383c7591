import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { testEnv } from '../../support/env.ts';

// scripts/stack.sh as a second checkout (or a helper) would run it: another stack folder, the same ports as the
// test stack that is up. It must refuse, rather than find the other stack's server "ready" and use it as its own.
testEnv();
const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;
let dir: string | undefined;

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('scripts/stack.sh up', () => {
  it('refuses a port another stack already answers on, naming the server, and starts nothing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-second-stack-'));
    const failed = await run('bash', ['scripts/stack.sh', 'up', 'alertmanager'], {
      cwd: root,
      env: { ...process.env, VIGIL_PROFILE: 'test', VIGIL_STACK_DIR: dir },
      timeout: 120_000,
    }).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed, "the second stack came up on the first one's port").not.toBeNull();
    expect(failed!.code).toBe(1);
    expect(failed!.stderr).toMatch(/alertmanager: http:\/\/127\.0\.0\.1:\d+ already answers/);
    expect(await readdir(join(dir, 'run')).catch(() => [])).not.toContain('alertmanager.pid');
  });
});
