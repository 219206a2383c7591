import { setTimeout as sleep } from 'node:timers/promises';
import type { SlaDefinition } from '../../../contracts/sla.ts';
import { deleteMinutesOf } from '../../../drizzle/repositories/sla-minutes.ts';
import { deleteSeriesOf } from '../../../drizzle/repositories/sla-series.ts';
import {
  createSla,
  DuplicateSlaName,
  deleteSla,
  listSlas,
  replaceSla,
  StaleRevision,
} from '../../../drizzle/repositories/slas.ts';
import { deleteSloStatus } from '../../../drizzle/repositories/slo-status.ts';
import type { SlaDeps } from '../deps.ts';
import { Conflict, PreconditionFailed } from '../errors.ts';
import { checkIfMatch, type IfMatch, parseIfMatch, setEtag } from '../preconditions.ts';
import { IF_MATCH, idParamsSchema, problems, slaBodySchema, slaPatchSchema, slaSchema } from '../schemas.ts';
import { present, toBody, toFields } from '../sla-input.ts';
import { slaNotFound, slaOr404 } from '../sla-lookup.ts';
import { startSloCounts } from '../slo-counts.ts';
import type { SlaApp } from '../typed-app.ts';

/**
 * CRUD of SLA definitions: /slas and /slas/:id. Reads of one SLA and writes answer with its revision as ETag;
 * writes honour If-Match (412 when it no longer holds), and PATCH never loses a concurrent update: it merges into
 * the revision it read and, if that moved meanwhile, merges again into the new one.
 */

export const listQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    after: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 },
  },
} as const;

/** Runs a write, turning the repository's typed refusals into problems. */
export async function guardWrite<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DuplicateSlaName) {
      throw new Conflict(err.message, err.holderId === undefined ? {} : { holder: `/slas/${err.holderId}` });
    }
    if (err instanceof StaleRevision) {
      throw new PreconditionFailed(
        `SLA ${err.id} changed meanwhile; it is at revision ${err.current}`,
        err.current,
      );
    }
    throw err;
  }
}

/**
 * Attempts of a PATCH without If-Match to merge into a revision that others keep moving. Each round of racing
 * writers lets one through; waiting a random, growing pause (full jitter, capped) spreads the rest, so even
 * dozens of concurrent PATCHes all land (within about 2 s) before any is answered 409.
 */
const PATCH_ATTEMPTS = 20;
const PATCH_BACKOFF_CAP_MS = 100;

function patchBackoff(attempt: number): Promise<void> {
  return sleep(Math.random() * Math.min(PATCH_BACKOFF_CAP_MS, 2 ** attempt));
}

/** The optional `If-Match` header of the write routes (parsed by `parseIfMatch`). */
const ifMatchSchema = {
  type: 'object',
  properties: {
    'if-match': {
      type: 'string',
      maxLength: 512,
      pattern: IF_MATCH,
      example: '"3"',
      description: 'Apply only if the SLA is at one of these revisions, e.g. "3" (its ETag); * for any',
    },
  },
} as const;

export async function slaRoutes(app: SlaApp, deps: SlaDeps): Promise<void> {
  const db = deps.database.db;

  app.post(
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
      const sla = await guardWrite(() => createSla(db, fields, deps.now()));
      await startSloCounts(deps, sla, req.log);
      reply.code(201).header('location', `/slas/${sla.id}`);
      setEtag(reply, sla.revision);
      return present(sla);
    },
  );

  app.get(
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
      const items = await listSlas(db, req.query.after, req.query.limit);
      const next = items.length === req.query.limit ? items.at(-1)!.id : null;
      return { items: items.map(present), next };
    },
  );

  app.get(
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
    async (req, reply) => {
      const sla = await slaOr404(db, req.params.id);
      setEtag(reply, sla.revision);
      return present(sla);
    },
  );

  /** The current SLA, 404 if there is none, 412 if it fails the precondition. */
  async function currentFor(id: number, ifMatch: IfMatch): Promise<SlaDefinition> {
    const current = await slaOr404(db, id);
    checkIfMatch(ifMatch, id, current.revision);
    return current;
  }

  /** The revision a conditional write compares against: the one If-Match names, or, for a list, the current one. */
  async function expectedRevision(id: number, ifMatch: IfMatch): Promise<number | undefined> {
    if (!(ifMatch instanceof Set)) return undefined;
    if (ifMatch.size === 1) return [...ifMatch][0]!;
    return (await currentFor(id, ifMatch)).revision;
  }

  app.put(
    '/slas/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['slas'],
        summary: 'Replace an SLA (omitted optional fields take their defaults)',
        security: [{ bearer: [] }],
        params: idParamsSchema,
        headers: ifMatchSchema,
        body: slaBodySchema,
        response: { 200: slaSchema, ...problems(400, 401, 404, 409, 412, 422, 503) },
      },
    },
    async (req, reply) => {
      const fields = toFields(req.body);
      const expected = await expectedRevision(req.params.id, parseIfMatch(req.headers['if-match']));
      const sla = await guardWrite(() => replaceSla(db, req.params.id, fields, deps.now(), expected));
      if (!sla) throw slaNotFound(req.params.id);
      await startSloCounts(deps, sla, req.log);
      setEtag(reply, sla.revision);
      return present(sla);
    },
  );

  app.patch(
    '/slas/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['slas'],
        summary: 'Change some fields of an SLA; the result must still be a valid SLA',
        security: [{ bearer: [] }],
        params: idParamsSchema,
        headers: ifMatchSchema,
        body: slaPatchSchema,
        response: { 200: slaSchema, ...problems(400, 401, 404, 409, 412, 422, 503) },
      },
    },
    async (req, reply) => {
      const ifMatch = parseIfMatch(req.headers['if-match']);
      for (let attempt = 1; ; attempt++) {
        const current = await currentFor(req.params.id, ifMatch);
        const fields = toFields({ ...toBody(current), ...req.body });
        try {
          const sla = await guardWrite(() =>
            replaceSla(db, req.params.id, fields, deps.now(), current.revision),
          );
          if (!sla) throw slaNotFound(req.params.id);
          await startSloCounts(deps, sla, req.log);
          setEtag(reply, sla.revision);
          return present(sla);
        } catch (err) {
          // Someone else wrote between our read and our write: merge again into theirs, unless the client
          // named the revisions it accepts (then 412 is the answer) or the SLA keeps moving. `*` only asks
          // that the SLA exists, which the next read checks.
          if (!(err instanceof PreconditionFailed) || ifMatch instanceof Set) throw err;
          if (attempt === PATCH_ATTEMPTS) {
            throw new Conflict(`SLA ${req.params.id} kept changing during the update; retry it`);
          }
          await patchBackoff(attempt);
        }
      }
    },
  );

  app.delete(
    '/slas/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['slas'],
        summary: 'Delete an SLA',
        security: [{ bearer: [] }],
        params: idParamsSchema,
        headers: ifMatchSchema,
        response: { 204: { type: 'null', description: 'Deleted' }, ...problems(400, 401, 404, 412, 503) },
      },
    },
    async (req, reply) => {
      const expected = await expectedRevision(req.params.id, parseIfMatch(req.headers['if-match']));
      const deleted = await guardWrite(() => deleteSla(db, req.params.id, expected));
      if (!deleted) throw slaNotFound(req.params.id);
      await deleteMinutesOf(db, req.params.id);
      await deleteSloStatus(db, req.params.id);
      await deleteSeriesOf(db, req.params.id);
      return reply.code(204).send();
    },
  );
}
