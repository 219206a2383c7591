import type { ServerUnaryCall, ServerWritableStream } from '@grpc/grpc-js';
import { CallEnded } from './errors.ts';

/**
 * Ties a handler's work to its call: once the client cancels or the deadline passes, `check()` throws CallEnded
 * so no further query runs and nothing more is written. grpc-js already answers DEADLINE_EXCEEDED to the client;
 * this stops the server from working on for nobody.
 */
export interface CallContext {
  readonly signal: AbortSignal;
  check(): void;
  dispose(): void;
}

export type AnyServerCall = ServerUnaryCall<unknown, unknown> | ServerWritableStream<unknown, unknown>;

export function callContext(call: AnyServerCall): CallContext {
  const controller = new AbortController();
  const end = (reason: 'cancelled' | 'deadline') => {
    if (!controller.signal.aborted) controller.abort(new CallEnded(reason));
  };
  const deadline = call.getDeadline();
  const ms = deadline instanceof Date ? deadline.getTime() : Number(deadline);
  const expired = () => Number.isFinite(ms) && Date.now() >= ms;
  const onCancelled = () => end(expired() ? 'deadline' : 'cancelled');
  call.on('cancelled', onCancelled);
  let timer: NodeJS.Timeout | undefined;
  if (Number.isFinite(ms)) {
    // setTimeout cannot take more than 2^31-1 ms; a deadline that far away is as good as none.
    const wait = ms - Date.now();
    if (wait <= 0) end('deadline');
    else if (wait < 2 ** 31 - 1) timer = setTimeout(() => end('deadline'), wait);
  }
  if (call.cancelled) onCancelled();
  return {
    signal: controller.signal,
    check() {
      if (controller.signal.aborted) throw controller.signal.reason;
    },
    dispose() {
      clearTimeout(timer);
      call.removeListener('cancelled', onCancelled);
    },
  };
}
