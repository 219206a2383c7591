import { sql } from 'drizzle-orm';
import { double, int, mysqlTable } from 'drizzle-orm/mysql-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, inTransaction, openDatabase } from '../../../drizzle/db.ts';
import { testEnv } from '../../support/env.ts';

// Doubles written through Drizzle into the real MariaDB read back bit for bit, through the pool and inside a
// transaction. The values have 16 significant digits with a mantissa above 2^53: the ones mysql2's own text parser
// rounds (the control below shows the unwrapped pool getting some of them wrong, so this test can fail).
const env = testEnv();
const numbers = mysqlTable('exact_doubles_probe', { id: int('id').primaryKey(), v: double('v') });

/** Deterministic 16-digit mantissas in [2^53, 10^16) scaled by 10^-k: xorshift, not Math.random. */
function probeValues(count: number): number[] {
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const mantissa = 2 ** 53 + Math.floor(next() * (1e16 - 2 ** 53));
    const v = mantissa / 10 ** (1 + Math.floor(next() * 14));
    out.push(i % 2 === 0 ? v : -v);
  }
  return out;
}

describe('drizzle: DOUBLE columns read back exactly', () => {
  let database: Database;
  const values = probeValues(2000);
  const rows = values.map((v, id) => ({ id, v }));

  beforeAll(async () => {
    database = openDatabase(env.MYSQL_URL);
    await database.db.execute(sql`DROP TABLE IF EXISTS exact_doubles_probe`);
    await database.db.execute(sql`CREATE TABLE exact_doubles_probe (id INT PRIMARY KEY, v DOUBLE)`);
    for (let i = 0; i < rows.length; i += 500)
      await database.db.insert(numbers).values(rows.slice(i, i + 500));
  });
  afterAll(async () => {
    await database.db.execute(sql`DROP TABLE IF EXISTS exact_doubles_probe`);
    await database.close();
  });

  it('the unwrapped mysql2 text protocol gets some of these values wrong (the control)', async () => {
    const [raw] = await database.pool.query<({ id: number; v: number } & import('mysql2').RowDataPacket)[]>(
      'SELECT id, v FROM exact_doubles_probe',
    );
    expect(raw.filter((r) => r.v !== values[r.id]).length).toBeGreaterThan(0);
  });

  it('a Drizzle select through the pool returns every value exactly', async () => {
    const got = await database.db.select().from(numbers).orderBy(numbers.id);
    expect(got).toEqual(rows);
  });

  it('a Drizzle select inside a transaction returns every value exactly', async () => {
    const got = await inTransaction(database, (tx) => tx.select().from(numbers).orderBy(numbers.id), {
      timeoutMs: 30_000,
    });
    expect(got).toEqual(rows);
  });

  it('NULL stays null', async () => {
    await database.db.insert(numbers).values({ id: -1, v: null });
    const [got] = await database.db.select().from(numbers).where(sql`${numbers.id} = -1`);
    expect(got).toEqual({ id: -1, v: null });
    await database.db.execute(sql`DELETE FROM exact_doubles_probe WHERE id = -1`);
  });
});
