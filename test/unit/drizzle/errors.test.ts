import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { TransactionAborted, TransactionTimeout } from '../../../drizzle/db.ts';
import { classifyDbError } from '../../../drizzle/errors.ts';

/** Errors shaped like mysql2's, wrapped the way Drizzle wraps them (query text and every parameter included). */
function driverError(code: string, errno: number | undefined, message: string, fatal = false) {
  const err = Object.assign(new Error(message), { code, errno, sqlMessage: message, fatal });
  return new DrizzleQueryError('insert into `component_series` …', ['<4 MB of blobs>'], err);
}

describe('classifyDbError', () => {
  it.each([
    ['ER_LOCK_DEADLOCK', 1213],
    ['ER_LOCK_WAIT_TIMEOUT', 1205],
    ['ER_DUP_ENTRY', 1062],
    ['ECONNREFUSED', undefined],
    ['PROTOCOL_CONNECTION_LOST', undefined],
  ])('%s is transient', (code, errno) => {
    expect(classifyDbError(driverError(code, errno, 'x')).kind).toBe('transient');
  });

  it.each([
    ['ER_DATA_TOO_LONG', 1406],
    ['ER_WARN_DATA_OUT_OF_RANGE', 1264],
    ['ER_CONSTRAINT_FAILED', 4025],
  ])('%s is about the data', (code, errno) => {
    expect(classifyDbError(driverError(code, errno, 'x')).kind).toBe('data');
  });

  it('treats a missing table as fatal and reports the server message, not the query', () => {
    const info = classifyDbError(driverError('ER_NO_SUCH_TABLE', 1146, "Table 'vigil.series' doesn't exist"));
    expect(info).toEqual({
      kind: 'fatal',
      code: 'ER_NO_SUCH_TABLE',
      message: "Table 'vigil.series' doesn't exist",
    });
  });

  it('treats any connection-fatal error as transient', () => {
    expect(classifyDbError(driverError('SOMETHING_NEW', undefined, 'socket hang up', true)).kind).toBe(
      'transient',
    );
  });

  it('knows its own timeouts and aborts', () => {
    expect(classifyDbError(new TransactionTimeout('slow')).kind).toBe('transient');
    expect(classifyDbError(new TransactionAborted('stop')).kind).toBe('aborted');
  });
});
