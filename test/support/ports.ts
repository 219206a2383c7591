import { createServer } from 'node:net';

/** Whether 127.0.0.1:port can be listened on right now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * A base port such that base + each offset is free right now, for a child process's listeners. Drawn below
 * Linux's ephemeral range (32768–60999), where outgoing client sockets would otherwise collide with it now and then.
 */
export async function freeBasePort(offsets: readonly number[]): Promise<number> {
  const span = Math.max(0, ...offsets);
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * (12_000 - span));
    let free = true;
    for (const o of offsets) if (!(await isFree(base + o))) free = false;
    if (free) return base;
  }
}
