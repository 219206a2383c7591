// A trivial workflow for the stack smoke test: proves a worker can bundle workflow code for the sandbox
// and run it on the real Temporal server, through an activity.
import { proxyActivities } from '@temporalio/workflow';
import type * as activities from './smoke-activities.ts';

const { greet } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

export async function smokeWorkflow(name: string): Promise<string> {
  return greet(name);
}
