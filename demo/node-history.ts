/**
 * Realistic node_exporter-like history for the demo job: memory with daily and hourly cycles and noise, two
 * filesystems filling slowly with log-rotation steps, a file-descriptor count, and a few threshold-crossing
 * episodes (a memory squeeze, a disk filling up, an fd leak). Deterministic for a given seed, so tests can
 * assert exact analyses and violation counts.
 */
import { mulberry32 } from './prng.ts';

export interface DemoSeries {
  metric: string;
  help: string;
  labels: Record<string, string>;
  /** Unix seconds and values, ascending. */
  samples: Array<[number, number]>;
}

export interface DemoOptions {
  /** Last sample time (unix seconds); samples run back from here. */
  end: number;
  hours: number;
  stepSeconds: number;
  job: string;
  instance: string;
  seed: number;
}

/** Box-Muller standard normal from a uniform source. */
function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const GiB = 1024 ** 3;
const DAY = 86_400;
const HOUR = 3_600;

/** A bump of `height` between from and to (unix s), with 5-minute linear ramps so it looks like a real episode. */
function episode(t: number, from: number, to: number, height: number): number {
  const ramp = 300;
  if (t < from - ramp || t > to + ramp) return 0;
  if (t < from) return (height * (t - (from - ramp))) / ramp;
  if (t > to) return (height * (to + ramp - t)) / ramp;
  return height;
}

export function demoHistory(o: DemoOptions): DemoSeries[] {
  const rand = mulberry32(o.seed);
  const noise = gaussian(rand);
  const n = Math.floor((o.hours * HOUR) / o.stepSeconds) + 1;
  const times = Array.from({ length: n }, (_, i) => o.end - (n - 1 - i) * o.stepSeconds);
  const start = times[0]!;
  const base = { job: o.job, instance: o.instance };

  const daily = (t: number) => Math.sin((2 * Math.PI * (t % DAY)) / DAY);
  const hourly = (t: number) => Math.sin((2 * Math.PI * (t % HOUR)) / HOUR);

  // Memory squeeze 3 h before the end, lasting 20 minutes: MemAvailable drops by 5 GiB.
  const squeezeFrom = o.end - 3 * HOUR;
  const memAvailable = times.map(
    (t) =>
      9 * GiB +
      1.2 * GiB * daily(t) +
      0.25 * GiB * hourly(t) +
      60e6 * noise() -
      episode(t, squeezeFrom, squeezeFrom + 20 * 60, 5 * GiB),
  );
  const memFree = memAvailable.map((v, i) =>
    Math.round(v * 0.55 + 40e6 * noise() + 0.1 * GiB * hourly(times[i]!)),
  );

  // Root filesystem fills by 6 GiB a day, with a log rotation freeing 1.5 GiB every 6 h, and an 8 GiB burst
  // 90 minutes before the end (a runaway log) that is cleaned up after 25 minutes.
  const burstFrom = o.end - 90 * 60;
  const rootFree = times.map((t) => {
    const elapsed = t - start;
    const rotations = Math.floor(elapsed / (6 * HOUR));
    const free = 40 * GiB - (6 * GiB * elapsed) / DAY + rotations * 1.5 * GiB + 20e6 * noise();
    return Math.round(free - episode(t, burstFrom, burstFrom + 25 * 60, 8 * GiB));
  });
  const dataFree = times.map((t) =>
    Math.round(180 * GiB - (2 * GiB * (t - start)) / DAY + 0.3 * GiB * daily(t) + 50e6 * noise()),
  );
  // avail = free minus the 5 % reserved for root (ext4's default), as node_exporter reports it.
  const reservedRoot = 0.05 * 100 * GiB;
  const reservedData = 0.05 * 500 * GiB;

  // File descriptors: a daily cycle around 2,400, and a leak 6 h before the end that climbs to +3,000 over an
  // hour before a restart drops it back.
  const leakFrom = o.end - 6 * HOUR;
  const fds = times.map((t) => {
    const leak = t >= leakFrom && t < leakFrom + HOUR ? (3000 * (t - leakFrom)) / HOUR : 0;
    return Math.max(0, Math.round(2400 + 300 * daily(t) + 40 * hourly(t) + 15 * noise() + leak));
  });

  const fs = (device: string, mountpoint: string) => ({ ...base, device, fstype: 'ext4', mountpoint });
  const zip = (values: number[]): Array<[number, number]> => values.map((v, i) => [times[i]!, v]);
  return [
    {
      metric: 'node_memory_MemFree_bytes',
      help: 'Memory information field MemFree_bytes.',
      labels: base,
      samples: zip(memFree),
    },
    {
      metric: 'node_memory_MemAvailable_bytes',
      help: 'Memory information field MemAvailable_bytes.',
      labels: base,
      samples: zip(memAvailable.map(Math.round)),
    },
    {
      metric: 'node_filesystem_free_bytes',
      help: 'Filesystem free space in bytes.',
      labels: fs('/dev/vda1', '/'),
      samples: zip(rootFree),
    },
    {
      metric: 'node_filesystem_free_bytes',
      help: 'Filesystem free space in bytes.',
      labels: fs('/dev/vdb1', '/data'),
      samples: zip(dataFree),
    },
    {
      metric: 'node_filesystem_avail_bytes',
      help: 'Filesystem space available to non-root users in bytes.',
      labels: fs('/dev/vda1', '/'),
      samples: zip(rootFree.map((v) => Math.max(0, v - reservedRoot))),
    },
    {
      metric: 'node_filesystem_avail_bytes',
      help: 'Filesystem space available to non-root users in bytes.',
      labels: fs('/dev/vdb1', '/data'),
      samples: zip(dataFree.map((v) => Math.max(0, v - reservedData))),
    },
    {
      metric: 'node_filefd_allocated',
      help: 'File descriptor statistics: allocated.',
      labels: base,
      samples: zip(fds),
    },
  ];
}
