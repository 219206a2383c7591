import { readFile } from 'node:fs/promises';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { PIPELINE_WORKFLOWS_PATH } from '../../../workers/pipeline.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

// Histories recorded from real cycles on the local stack (`temporal workflow show --output json`). Replaying
// them through today's workflow code fails on any non-deterministic change, e.g. reordered commands.
quietTemporalRuntime();

async function replay(file: string, workflowId: string): Promise<void> {
  const history = JSON.parse(
    await readFile(new URL(`../../fixtures/histories/${file}`, import.meta.url), 'utf8'),
  );
  await Worker.runReplayHistory({ workflowsPath: PIPELINE_WORKFLOWS_PATH }, history, workflowId);
}

describe('pipeline workflows replay recorded histories', () => {
  it('pipelineCycle', async () => {
    await expect(
      replay('pipeline-cycle.json', 'pipeline-manual-2026-11-26T19:09:05.095Z'),
    ).resolves.toBeUndefined();
  });

  it('metricCycle', async () => {
    await expect(
      replay('metric-cycle.json', 'pipeline-manual-2026-11-26T19:09:05.095Z/node_filesystem_free_bytes'),
    ).resolves.toBeUndefined();
  });
});
