import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { metricsPort } from '../../config/env.ts';
import { testEnv, uniqueName } from '../support/env.ts';

// Every long-running process of the main job (scripts/lib/processes.sh), started as `npm start` starts it:
// `vigil <args>` as its own process with only environment configuration. Each must come up, serve /metrics
// (and the REST API its health routes), and stop cleanly on SIGTERM.
const env = testEnv();
const VIGIL = fileURLToPath(new URL('../../bin/vigil.mjs', import.meta.url));
const scheduleId = uniqueName('schedule');
const sloScheduleId = uniqueName('slo-schedule');
const processEnv = {
  ...process.env,
  VIGIL_LOG_LEVEL: 'warn',
  VIGIL_API_TOKEN: 'a-long-enough-test-token',
  VIGIL_SCHEDULE_ID: scheduleId,
  VIGIL_SLO_SCHEDULE_ID: sloScheduleId,
  VIGIL_TASK_QUEUE: uniqueName('pipeline'),
  VIGIL_ANALYSIS_TASK_QUEUE: uniqueName('analysis'),
  VIGIL_STORAGE_TASK_QUEUE: uniqueName('storage'),
  VIGIL_SLA_TASK_QUEUE: uniqueName('sla'),
  KAFKA_TOPIC: uniqueName('processes'),
};

async function answers(
  url: string,
  timeoutMs: number,
  child: ChildProcess,
  output: () => string,
): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`exited with ${child.exitCode} during start-up:\n${output()}`);
    const res = await fetch(url).catch(() => null);
    if (res?.ok) return res;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${output()}`);
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

afterAll(async () => {
  // The pipeline and SLA workers created schedules under this test's ids; leave nothing firing behind.
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  for (const id of [scheduleId, sloScheduleId]) {
    await new Client({ connection }).schedule
      .getHandle(id)
      .delete()
      .catch(() => undefined);
  }
  await connection.close();
});

describe('the main job processes', () => {
  it.each([
    ['worker pipeline', metricsPort(env, 'pipeline'), '/metrics'],
    ['worker analysis', metricsPort(env, 'analysis'), '/metrics'],
    ['worker storage', metricsPort(env, 'storage'), '/metrics'],
    ['worker sla', metricsPort(env, 'sla'), '/metrics'],
    ['api retrieval', metricsPort(env, 'retrieval'), '/metrics'],
    ['api sla', env.VIGIL_REST_PORT, '/healthz'],
  ])('vigil %s starts, serves %i%s and stops on SIGTERM', async (args, port, path) => {
    const child = spawn(process.execPath, [VIGIL, ...args.split(' ')], { env: processEnv, stdio: 'pipe' });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    try {
      const res = await answers(`http://127.0.0.1:${port}${path}`, 90_000, child, () => output);
      const body = await res.text();
      if (path === '/metrics') expect(body).toMatch(/vigil_process_cpu_user_seconds_total/);
      else expect(JSON.parse(body)).toEqual({ status: 'ok' });
      // The analysis worker tells which grid kernel it runs; provisioning built the native one on this machine.
      if (args === 'worker analysis') {
        expect(body).toMatch(
          /vigil_analysis_grid_kernel_info\{kernel="native",isa="(avx512f|avx2|x86-64)"[^}]*\} 1/,
        );
      }
      // The SLA worker keeps the SLO counts up to date with its own every-minute schedule.
      if (args === 'worker sla') {
        const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
        try {
          const schedule = await new Client({ connection }).schedule.getHandle(sloScheduleId).describe();
          expect(schedule.action).toMatchObject({
            type: 'startWorkflow',
            workflowType: 'sloMinutes',
            taskQueue: `${processEnv.VIGIL_SLA_TASK_QUEUE}-slo`,
          });
          expect(schedule.spec.intervals).toMatchObject([{ every: 60_000 }]);
        } finally {
          await connection.close();
        }
      }
    } finally {
      const code = await stop(child);
      expect(code, output).toBe(0);
    }
  });
});
