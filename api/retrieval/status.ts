import { type ServiceError, status } from '@grpc/grpc-js';
import { classifyDbError } from '../../drizzle/errors.ts';
import {
  CallEnded,
  FailedPrecondition,
  InvalidArgument,
  NotFound,
  RetryShortly,
  Unauthenticated,
} from './errors.ts';

/**
 * The one mapping from errors to gRPC status codes:
 * - InvalidArgument → INVALID_ARGUMENT, with the message naming the field;
 * - NotFound → NOT_FOUND; Unauthenticated → UNAUTHENTICATED; FailedPrecondition → FAILED_PRECONDITION;
 * - RetryShortly (an answer still being computed) → UNAVAILABLE, which clients retry;
 * - a database that is away, restarting or overloaded → UNAVAILABLE (the client may retry);
 * - a call past its deadline → DEADLINE_EXCEEDED, cancelled → CANCELLED;
 * - anything else → INTERNAL with a generic message: SQL text and stack traces never leave the server.
 */
export interface MappedStatus {
  code: status;
  details: string;
  /** Whether the server should log it as its own fault. */
  internal: boolean;
}

export function toStatus(err: unknown): MappedStatus {
  if (err instanceof InvalidArgument)
    return { code: status.INVALID_ARGUMENT, details: err.message, internal: false };
  if (err instanceof NotFound) return { code: status.NOT_FOUND, details: err.message, internal: false };
  if (err instanceof FailedPrecondition) {
    return { code: status.FAILED_PRECONDITION, details: err.message, internal: false };
  }
  if (err instanceof RetryShortly) return { code: status.UNAVAILABLE, details: err.message, internal: false };
  if (err instanceof Unauthenticated) {
    return { code: status.UNAUTHENTICATED, details: err.message, internal: false };
  }
  if (err instanceof CallEnded) {
    return err.reason === 'deadline'
      ? { code: status.DEADLINE_EXCEEDED, details: err.message, internal: false }
      : { code: status.CANCELLED, details: err.message, internal: false };
  }
  const db = classifyDbError(err);
  if (db.kind === 'transient') {
    return { code: status.UNAVAILABLE, details: `storage unavailable (${db.code})`, internal: false };
  }
  return { code: status.INTERNAL, details: 'internal error', internal: true };
}

export function serviceError(mapped: MappedStatus): Partial<ServiceError> {
  return { code: mapped.code, details: mapped.details, message: mapped.details };
}

/** The status code's name as exported by grpc-js (`NOT_FOUND`), for metric labels and messages. */
export function statusName(code: status): string {
  return status[code] ?? String(code);
}
