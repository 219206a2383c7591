import { status } from '@grpc/grpc-js';
import { isServiceError } from '../../api/retrieval/client.ts';
import { UsageError } from './args.ts';

/** What `vigil retrieve` exits with, so scripts can tell what failed. */
export const EXIT = {
  ok: 0,
  failed: 1,
  badArguments: 2,
  notFound: 3,
  unavailable: 4,
  unauthorised: 5,
} as const;

export function exitCodeOf(err: unknown): number {
  if (err instanceof UsageError) return EXIT.badArguments;
  if (!isServiceError(err)) return EXIT.failed;
  switch (err.code) {
    case status.INVALID_ARGUMENT:
      return EXIT.badArguments;
    case status.NOT_FOUND:
      return EXIT.notFound;
    case status.UNAVAILABLE:
    case status.DEADLINE_EXCEEDED:
      return EXIT.unavailable;
    case status.UNAUTHENTICATED:
    case status.PERMISSION_DENIED:
      return EXIT.unauthorised;
    default:
      return EXIT.failed;
  }
}

/** One line for stderr: the server's reason, without stack traces. */
export function describe(err: unknown): string {
  if (isServiceError(err)) {
    const what = status[err.code] ?? String(err.code);
    if (err.code === status.UNAVAILABLE) return `retrieval server unavailable: ${err.details || what}`;
    return `${what}: ${err.details || err.message}`;
  }
  return err instanceof Error ? err.message : String(err);
}
