import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../drizzle/db.ts';
import { testEnv, wholeMinutesAgo } from '../../support/env.ts';
import { pipelineMessage, startTestServer, storeMessages, uniqueMetric } from '../../support/retrieval.ts';
import { seedSeries, seedSlo } from '../../support/slo-status.ts';

/**
 * `vigil retrieve` as a user and a script see it: the interactive menu driven through its prompts (wrong keys
 * included), and the subcommands' output and exit codes.
 */
const env = testEnv();
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const metric = uniqueMetric('cli');
const end = wholeMinutesAgo(10);

let database: Database;
let harness: Awaited<ReturnType<typeof startTestServer>>;

function vigil(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['bin/vigil.mjs', 'retrieve', ...args], {
    cwd: ROOT,
    env: { ...process.env, VIGIL_LOG_LEVEL: 'silent' },
  });
}

async function runToEnd(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = vigil(args);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end();
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return { code, stdout, stderr };
}

beforeAll(async () => {
  database = openDatabase(env.MYSQL_URL);
  await storeMessages(
    database,
    ['sda1', 'sdb1'].map((device, i) =>
      pipelineMessage(
        { metric, labels: { device, job: 'host' }, windowEnd: end, seed: 40 + i },
        'pipeline-cli',
      ),
    ),
  );
  harness = await startTestServer(database);
});

afterAll(async () => {
  await harness?.close();
  await database?.close();
});

describe('vigil retrieve, interactive', () => {
  it('shows a menu of metrics, rejects wrong keys, prints the tables of a metric and exits on "exit"', async () => {
    const child = vigil(['--address', harness.address]);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    const prompts = () => out.split(/choose \[1-\d+\]: /).length - 1;
    const waitFor = async (check: () => boolean, what: string) => {
      const deadline = Date.now() + 60_000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`no ${what} in:\n${out.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    await waitFor(() => prompts() === 1, 'first prompt');
    const entries = Number(/choose \[1-(\d+)\]/.exec(out)![1]);
    const mine = new RegExp(`(\\d+)\\) ${metric} \\(2 series\\)`).exec(out);
    expect(mine).not.toBeNull();
    expect(out).toContain(`${entries - 1}) all metrics`);
    expect(out).toContain(`${entries}) exit`);

    child.stdin.write('abc\n');
    await waitFor(() => prompts() === 2, 'second prompt');
    expect(out).toContain('"abc" is not a choice: enter a number from 1 to');
    child.stdin.write(`${entries + 5}\n`);
    await waitFor(() => prompts() === 3, 'third prompt');
    expect(out).toContain(`${entries + 5} is not on the menu`);

    child.stdin.write(`${mine![1]}\n`);
    await waitFor(() => prompts() === 4, 'the menu after the tables');
    expect(out).toContain(`== ${metric} ==`);
    expect(out).toMatch(/Augmented Dickey-Fuller[\s\S]*device=sda1,job=host[\s\S]*device=sdb1,job=host/);
    for (const heading of [
      'Aggregates',
      'Autocorrelation',
      'Seasonal decomposition',
      'Hodrick-Prescott',
      'Holt-Winters forecast',
    ]) {
      expect(out).toContain(heading);
    }
    child.stdin.write(`${entries}\n`);
    expect(await exited).toBe(0);
  });

  it('exits cleanly at the end of input', async () => {
    const r = await runToEnd(['--address', harness.address]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('all metrics');
  });
});

describe('vigil retrieve, for scripts', () => {
  it('slos lists evaluated objectives as a table, and pages with --limit', async () => {
    const sla = await seedSlo(database.db, { events: 10_000, bad: 40, alerting: true }, wholeMinutesAgo(1));
    const r = await runToEnd(['slos', '--limit', '500', '--address', harness.address]);
    expect(r.code, r.stderr).toBe(0);
    const row = r.stdout.split('\n').find((line) => line.includes(sla.name));
    expect(row).toMatch(/page-fast/);
    const one = await runToEnd(['slos', '--limit', '1', '--json', '--address', harness.address]);
    expect((JSON.parse(one.stdout) as { slos: unknown[] }).slos).toHaveLength(1);
  });

  it('series-budgets lists an SLA’s series, least remaining budget first', async () => {
    const sla = await seedSlo(database.db, { events: 10_000, bad: 40 }, wholeMinutesAgo(1));
    await seedSeries(database.db, sla, [2, 30, 9], wholeMinutesAgo(1));
    const r = await runToEnd(['series-budgets', '--sla', String(sla.id), '--address', harness.address]);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.trimEnd().split('\n').slice(2);
    expect(rows.map((line) => /host=(h\d)/.exec(line)?.[1])).toEqual(['h1', 'h2', 'h0']);
    const missing = await runToEnd([
      'series-budgets',
      '--sla',
      String(sla.id + 1_000_000),
      '--address',
      harness.address,
    ]);
    expect(missing.code).toBe(3);
  });

  it('adf --json prints the response as JSON', async () => {
    const r = await runToEnd([
      'adf',
      '--metric',
      metric,
      '--series',
      'device=sdb1',
      '--json',
      '--address',
      harness.address,
    ]);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as {
      results: {
        run: { series: { labels: Record<string, string> }; window_end: string };
        adf: { pvalue: number };
      }[];
    };
    expect(body.results).toHaveLength(1);
    expect(body.results[0]!.run.series.labels).toEqual({ device: 'sdb1', job: 'host' });
    expect(body.results[0]!.run.window_end).toBe(end.toISOString());
    expect(typeof body.results[0]!.adf.pvalue).toBe('number');
  });

  it('decomposition --json writes one JSON object per point', async () => {
    const r = await runToEnd([
      'decomposition',
      '--metric',
      metric,
      '--json',
      '--quiet',
      '--address',
      harness.address,
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { index: number; series: string });
    expect(lines).toHaveLength(2 * 1441);
    expect(lines[0]).toMatchObject({ index: 0 });
  });

  it('exit codes: 3 not found, 2 bad arguments (client or server side), 4 server down', async () => {
    expect((await runToEnd(['adf', '--metric', `${metric}_nope`, '--address', harness.address])).code).toBe(
      3,
    );
    const usage = await runToEnd(['adf', '--address', harness.address]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('adf needs --metric NAME');
    expect(
      (await runToEnd(['adf', '--metric', metric, '--limit', '5000', '--address', harness.address])).code,
    ).toBe(2);
    const down = await runToEnd([
      'adf',
      '--metric',
      metric,
      '--address',
      '127.0.0.1:1',
      '--deadline',
      '3000',
    ]);
    expect(down.code).toBe(4);
    expect(down.stderr).toContain('unavailable');
    expect(down.stderr).not.toContain('    at ');
  });
});
