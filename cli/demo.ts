import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { PrometheusDriver } from 'prometheus-query';
import { loadConfigOrExit } from '../config/index.ts';
import { demoHistory } from '../demo/node-history.ts';
import { toOpenMetrics } from '../demo/openmetrics.ts';

const run$ = promisify(execFile);

const USAGE = `usage: vigil demo backfill [--hours 24] [--job demo] [--instance demo-1:9100] [--seed 42]
                          [--instances 1] [--end ISO-8601] [--tsdb DIR]

Writes realistic node_exporter-like history into the local Prometheus with
'promtool tsdb create-blocks-from openmetrics', under its own job label, so a
newcomer sees full analyses at once. Safe to run again (identical samples merge).
--instances N writes a fleet of N hosts (7 series each: instance <instance>-<i>,
seed <seed>+<i>), in parts, for trying Vigil at scale.
`;

/** Hosts written per promtool run: bounds the memory and temporary file of a large fleet (~100 MB of text). */
const INSTANCES_PER_PART = 200;

/** The local stack's Prometheus data folder (scripts/servers/prometheus.sh). */
function defaultTsdb(): string {
  const stack = process.env.VIGIL_STACK_DIR ?? resolve('.vigil', process.env.VIGIL_PROFILE ?? 'local');
  return join(stack, 'data', 'prometheus', 'tsdb');
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'backfill') {
    process.stderr.write(USAGE);
    return 2;
  }
  let opts: ReturnType<typeof parse>;
  try {
    opts = parse(rest);
  } catch (err) {
    process.stderr.write(`vigil demo: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const env = loadConfigOrExit();
  const hosts = Array.from({ length: opts.instances }, (_, i) =>
    opts.instances === 1
      ? { instance: opts.instance, seed: opts.seed }
      : { instance: `${opts.instance}-${String(i + 1).padStart(5, '0')}`, seed: opts.seed + i },
  );
  const parts = Math.ceil(hosts.length / INSTANCES_PER_PART);
  const dir = await mkdtemp(join(tmpdir(), 'vigil-demo-'));
  try {
    for (let part = 0; part < parts; part++) {
      const some = hosts.slice(part * INSTANCES_PER_PART, (part + 1) * INSTANCES_PER_PART);
      const series = some.flatMap((h) => demoHistory({ ...opts, ...h }));
      const file = join(dir, `demo-${part}.om`);
      await writeFile(file, toOpenMetrics(series));
      const points = series.reduce((n, s) => n + s.samples.length, 0);
      process.stderr.write(
        `[1/2] ${parts > 1 ? `part ${part + 1}/${parts}: ` : ''}writing ${series.length} series, ${points} samples into ${opts.tsdb} (promtool)\n`,
      );
      await run$('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', file, opts.tsdb], {
        maxBuffer: 16 << 20,
      });
      await rm(file, { force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // Prometheus picks up new blocks on its next block reload (about once a minute).
  process.stderr.write('[2/2] waiting for Prometheus to load the new blocks (up to 2 minutes)');
  const prom = new PrometheusDriver({ endpoint: env.PROMETHEUS_URL, baseURL: '/api/v1' });
  const query = `count(count_over_time(node_memory_MemFree_bytes{job="${opts.job}"}[${opts.hours}h]))`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const r = await prom.instantQuery(query, new Date(opts.end * 1000)).catch(() => null);
    // Every host's series are in once the count of hosts with MemFree samples reaches the fleet size.
    if (r && r.result.length > 0 && Number(r.result[0]!.value.value) >= opts.instances) {
      process.stderr.write(' done\n');
      return 0;
    }
    process.stderr.write('.');
    await new Promise((r2) => setTimeout(r2, 2000));
  }
  process.stderr.write('\nvigil demo: Prometheus did not load the blocks within 2 minutes; is it running?\n');
  return 1;
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      hours: { type: 'string', default: '24' },
      job: { type: 'string', default: 'demo' },
      instance: { type: 'string', default: 'demo-1:9100' },
      seed: { type: 'string', default: '42' },
      instances: { type: 'string', default: '1' },
      end: { type: 'string' },
      tsdb: { type: 'string' },
    },
    strict: true,
  });
  const hours = Number(values.hours);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 14) throw new Error('--hours must be 1 to 336');
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const instances = Number(values.instances);
  if (!Number.isInteger(instances) || instances < 1 || instances > 100_000) {
    throw new Error('--instances must be 1 to 100000');
  }
  if (!/^[a-zA-Z0-9_.:-]+$/.test(values.job!)) throw new Error('--job must be a plain label value');
  const endMs = values.end ? Date.parse(values.end) : Date.now();
  if (Number.isNaN(endMs)) throw new Error('--end must be an ISO-8601 time');
  // Samples on whole minutes, like a real 1-minute grid; the last one is not in the future.
  const end = Math.floor(endMs / 60_000) * 60;
  return {
    hours,
    job: values.job!,
    instance: values.instance!,
    seed,
    instances,
    end,
    stepSeconds: 60,
    tsdb: values.tsdb ?? defaultTsdb(),
  };
}
