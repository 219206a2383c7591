import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyTypeProvider,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

/**
 * Request types come from the route's JSON schemas (json-schema-to-ts), so a params, query, header or body
 * schema is stated once and is the type the handler sees. Replies stay untyped: the response schemas are open
 * objects (the serializer keeps only what they declare), which json-schema-to-ts would type with index
 * signatures that no domain interface satisfies.
 */
export interface SchemaTypes extends FastifyTypeProvider {
  validator: this['schema'] extends JSONSchema ? FromSchema<this['schema']> : unknown;
  serializer: unknown;
}

/** The Fastify instance the route files register on. */
export type SlaApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  SchemaTypes
>;
