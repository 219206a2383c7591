import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('exitAfterGrace', () => {
  it('ends a process whose graceful shutdown hangs, with exit code 1, after the grace period', () => {
    // A process that would live forever (an interval keeps the event loop busy) once asked to stop.
    const script = `import('./runtime/shutdown.ts').then((m) => { m.exitAfterGrace(300); setInterval(() => {}, 1000); });`;
    const started = Date.now();
    const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: root,
      env: { ...process.env, VIGIL_LOG_LEVEL: 'silent' },
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('does not keep a process alive that finishes on its own', () => {
    const script = `import('./runtime/shutdown.ts').then((m) => { m.exitAfterGrace(60000); });`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: root,
      env: { ...process.env, VIGIL_LOG_LEVEL: 'silent' },
      timeout: 20_000,
    });
    expect(result.status).toBe(0);
  });
});
