import { NOTIFICATION_KINDS } from '../../../contracts/notifications.ts';
import {
  createTarget,
  DuplicateTargetName,
  deleteTarget,
  getTarget,
  listTargets,
  type NotificationTarget,
  replaceTarget,
  type TargetFields,
} from '../../../drizzle/repositories/notification-targets.ts';
import type { SlaDeps } from '../deps.ts';
import { Conflict, NotFound, Unprocessable } from '../errors.ts';
import { idParamsSchema, problems, SLA_NAME } from '../schemas.ts';
import type { SlaApp } from '../typed-app.ts';
import { listQuerySchema } from './slas.ts';

const MAX_SLA_IDS = 1_000;

const targetBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'kind', 'url'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 128, pattern: SLA_NAME },
    kind: {
      type: 'string',
      enum: [...NOTIFICATION_KINDS],
      description: "'alertmanager': its API v2 base URL; 'webhook': a URL that takes signed JSON POSTs",
    },
    url: { type: 'string', minLength: 8, maxLength: 2048, pattern: '^https?://' },
    secret: {
      type: 'string',
      minLength: 16,
      maxLength: 256,
      description:
        'Webhooks: the HMAC-SHA256 key of X-Vigil-Signature (write-only; omitted on PUT keeps the stored one)',
    },
    slaIds: {
      type: 'array',
      nullable: true,
      maxItems: MAX_SLA_IDS,
      uniqueItems: true,
      items: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
      description: 'The SLAs whose alerts go to this target; null or absent: every SLA with an objective',
    },
  },
} as const;

const targetSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
    url: { type: 'string' },
    secretSet: { type: 'boolean', description: 'Whether a secret is stored (it is never returned)' },
    slaIds: { type: 'array', nullable: true, items: { type: 'integer' } },
    revision: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** A target as the API shows it: everything but the secret. */
function present(t: NotificationTarget) {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    url: t.url,
    secretSet: t.secret !== null,
    slaIds: t.slaIds,
    revision: t.revision,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

interface TargetBody {
  name: string;
  kind: (typeof NOTIFICATION_KINDS)[number];
  url: string;
  secret?: string;
  slaIds?: number[] | null;
}

/**
 * What the schema cannot say: a URL that WHATWG URL parses, without credentials (they would be shown back on
 * every read; put them in the secret, which is never shown), and a secret only where it is used.
 */
function toFields(body: TargetBody, creating: boolean): TargetFields {
  let url: URL;
  try {
    url = new URL(body.url);
  } catch {
    throw new Unprocessable(`url is not a URL: ${JSON.stringify(body.url)}`, { field: 'url' });
  }
  if (url.username || url.password) {
    throw new Unprocessable('url must not carry credentials', { field: 'url' });
  }
  if (body.kind === 'alertmanager' && body.secret !== undefined) {
    throw new Unprocessable('an alertmanager target takes no secret', { field: 'secret' });
  }
  if (body.kind === 'webhook' && creating && body.secret === undefined) {
    throw new Unprocessable('a webhook target needs a secret to sign its requests', { field: 'secret' });
  }
  return {
    name: body.name.normalize('NFC'),
    kind: body.kind,
    url: url.href,
    secret: body.secret ?? null,
    slaIds: body.slaIds ?? null,
  };
}

async function guardName<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DuplicateTargetName) throw new Conflict(err.message);
    throw err;
  }
}

const notFound = (id: number) => new NotFound(`no notification target with id ${id}`);

/**
 * Where SLO alert changes are sent (activities/sla/notify.ts): Alertmanagers and signed webhooks. Writes need the
 * token like every write; reads show everything but the secret.
 */
export async function notificationTargetRoutes(app: SlaApp, deps: SlaDeps): Promise<void> {
  const db = deps.database.db;

  app.post(
    '/notification-targets',
    {
      config: { access: 'write' },
      schema: {
        tags: ['notifications'],
        summary: 'Add a notification target',
        security: [{ bearer: [] }],
        body: targetBodySchema,
        response: { 201: targetSchema, ...problems(400, 401, 409, 422, 503) },
      },
    },
    async (req, reply) => {
      const target = await guardName(() => createTarget(db, toFields(req.body, true), deps.now()));
      reply.code(201).header('location', `/notification-targets/${target.id}`);
      return present(target);
    },
  );

  app.get(
    '/notification-targets',
    {
      config: { access: 'read' },
      schema: {
        tags: ['notifications'],
        summary: 'List notification targets by id (keyset pages: pass the last id as `after`)',
        querystring: listQuerySchema,
        response: {
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: targetSchema },
              next: { type: 'integer', nullable: true, description: 'The `after` of the next page' },
            },
          },
          ...problems(400, 401, 503),
        },
      },
    },
    async (req) => {
      const items = await listTargets(db, req.query.after, req.query.limit);
      return {
        items: items.map(present),
        next: items.length === req.query.limit ? items.at(-1)!.id : null,
      };
    },
  );

  app.get(
    '/notification-targets/:id',
    {
      config: { access: 'read' },
      schema: {
        tags: ['notifications'],
        summary: 'One notification target',
        params: idParamsSchema,
        response: { 200: targetSchema, ...problems(400, 401, 404, 503) },
      },
    },
    async (req) => {
      const target = await getTarget(db, req.params.id);
      if (!target) throw notFound(req.params.id);
      return present(target);
    },
  );

  app.put(
    '/notification-targets/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['notifications'],
        summary: 'Replace a notification target (an omitted secret keeps the stored one)',
        security: [{ bearer: [] }],
        params: idParamsSchema,
        body: targetBodySchema,
        response: { 200: targetSchema, ...problems(400, 401, 404, 409, 422, 503) },
      },
    },
    async (req) => {
      const current = await getTarget(db, req.params.id);
      if (!current) throw notFound(req.params.id);
      // A webhook keeps its secret when none is sent; a target turned into a webhook needs one.
      const fields = toFields(req.body, current.kind !== 'webhook');
      const keepSecret = fields.kind === 'webhook' && req.body.secret === undefined;
      const replaced = await guardName(() =>
        replaceTarget(db, req.params.id, fields, deps.now(), keepSecret),
      );
      if (!replaced) throw notFound(req.params.id);
      return present(replaced);
    },
  );

  app.delete(
    '/notification-targets/:id',
    {
      config: { access: 'write' },
      schema: {
        tags: ['notifications'],
        summary: 'Delete a notification target (what is still queued for it is dropped)',
        security: [{ bearer: [] }],
        params: idParamsSchema,
        response: { 204: { type: 'null', description: 'Deleted' }, ...problems(400, 401, 404, 503) },
      },
    },
    async (req, reply) => {
      if (!(await deleteTarget(db, req.params.id))) throw notFound(req.params.id);
      return reply.code(204).send();
    },
  );
}
