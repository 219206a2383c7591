import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../drizzle/db.ts';
import { analyzedMessage } from '../../support/analysis-messages.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import { startTestServer, storeMessages, uniqueMetric } from '../../support/retrieval.ts';

/**
 * The interactive `vigil retrieve` on a metric with more series than one page, driven as a user drives it: in a
 * pseudo-terminal (util-linux `script` allocates it), narrowing down by a label and by a text search, and paging
 * next and back.
 */
const env = testEnv();
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const metric = uniqueMetric('fleet_cli');
const end = wholeMinutesAgo(10);
const HOSTS = 45;
// Hosts 1-25 in rack r1, 26-45 in r2.
const rackOf = (i: number) => (i <= 25 ? 'r1' : 'r2');

let database: Database;
let harness: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  database = openDatabase(env.MYSQL_URL);
  const cycleId = uniqueName('cycle');
  await storeMessages(
    database,
    Array.from({ length: HOSTS }, (_, i) =>
      analyzedMessage({
        cycleId,
        metric,
        labels: { host: `h${i + 1}`, rack: rackOf(i + 1) },
        windowEnd: end,
        seed: 2,
      }),
    ),
  );
  harness = await startTestServer(database);
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await database?.close();
});

/** The hosts named in an ADF table section of `text`. */
function adfHosts(text: string): string[] {
  const section = text.split('Augmented Dickey-Fuller').at(-1)!.split('Aggregates')[0]!;
  return [...section.matchAll(/host=(h\d+)/g)].map((m) => m[1]!);
}

describe('vigil retrieve, interactive, over a fleet', () => {
  it('narrows a metric down by a label and by a search, and pages next and back', async () => {
    const command = `${process.execPath} bin/vigil.mjs retrieve --address ${harness.address}`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, VIGIL_LOG_LEVEL: 'silent', TERM: 'dumb' },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    let mark = 0;
    /** Waits for `text` after what the last wait consumed and returns the output in between. */
    const waitFor = async (text: string) => {
      const deadline = Date.now() + 60_000;
      while (out.indexOf(text, mark) < 0) {
        if (Date.now() > deadline) throw new Error(`no ${JSON.stringify(text)} in:\n${out.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const at = out.indexOf(text, mark) + text.length;
      const seen = out.slice(mark, at);
      mark = at;
      return seen;
    };
    const type = (line: string) => child.stdin.write(`${line}\r`);

    const menu = await waitFor('choose [');
    const entry = new RegExp(`(\\d+)\\) ${metric} \\(${HOSTS} series\\)`).exec(menu);
    expect(entry).not.toBeNull();
    await waitFor(']: ');
    type(entry![1]!);
    expect(await waitFor('filter: ')).toContain(`${metric} has ${HOSTS} series`);

    type('rack=r1');
    const first = await waitFor('[m]enu: ');
    expect(first).toContain('series 1-20 of 25 (rack=r1), page 1/2');
    const firstHosts = adfHosts(first);
    expect(firstHosts).toHaveLength(20);
    expect(first).toContain('Holt-Winters forecast');

    type('n');
    const second = await waitFor('[m]enu: ');
    expect(second).toContain('series 21-25 of 25 (rack=r1), page 2/2');
    const secondHosts = adfHosts(second);
    expect(secondHosts).toHaveLength(5);
    const rack1 = Array.from({ length: 25 }, (_, i) => `h${i + 1}`);
    expect([...firstHosts, ...secondHosts].sort()).toEqual(rack1.sort());

    type('p');
    expect(adfHosts(await waitFor('[m]enu: '))).toEqual(firstHosts);

    type('f');
    await waitFor('filter: ');
    type('/host="h4');
    const search = await waitFor('[m]enu: ');
    expect(search).toContain('series 1-7 of 7');
    expect(adfHosts(search).sort()).toEqual(['h4', 'h40', 'h41', 'h42', 'h43', 'h44', 'h45']);

    type('m');
    const again = await waitFor('choose [');
    expect(again).toContain('all metrics');
    const exit = /choose \[1-(\d+)\]/.exec(`${again}${await waitFor(']: ')}`)![1]!;
    type(exit);
    expect(await exited).toBe(0);
  }, 120_000);
});
