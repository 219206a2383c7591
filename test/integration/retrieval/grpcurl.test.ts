import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_NAME } from '../../../api/retrieval/proto.ts';
import type { AnalysisMessage } from '../../../contracts/analysis-message.ts';
import { type Database, openDatabase } from '../../../drizzle/db.ts';
import { testEnv, wholeMinutesAgo } from '../../support/env.ts';
import { pipelineMessage, startTestServer, storeMessages, uniqueMetric } from '../../support/retrieval.ts';
import { seedSlo } from '../../support/slo-status.ts';
import { runByMessageId } from '../../support/stored-runs.ts';

/**
 * The retrieval server as grpcurl sees it: everything discovered through server reflection alone (no -proto),
 * as grpcurl, grpcui, ghz and Postman do. grpcurl is the pinned Go module scripts/provision/grpcurl.sh builds.
 */
const env = testEnv();
const root = fileURLToPath(new URL('../../../', import.meta.url));
const grpcurlBin = path.join(process.env.VIGIL_TOOLS_DIR ?? path.join(root, '.tools'), 'bin', 'grpcurl');
const TOKEN = 'grpcurl-test-token-0123456789';
const metric = uniqueMetric('grpcurl');
const ends = [wholeMinutesAgo(15), wholeMinutesAgo(10)];

let database: Database;
let harness: Awaited<ReturnType<typeof startTestServer>>;
const messages: AnalysisMessage[] = [];
const runIds: number[] = [];
/** An SLA whose objective is evaluated with a firing alert (GetSloBudget, ListSlos). */
let sloId: number;

const run = promisify(execFile);

