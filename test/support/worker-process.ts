import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Env } from '../../config/index.ts';
import { freeBasePort } from './ports.ts';

/**
 * A real `vigil worker <role>` child process against the test stack, with its output kept for failure reports:
 * what the crash tests SIGKILL and start again.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type WorkerRole = 'pipeline' | 'analysis' | 'storage' | 'sla';

/** Each role serves /metrics on VIGIL_WORKER_METRICS_PORT + this offset. */
const METRICS_OFFSET: Record<WorkerRole, number> = { pipeline: 0, analysis: 1, storage: 2, sla: 4 };

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export class WorkerProcess {
  readonly output: string[] = [];
  private exited: Promise<number | null>;

  private constructor(
    readonly role: WorkerRole,
    readonly child: ChildProcess,
    readonly metricsPort: number,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ? null : code)),
    );
    const collect = (chunk: Buffer) => this.output.push(chunk.toString('utf8'));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
  }

  /** Starts the role with the stack's addresses from `env` plus `extra`, and waits for its "started" log line. */
  static async start(role: WorkerRole, env: Env, extra: Record<string, string>): Promise<WorkerProcess> {
    const offset = METRICS_OFFSET[role];
    const base = await freeBasePort([offset]);
    const child = spawn(process.execPath, ['bin/vigil.mjs', 'worker', role], {
      cwd: ROOT,
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
        KAFKA_BROKERS: env.KAFKA_BROKERS.join(','),
        MYSQL_URL: env.MYSQL_URL,
        PROMETHEUS_URL: env.PROMETHEUS_URL,
        VIGIL_WORKER_METRICS_PORT: String(base),
        VIGIL_LOG_LEVEL: 'info',
        ...extra,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(role, child, base + offset);
    await worker.waitForLog(`${role} worker started`, 90_000);
    return worker;
  }

  log(): string {
    return this.output.join('');
  }

  async waitForLog(text: string, timeoutMs: number): Promise<void> {
    await waitFor(
      async () => {
        if (this.child.exitCode !== null)
          throw new Error(`${this.role} worker exited:\n${this.log().slice(-4000)}`);
        return this.log().includes(text);
      },
      timeoutMs,
      `log line "${text}"`,
    );
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Resolves with the exit code (null when killed by a signal). */
  exit(): Promise<number | null> {
    return this.exited;
  }

  async metrics(): Promise<string> {
    const res = await fetch(`http://127.0.0.1:${this.metricsPort}/metrics`);
    return res.text();
  }
}
