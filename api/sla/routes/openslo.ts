import { Ajv, type ErrorObject } from 'ajv';
import { createSla } from '../../../drizzle/repositories/slas.ts';
import type { SlaDeps } from '../deps.ts';
import { BadRequest, Conflict, Unprocessable } from '../errors.ts';
import {
  OPENSLO_API_VERSION,
  OpenSloError,
  type OpenSloProblem,
  type OpenSloSla,
  type OpenSloSources,
  OpenSloSyntaxError,
} from '../openslo/document.ts';
import { toOpenSlo } from '../openslo/export.ts';
import { fromOpenSlo } from '../openslo/import.ts';
import { readOpenSloYaml, writeOpenSloYaml } from '../openslo/yaml.ts';
import { unstorable } from '../plugins/json-body.ts';
import { setEtag } from '../preconditions.ts';
import { idParamsSchema, problems, slaBodySchema, slaSchema } from '../schemas.ts';
import { present, toBody, toFields } from '../sla-input.ts';
import { slaOr404 } from '../sla-lookup.ts';
import { startSloCounts } from '../slo-counts.ts';
import type { SlaApp } from '../typed-app.ts';
import { guardWrite } from './slas.ts';

/**
 * SLOs as OpenSLO v1 YAML (sla/openslo.ts): GET /slas/:id/openslo exports an SLA's objective, POST /slos/openslo
 * imports one as a new SLA through the same checks and create path as POST /slas. A document Vigil cannot keep
 * whole is a 422 listing each field at fault by its path in the document.
 */

/** RFC 9512's media type; the only one this scope parses (the app's bodyLimit applies as to JSON). */
const YAML = 'application/yaml';

const documentNote = 'An OpenSLO v1 document of kind SLO (github.com/OpenSLO/OpenSLO), as YAML';