/** grpcurl's output and exit status; a failing call is a result here, not an exception. */
async function grpcurl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(grpcurlBin, ['-plaintext', ...args], { timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A call with the bearer token (the server requires one), for the RPC and its reflection requests alike. */
const authed = (...args: string[]) => grpcurl('-H', `authorization: Bearer ${TOKEN}`, ...args);

/** grpcurl prints each response message as one pretty-printed JSON object; a stream prints several. */
function messagesOf(stdout: string): Record<string, unknown>[] {
  return stdout
    .split(/\n(?=\{)/)
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => JSON.parse(chunk) as Record<string, unknown>);
}

beforeAll(async () => {
  if (!existsSync(grpcurlBin))
    throw new Error(`${grpcurlBin} is missing: run bash scripts/provision/grpcurl.sh`);
  database = openDatabase(env.MYSQL_URL);
  ends.forEach((end, k) => {
    messages.push(
      pipelineMessage(
        { metric, labels: { device: 'sda1', job: 'host' }, windowEnd: end, seed: 7 + k },
        `pipeline-${end.toISOString()}`,
      ),
    );
  });
  await storeMessages(database, messages);
  for (const m of messages) runIds.push((await runByMessageId(database.db, m.id))!.id);
  sloId = (await seedSlo(database.db, { events: 10_000, bad: 40, alerting: true }, wholeMinutesAgo(1))).id;
  harness = await startTestServer(database, { token: TOKEN });
});

afterAll(async () => {
  await harness?.close();
  await database?.close();
});

describe('grpcurl through server reflection', () => {
  it('list shows the retrieval service and the standard health service', async () => {
    const r = await grpcurl(harness.address, 'list');
    expect(r.stderr).toBe('');
    const services = r.stdout.trim().split('\n');
    expect(services).toContain(SERVICE_NAME);
    expect(services).toContain('grpc.health.v1.Health');
    const methods = await grpcurl(harness.address, 'list', SERVICE_NAME);
    expect(methods.stdout).toContain(`${SERVICE_NAME}.ListHodrickPrescott`);
  });

  it('describe resolves google.protobuf.Timestamp in a message and in the service', async () => {
    const range = await grpcurl(harness.address, 'describe', 'vigil.retrieval.v1.TimeRange');
    expect(range.stderr).toBe('');
    expect(range.stdout).toContain('.google.protobuf.Timestamp from = 1;');
    const ts = await grpcurl(harness.address, 'describe', 'google.protobuf.Timestamp');
    expect(ts.stdout).toContain('int64 seconds = 1;');
    // A map field needs a well-formed entry type, which a validating client checks.
    const series = await grpcurl(harness.address, 'describe', 'vigil.retrieval.v1.Series');
    expect(series.stdout).toContain('map<string, string> labels = 3;');
    const service = await grpcurl(harness.address, 'describe', SERVICE_NAME);
    expect(service.stdout).toContain(
      'rpc ListHodrickPrescott ( .vigil.retrieval.v1.RunQuery ) returns ( stream .vigil.retrieval.v1.HodrickPrescottPage );',
    );
  });

  it('a unary call with Timestamps in the request: GetDickeyFuller of the runs in a window-end range', async () => {
    type Response = { results: { run: { runId: string }; adf: unknown }[] };
    const dickeyFuller = async (from: Date, to: Date) => {
      const query = { metric, runs: { window_end: { from: from.toISOString(), to: to.toISOString() } } };
      const r = await authed('-d', JSON.stringify(query), harness.address, `${SERVICE_NAME}/GetDickeyFuller`);
      expect(r.stderr).toBe('');
      return (messagesOf(r.stdout) as [Response])[0].results;
    };
    // [from, to): the instants arrive exactly, so the second window end is excluded, then included.
    const first = await dickeyFuller(ends[0]!, ends[1]!);
    expect(first.map((x) => Number(x.run.runId))).toEqual([runIds[0]]);
    const both = await dickeyFuller(ends[0]!, new Date(ends[1]!.getTime() + 1));
    expect(both.map((x) => Number(x.run.runId))).toEqual(runIds);
    both.forEach((result, k) => {
      const adf = messages[k]!.report.adf;
      if ('error' in adf) throw new Error('seeded ADF failed');
      expect(result.adf).toMatchObject({ statistic: adf.statistic, pvalue: adf.pvalue, nobs: adf.nobs });
    });
  });

  it('a server-streaming call: ListHodrickPrescott pages of one run', async () => {
    const query = { metric, runs: { run_id: runIds[1] }, page_size: 500 };
    const r = await authed(
      '-d',
      JSON.stringify(query),
      harness.address,
      `${SERVICE_NAME}/ListHodrickPrescott`,
    );
    expect(r.stderr).toBe('');
    const pages = messagesOf(r.stdout) as { run: { runId: string }; points: { trend: number }[] }[];
    const hp = messages[1]!.report.hp;
    if ('error' in hp) throw new Error('seeded HP failed');
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((p) => Number(p.run.runId) === runIds[1])).toBe(true);
    expect(pages.flatMap((p) => p.points.map((x) => x.trend))).toEqual(hp.trend);
  });

  it('GetSloBudget: uint64 ids, optional doubles and the alert state enum as protojson writes them', async () => {
    const r = await authed(
      '-d',
      JSON.stringify({ sla_id: sloId }),
      harness.address,
      `${SERVICE_NAME}/GetSloBudget`,
    );
    expect(r.stderr).toBe('');
    const [budget] = messagesOf(r.stdout) as [Record<string, unknown>];
    expect(budget).toMatchObject({
      objective: { target: 0.99, window: '7d' },
      eventsGood: '9960',
      eventsBad: '40',
      absent: true,
    });
    // (1 − 0.99) × 10,000 is not exactly 100 in doubles.
    expect(budget.budgetRemainingPercent).toBeCloseTo(60, 9);
    expect((budget.burnRates as { window: string }[]).map((b) => b.window)).toEqual([
      '5m',
      '30m',
      '1h',
      '6h',
      '3d',
    ]);
    const alerts = budget.alerts as { name: string; state: string; since?: string }[];
    expect(alerts.find((a) => a.name === 'page-fast')).toMatchObject({ state: 'FIRING' });
    expect(alerts.find((a) => a.name === 'page-fast')!.since).toMatch(/Z$/);

    const missing = await authed('-d', '{"sla_id": "0"}', harness.address, `${SERVICE_NAME}/GetSloBudget`);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/Code: InvalidArgument[\s\S]*sla_id/);
  });

  it('ListSlos: the seeded objective among the pages, least remaining budget first', async () => {
    const r = await authed('-d', '{"limit": 500}', harness.address, `${SERVICE_NAME}/ListSlos`);
    expect(r.stderr).toBe('');
    const [list] = messagesOf(r.stdout) as [
      { slos: { slaId: string; budget: { budgetRemainingPercent?: number } }[] },
    ];
    expect(list.slos.filter((s) => Number(s.slaId) === sloId)).toHaveLength(1);
    const remaining = list.slos.map((s) => s.budget.budgetRemainingPercent ?? Number.POSITIVE_INFINITY);
    expect(remaining).toEqual(remaining.toSorted((a, b) => a - b));
  });

  it('the call is refused without the token, with the server reachable through reflection', async () => {
    const r = await grpcurl('-d', JSON.stringify({ metric }), harness.address, `${SERVICE_NAME}/ListRuns`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Code: Unauthenticated/);
  });

  it('health check: grpc.health.v1.Health/Check answers SERVING for the server and the service', async () => {
    const all = await grpcurl(harness.address, 'grpc.health.v1.Health/Check');
    expect(messagesOf(all.stdout)).toEqual([{ status: 'SERVING' }]);
    const one = await grpcurl(
      '-d',
      JSON.stringify({ service: SERVICE_NAME }),
      harness.address,
      'grpc.health.v1.Health/Check',
    );
    expect(messagesOf(one.stdout)).toEqual([{ status: 'SERVING' }]);
  });
});
