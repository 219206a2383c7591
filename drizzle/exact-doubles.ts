import type mysql from 'mysql2/promise';

/**
 * Makes DOUBLE columns read back bit for bit.
 *
 * Drizzle reads through mysql2's text protocol, and mysql2 (3.24.6) parses a numeric text of up to 17 characters by
 * accumulating its digits in a double (`Packet.parseFloat`): a 16-digit mantissa above 2^53 is rounded on the way,
 * so about 3 % of stored doubles came back one unit in the last place off (e.g. 95134395.13603605 read as
 * …3604). The server sends the shortest round-trip text, so `Number(text)` is exact. Drizzle passes its own
 * `typeCast` on every select (for dates), which overrides one set on the pool; this wraps `query` so ours runs first
 * and Drizzle's still handles everything else.
 */
type TypeCastField = { type: string; string(): string | null };
type TypeCastFn = (field: TypeCastField, next: () => unknown) => unknown;

function exactTypeCast(inner: unknown): TypeCastFn {
  return (field, next) => {
    if (field.type === 'DOUBLE' || field.type === 'FLOAT') {
      const text = field.string();
      return text === null ? null : Number(text);
    }
    return typeof inner === 'function' ? (inner as TypeCastFn)(field, next) : next();
  };
}

type Queryable = Pick<mysql.Pool, 'query'>;

/** `client` (a pool or one of its connections) with `query` reading doubles exactly; everything else unchanged. */
export function exactDoubles<C extends Queryable>(client: C): C {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'query') {
        return (options: string | mysql.QueryOptions, values?: mysql.QueryValues) => {
          const opts = typeof options === 'string' ? { sql: options } : options;
          return target.query(
            { ...opts, typeCast: exactTypeCast(opts.typeCast) } as mysql.QueryOptions,
            values,
          );
        };
      }
      if (prop === 'getConnection' && 'getConnection' in target) {
        return async () => exactDoubles(await (target as unknown as mysql.Pool).getConnection());
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
