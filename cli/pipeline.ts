import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config/index.ts';
import { rootMessage } from '../contracts/cause-chain.ts';
import type { CycleSummary } from '../contracts/pipeline.ts';
import { connectClient } from '../workers/temporal.ts';
import type { pipelineCycle } from '../workflows/pipeline/index.ts';

const USAGE = `usage: vigil pipeline run [--metric NAME]... [--window-end ISO-8601] [--no-wait]

Runs one pipeline cycle now (the same workflow the schedule starts every interval;
'temporal schedule trigger --schedule-id vigil-pipeline' does the same).
`;

function printSummary(s: CycleSummary): void {
  const rows = s.metrics.map((m) => {
    const errors = Object.values(m.analysisErrors).reduce((a, b) => a + b, 0);
    return `  ${m.metric.padEnd(36)} ${String(m.series).padStart(6)} series ${String(m.published).padStart(6)} published ${String(errors).padStart(5)} section errors ${(m.durationMs / 1000).toFixed(1).padStart(7)} s`;
  });
  process.stdout.write(
    `cycle ${s.cycleId}: window ${s.window.start} .. ${s.window.end}\n${rows.join('\n')}\n`,
  );
  for (const f of s.failedMetrics) process.stdout.write(`  ${f.metric}: FAILED: ${f.error}\n`);
  for (const m of s.metrics.filter((x) => x.tooLarge > 0)) {
    const more = m.tooLarge > m.tooLargeSeries.length ? ', …' : '';
    process.stdout.write(
      `  ${m.metric}: ${m.tooLarge} series not published, MESSAGE_TOO_LARGE: ${m.tooLargeSeries.join(', ')}${more}\n`,
    );
  }
}

export async function run(argv: string[]): Promise<number> {
  let values: { metric?: string[]; 'window-end'?: string; 'no-wait'?: boolean };
  let sub: string | undefined;
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        metric: { type: 'string', multiple: true },
        'window-end': { type: 'string' },
        'no-wait': { type: 'boolean' },
      },
    });
    values = parsed.values;
    sub = parsed.positionals[0];
  } catch (err) {
    process.stderr.write(`vigil pipeline: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (sub !== 'run') {
    process.stderr.write(USAGE);
    return 2;
  }
  const windowEnd = values['window-end'];
  if (windowEnd !== undefined && Number.isNaN(Date.parse(windowEnd))) {
    process.stderr.write('vigil pipeline: --window-end must be an ISO-8601 time\n');
    return 2;
  }
  const env = loadConfigOrExit();
  const client = await connectClient(env);
  try {
    const workflowId = `pipeline-manual-${new Date().toISOString()}`;
    const handle = await client.workflow.start<typeof pipelineCycle>('pipelineCycle', {
      taskQueue: env.VIGIL_TASK_QUEUE,
      workflowId,
      args: [{ metrics: values.metric, windowEnd }],
    });
    process.stderr.write(`started ${workflowId}\n`);
    if (values['no-wait']) return 0;
    process.stderr.write('waiting for the cycle to finish (Ctrl-C stops waiting, not the cycle) ...\n');
    printSummary(await handle.result());
    return 0;
  } catch (err) {
    process.stderr.write(`vigil pipeline: the cycle failed: ${rootMessage(err)}\n`);
    return 1;
  } finally {
    await client.connection.close();
  }
}
