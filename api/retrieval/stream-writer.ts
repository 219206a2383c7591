import type { ServerWritableStream } from '@grpc/grpc-js';
import type { CallContext } from './call-context.ts';

/**
 * Writes pages to a server stream with backpressure: when the stream's buffer is full (`write` returns false)
 * the producer waits for 'drain' before reading more from the database, so a slow client holds at most a
 * buffer's worth of pages in memory instead of the whole result. A cancelled call ends the wait.
 */
export class PageWriter<T> {
  private written = 0;

  constructor(
    private readonly call: ServerWritableStream<unknown, T>,
    private readonly ctx: CallContext,
  ) {}

  get pages(): number {
    return this.written;
  }

  async write(page: T): Promise<void> {
    this.ctx.check();
    this.written++;
    if (this.call.write(page)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.call.removeListener('drain', done);
        this.ctx.signal.removeEventListener('abort', done);
        resolve();
      };
      this.call.once('drain', done);
      this.ctx.signal.addEventListener('abort', done, { once: true });
    });
    this.ctx.check();
  }
}
