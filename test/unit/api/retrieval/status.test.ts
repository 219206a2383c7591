import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import {
  CallEnded,
  FailedPrecondition,
  InvalidArgument,
  NotFound,
  RetryShortly,
  Unauthenticated,
} from '../../../../api/retrieval/errors.ts';
import { toStatus } from '../../../../api/retrieval/status.ts';

describe('gRPC status mapping', () => {
  it('maps each typed error to its status', () => {
    expect(toStatus(new InvalidArgument('limit', 'at most 1000'))).toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: 'limit: at most 1000',
    });
    expect(toStatus(new NotFound('metric m not found')).code).toBe(status.NOT_FOUND);
    expect(toStatus(new Unauthenticated('no token')).code).toBe(status.UNAUTHENTICATED);
    expect(toStatus(new CallEnded('deadline')).code).toBe(status.DEADLINE_EXCEEDED);
    expect(toStatus(new CallEnded('cancelled')).code).toBe(status.CANCELLED);
    expect(toStatus(new FailedPrecondition('SLA 3 has no objective'))).toMatchObject({
      code: status.FAILED_PRECONDITION,
      details: 'SLA 3 has no objective',
    });
    expect(toStatus(new RetryShortly('being counted; retry shortly'))).toMatchObject({
      code: status.UNAVAILABLE,
      internal: false,
    });
  });

  it('a database that is away is UNAVAILABLE, wrapped or not', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(toStatus(refused).code).toBe(status.UNAVAILABLE);
    expect(toStatus(new Error('Failed query: select …', { cause: refused })).code).toBe(status.UNAVAILABLE);
    const gone = Object.assign(new Error('server has gone away'), {
      errno: 2006,
      code: 'CR_SERVER_GONE_ERROR',
    });
    expect(toStatus(gone).code).toBe(status.UNAVAILABLE);
  });

  it('anything else is INTERNAL and reveals nothing', () => {
    const sql = Object.assign(new Error("Failed query: select * from secret where x = 'y'"), {
      errno: 1146,
      code: 'ER_NO_SUCH_TABLE',
    });
    const mapped = toStatus(sql);
    expect(mapped).toMatchObject({ code: status.INTERNAL, details: 'internal error', internal: true });
  });
});
