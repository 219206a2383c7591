import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, uniqueName } from '../../support/env.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

const exec = promisify(execFile);
quietTemporalRuntime();
const env = testEnv();
const taskQueue = uniqueName('inputs');
let connection: NativeConnection;
let worker: Worker;
let running: Promise<void>;

/** The real `temporal` CLI (provisioned into .tools/bin) against the test stack's server. */
async function temporal(...args: string[]): Promise<string> {
  const { stdout } = await exec('temporal', [...args, '--address', env.TEMPORAL_ADDRESS], {
    maxBuffer: 1 << 24,
  });
  return stdout;
}

interface HistoryEvent {
  eventType: string;
  workflowExecutionFailedEventAttributes?: {
    failure: { message: string; applicationFailureInfo?: { type: string; nonRetryable?: boolean } };
  };
}

/** Starts a workflow with the CLI and returns its history once it closed (or what it has after 30 s). */
async function startAndWait(type: string, input: string): Promise<HistoryEvent[]> {
  const id = uniqueName(type);
  await temporal(
    'workflow',
    'start',
    '--type',
    type,
    '--task-queue',
    taskQueue,
    '--workflow-id',
    id,
    '--input',
    input,
  );
  const deadline = Date.now() + 30_000;
  let events: HistoryEvent[] = [];
  while (Date.now() < deadline) {
    events = JSON.parse(await temporal('workflow', 'show', '--workflow-id', id, '--output', 'json')).events;
    if (events.some((e) => e.eventType.includes('WORKFLOW_EXECUTION_') && !e.eventType.endsWith('STARTED')))
      break;
    await new Promise((r) => setTimeout(r, 300));
  }
  return events;
}

beforeAll(async () => {
  connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  // Every workflow, and no activity: an input that got past its workflow's check would schedule one.
  worker = await Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../../support/all-workflows.ts', import.meta.url)),
  });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await connection?.close();
});

describe('a malformed workflow input fails the workflow at once, non-retryably, naming the field', () => {
  it.each([
    ['pipelineCycle', '{"metrics":"node_filefd_allocated"}', ['metrics']],
    ['pipelineCycle', '{"windowEnd":"2026-02-30T10:00:00Z","surprise":1}', ['windowEnd', 'surprise']],
    [
      'violationCheck',
      '{"slaId":"1","window":"2h","end":"2026-13-45T99:99:00Z"}',
      ['slaId', 'window', 'end'],
    ],
    ['storageDrainWorkflow', '{"consumers":0,"leaseMs":60000}', ['consumers', 'heartbeatTimeoutMs']],
    [
      'storageCleanupWorkflow',
      '{"componentRunsKept":-1,"runMaxAgeMs":"30d"}',
      ['componentRunsKept', 'runMaxAgeMs'],
    ],
    ['pipelineCycle', 'null', ['(input)']],
  ])('%s %s', async (type, input, fields) => {
    const events = await startAndWait(type, input);
    const types = events.map((e) => e.eventType);
    expect(types.at(-1)).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_FAILED');
    expect(types.filter((t) => t === 'EVENT_TYPE_WORKFLOW_TASK_STARTED')).toHaveLength(1);
    expect(types.filter((t) => t.startsWith('EVENT_TYPE_ACTIVITY_') || t.includes('CHILD_WORKFLOW'))).toEqual(
      [],
    );
    const failure = events.at(-1)!.workflowExecutionFailedEventAttributes!.failure;
    expect(failure.applicationFailureInfo).toMatchObject({ type: 'INVALID_INPUT', nonRetryable: true });
    expect(failure.message).toContain(`invalid ${type} input`);
    for (const field of fields) expect(failure.message).toContain(`${field}:`);
  });
});
