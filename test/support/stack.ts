import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const STACK = fileURLToPath(new URL('../../scripts/stack.sh', import.meta.url));

export type ServerName = 'mysql' | 'kafka' | 'temporal' | 'node_exporter' | 'prometheus' | 'alertmanager';

/** Stops one server of the test stack for real (failure tests); `startServer` brings it back and waits. */
export async function stopServer(name: ServerName): Promise<void> {
  await run('bash', [STACK, 'down', name], { env: { ...process.env, VIGIL_PROFILE: 'test' } });
}

export async function startServer(name: ServerName): Promise<void> {
  await run('bash', [STACK, 'up', name], {
    env: { ...process.env, VIGIL_PROFILE: 'test', VIGIL_PROVISIONED: '1' },
  });
}