/** What export writes; the document shown in the API description (the YAML is text: no serializer sees it). */
const exportSchema = {
  type: 'object',
  description: documentNote,
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { type: 'string', enum: [OPENSLO_API_VERSION] },
    kind: { type: 'string', enum: ['SLO'] },
    metadata: {
      type: 'object',
      required: ['name', 'annotations'],
      properties: {
        name: { type: 'string', description: 'An RFC 1123 label made from the SLA name' },
        displayName: { type: 'string', description: 'The SLA name, when it has at most 63 characters' },
        annotations: {
          type: 'object',
          description:
            'vigil.dev/for: the SLA `for`; vigil.dev/name and vigil.dev/description: a name or description ' +
            'longer than OpenSLO allows',
          additionalProperties: { type: 'string' },
        },
      },
    },
    spec: {
      type: 'object',
      required: ['service', 'indicator', 'timeWindow', 'budgetingMethod', 'objectives'],
      properties: {
        description: { type: 'string' },
        service: { type: 'string' },
        indicator: { type: 'object', description: 'thresholdMetric over Prometheus: the SLA selector' },
        timeWindow: { type: 'array', minItems: 1, maxItems: 1, items: { type: 'object' } },
        budgetingMethod: { type: 'string', enum: ['Timeslices'] },
        objectives: {
          type: 'array',
          minItems: 1,
          maxItems: 2,
          description: 'One per bound: op gte (min) or lte (max), each with the SLA target',
          items: {
            type: 'object',
            properties: {
              op: { type: 'string', enum: ['gte', 'lte'] },
              value: { type: 'number' },
              target: { type: 'number' },
              timeSliceTarget: { type: 'number' },
              timeSliceWindow: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;

/** Any mapping: what Vigil cannot keep is answered 422 field by field, which no schema here could say. */
const importSchema = {
  type: 'object',
  description: `${documentNote}. Rolling 7d/28d/30d or calendar 1w/1M windows in UTC, Timeslices of 1m`,
} as const;

/** The imported SLA against the POST /slas body schema, with every error at once. */
const validSlaBody = new Ajv({
  removeAdditional: false,
  useDefaults: true,
  allErrors: true,
  strict: false,
  coerceTypes: false,
}).compile(slaBodySchema);

/** The API's schema errors as problems of the document fields the refused values came from. */
function schemaProblems(errors: ErrorObject[], sources: OpenSloSources): OpenSloProblem[] {
  return errors.map((e) => {
    const field = e.instancePath.split('/')[1] as keyof OpenSloSources;
    const what = e.instancePath.slice(1).replaceAll('/', '.');
    return {
      path: sources[field] ?? '(document)',
      message: `the SLA's ${what} ${e.message ?? 'is invalid'}`,
    };
  });
}

/** The SLA a document describes, checked as a POST /slas body; refusals name the document's fields. */
function importedSla(doc: unknown): OpenSloSla {
  try {
    const { sla, sources } = fromOpenSlo(doc);
    if (!validSlaBody(sla)) throw new OpenSloError(schemaProblems(validSlaBody.errors ?? [], sources));
    return sla;
  } catch (err) {
    if (err instanceof OpenSloError) throw unprocessable(err);
    throw err;
  }
}

function unprocessable(err: OpenSloError): Unprocessable {
  return new Unprocessable(`the OpenSLO document cannot be imported: ${err.message}`, {
    errors: err.problems.map((p) => ({ in: 'body', path: p.path, message: p.message })),
  });
}

/** The body's one YAML document: 400 when it is not YAML or holds what no SLA can store, 422 for several. */
function parseBody(text: string): unknown {
  try {
    const doc = readOpenSloYaml(text);
    const found = unstorable(doc);
    if (!found) return doc;
    const field = found.path || '/';
    throw new BadRequest(`body${field === '/' ? '' : field} ${found.reason}`, {
      errors: [{ in: 'body', path: field, message: found.reason }],
    });
  } catch (err) {
    if (err instanceof OpenSloSyntaxError) throw new BadRequest(`the body is not YAML: ${err.message}`);
    if (err instanceof OpenSloError) throw unprocessable(err);
    throw err;
  }
}

export async function openSloRoutes(app: SlaApp, deps: SlaDeps): Promise<void> {
  const db = deps.database.db;
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(YAML, { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseBody(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  app.get(
    '/slas/:id/openslo',
    {
      config: { access: 'read' },
      schema: {
        tags: ['slas'],
        summary: 'The SLA objective as an OpenSLO v1 SLO document (YAML)',
        params: idParamsSchema,
        response: {
          200: { description: documentNote, content: { [YAML]: { schema: exportSchema } } },
          ...problems(400, 401, 404, 409, 503),
        },
      },
    },
    async (req, reply) => {
      const sla = await slaOr404(db, req.params.id);
      // An OpenSLO SLO is its objectives: an SLA without one has nothing to export (as GET /slas/:id/budget).
      if (!sla.objective) {
        throw new Conflict(
          `SLA ${sla.id} has no objective, which an OpenSLO SLO needs (set one with PATCH /slas/${sla.id})`,
        );
      }
      setEtag(reply, sla.revision);
      const doc = toOpenSlo({ ...toBody(sla), objective: sla.objective });
      // A string with a non-JSON content type is sent as it is, not through the response schema's serializer.
      return reply.type(YAML).send(writeOpenSloYaml(doc));
    },
  );

  app.post(
    '/slos/openslo',
    {
      config: { access: 'write' },
      schema: {
        tags: ['slas'],
        summary: 'Create an SLA from an OpenSLO v1 SLO document (YAML)',
        security: [{ bearer: [] }],
        body: { content: { [YAML]: { schema: importSchema } } },
        response: { 201: slaSchema, ...problems(400, 401, 409, 413, 415, 422, 503) },
      },
    },
    async (req, reply) => {
      const fields = toFields(importedSla(req.body));
      // As POST /slas: a taken name is a 409 naming its holder.
      const sla = await guardWrite(() => createSla(db, fields, deps.now()));
      await startSloCounts(deps, sla, req.log);
      reply.code(201).header('location', `/slas/${sla.id}`);
      setEtag(reply, sla.revision);
      return present(sla);
    },
  );
}
