import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config/index.ts';
import { defaultTsdb, waitForBlocks, writeBlocks } from '../demo/backfill.ts';
import { demoHistory } from '../demo/node-history.ts';

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
  for (let part = 0; part < parts; part++) {
    const some = hosts.slice(part * INSTANCES_PER_PART, (part + 1) * INSTANCES_PER_PART);
    const series = some.flatMap((h) => demoHistory({ ...opts, ...h }));
    const points = series.reduce((n, s) => n + s.samples.length, 0);
    process.stderr.write(
      `[1/2] ${parts > 1 ? `part ${part + 1}/${parts}: ` : ''}writing ${series.length} series, ${points} samples into ${opts.tsdb} (promtool)\n`,
    );
    await writeBlocks(series, opts.tsdb);
  }
  process.stderr.write('[2/2] waiting for Prometheus to load the new blocks (up to 2 minutes)');
  // Empty until Prometheus serves every host of the fleet (one MemFree series per host).
  const query = `count(count_over_time(node_memory_MemFree_bytes{job="${opts.job}"}[${opts.hours}h])) >= ${opts.instances}`;
  const loaded = await waitForBlocks(env.PROMETHEUS_URL, query, new Date(opts.end * 1000), 120_000, () =>
    process.stderr.write('.'),
  );
  if (loaded) {
    process.stderr.write(' done\n');
    return 0;
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
