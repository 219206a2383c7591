/**
 * The SLA manager's table (issue 7), kept apart from the storage schema (drizzle/schema.ts) that the drain owns;
 * drizzle.config.ts generates migrations from both files. Same conventions: DOUBLE bounds, DATETIME(3) in UTC,
 * names that MySQL 8 does not reserve.
 */
import {
  bigint,
  datetime,
  double,
  int,
  json,
  mysqlTable,
  text,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
import type { SlaMatcher } from '../contracts/sla.ts';

/**
 * One SLA: a metric series (metric name + label matchers), a lower and/or upper bound and a `for` duration.
 * The name is the natural key (unique), so creating the same SLA twice is a 409, not a second row. Names compare
 * exactly: the API stores them in Unicode NFC and the column's collation is utf8mb4_bin (migration 0002, which
 * drizzle-kit cannot express), so `Disk` and `disk` are two SLAs and `é` typed either way is one.
 * `revision` counts updates, so a client can tell that the SLA changed since it last read it.
 */
export const slas = mysqlTable(
  'slas',
  {
    id: bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    name: varchar('name', { length: 128 }).notNull(),
    description: text('description').notNull(),
    metric: varchar('metric', { length: 255 }).notNull(),
    matchers: json('matchers').$type<SlaMatcher[]>().notNull(),
    minValue: double('min_value'),
    maxValue: double('max_value'),
    forSeconds: int('for_seconds', { unsigned: true }).notNull(),
    revision: int('revision', { unsigned: true }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [uniqueIndex('slas_name_uq').on(t.name)],
);
