import type { FastifyInstance } from 'fastify';
import {
  createSla,
  DuplicateSlaName,
  deleteSla,
  getSla,
  listSlas,
  replaceSla,
} from '../../../drizzle/repositories/slas.ts';
import { fromDb, type SlaDeps } from '../deps.ts';
import { Conflict, NotFound } from '../errors.ts';
import { idParamsSchema, problems, slaBodySchema, slaPatchSchema, slaSchema } from '../schemas.ts';
import { present, type SlaBody, toBody, toFields } from '../sla-input.ts';

/** CRUD of SLA definitions: /slas and /slas/:id. */

interface IdParams {
  id: number;
}

const listQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    after: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 },
  },
} as const;

function notFound(id: number): NotFound {
  return new NotFound(`no SLA with id ${id}`);
}

async function guardDuplicate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DuplicateSlaName) throw new Conflict(err.message);
    throw err;
  }
}

export async function slaRoutes(app: FastifyInstance, deps: SlaDeps): Promise<void> {
  const db = deps.database.db;

  app.post<{ Body: SlaBody }>(
    '/slas',
    {
      config: { access: 'write' },
      schema: {
        tags: ['slas'],
        summary: 'Create an SLA',
        security: [{ bearer: [] }],
        body: slaBodySchema,
        response: { 201: slaSchema, ...problems(400, 401, 409, 422, 503) },
      },
    },
    async (req, reply) => {
      const fields = toFields(req.body);
      const sla = await guardDuplicate(() => fromDb('create', () => createSla(db, fields, deps.now())));
      reply.code(201).header('location', `/slas/${sla.id}`);
      return present(sla);
    },
  );

  app.get<{ Querystring: { limit: number; after: number } }>(
    '/slas',
    {
      config: { access: 'read' },
      schema: {
        tags: ['slas'],
        summary: 'List SLAs by id (keyset pages: pass the last id as `after`)',
        querystring: listQuerySchema,
        response: {
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: slaSchema },
              next: { type: 'integer', nullable: true, description: 'The `after` of the next page' },
            },
          },
          ...problems(400, 401, 503),
        },
      },
    },
    async (req) => {
      const items = await fromDb('list', () => listSlas(db, req.query.after, req.query.limit));
      const next = items.length === req.query.limit ? items.at(-1)!.id : null;
      return { items: items.map(present), next };
    },
  );

  app.get<{ Params: IdParams }>(
    '/slas/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['slas'],
        summary: 'One SLA',
        params: idParamsSchema,
        response: { 200: slaSchema, ...problems(400, 401, 404, 503) },
      },
    },
    async (req) => {
      const sla = await fromDb('get', () => getSla(db, req.params.id));
      if (!sla) throw notFound(req.params.id);
      return present(sla);
    },
  );

  app.put<{ Params: IdParams; Body: SlaBody }>(
    '/slas/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['slas'],
        summary: 'Replace an SLA (omitted optional fields take their defaults)',
        security: [{ bearer: [] }],
        params: idParamsSchema,
        body: slaBodySchema,
        response: { 200: slaSchema, ...problems(400, 401, 404, 409, 422, 503) },
      },
    },
    async (req) => {
      const fields = toFields(req.body);
      const sla = await guardDuplicate(() =>
        fromDb('replace', () => replaceSla(db, req.params.id, fields, deps.now())),
      );
      if (!sla) throw notFound(req.params.id);
      return present(sla);
    },
  );

  app.patch<{ Params: IdParams; Body: Partial<SlaBody> }>(
    '/slas/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['slas'],
        summary: 'Change some fields of an SLA; the result must still be a valid SLA',
        security: [{ bearer: [] }],
        params: idParamsSchema,
        body: slaPatchSchema,
        response: { 200: slaSchema, ...problems(400, 401, 404, 409, 422, 503) },
      },
    },
    async (req) => {
      const current = await fromDb('get', () => getSla(db, req.params.id));
      if (!current) throw notFound(req.params.id);
      const fields = toFields({ ...toBody(current), ...req.body });
      const sla = await guardDuplicate(() =>
        fromDb('patch', () => replaceSla(db, req.params.id, fields, deps.now())),
      );
      if (!sla) throw notFound(req.params.id);
      return present(sla);
    },
  );

  app.delete<{ Params: IdParams }>(
    '/slas/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['slas'],
        summary: 'Delete an SLA',
        security: [{ bearer: [] }],
        params: idParamsSchema,
        response: { 204: { type: 'null', description: 'Deleted' }, ...problems(400, 401, 404, 503) },
      },
    },
    async (req, reply) => {
      const deleted = await fromDb('delete', () => deleteSla(db, req.params.id));
      if (!deleted) throw notFound(req.params.id);
      return reply.code(204).send();
    },
  );
}
