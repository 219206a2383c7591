import { slaRulesYaml } from '../../../prometheus/rules.ts';
import type { SlaDeps } from '../deps.ts';
import { Conflict } from '../errors.ts';
import { idParamsSchema, problems } from '../schemas.ts';
import { slaOr404 } from '../sla-lookup.ts';
import type { SlaApp } from '../typed-app.ts';

const YAML = 'application/yaml';

const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

/** The YAML document, as a client parsing it reads it: Prometheus' rule file format (rulefmt). */
const ruleFileSchema = {
  type: 'object',
  description:
    'A Prometheus rule file (https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/): ' +
    'one group, evaluated every minute, of recording rules (good and bad series per minute, the bad share ' +
    'over each burn-rate window and the objective window, the remaining error budget) and alerting rules (one ' +
    'per burn-rate alert, and the absent SLI)',
  required: ['groups'],
  properties: {
    groups: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'interval', 'rules'],
        properties: {
          name: { type: 'string' },
          interval: { type: 'string' },
          rules: {
            type: 'array',
            items: {
              type: 'object',
              required: ['expr'],
              properties: {
                record: { type: 'string' },
                alert: { type: 'string' },
                expr: { type: 'string' },
                for: { type: 'string' },
                labels: stringMap,
                annotations: stringMap,
              },
            },
          },
        },
      },
    },
  },
} as const;

/**
 * GET /slas/:id/rules: the Prometheus recording and alerting rules (sla/rules.ts) that compute the SLA's SLI, budget
 * and burn-rate alerts inside Prometheus as Vigil does, a rule file to drop into `rule_files`. Made from the SLA
 * definition alone (no Prometheus, no counts), so it is there as soon as the objective is.
 */
export async function ruleRoutes(app: SlaApp, deps: SlaDeps): Promise<void> {
  app.get(
    '/slas/:id/rules',
    {
      config: { access: 'read' },
      schema: {
        tags: ['evaluation'],
        summary: 'Prometheus recording and alerting rules of the SLA objective (a rule file, YAML)',
        params: idParamsSchema,
        response: {
          200: {
            description: 'A Prometheus rule file: `promtool check rules` accepts it',
            content: { [YAML]: { schema: ruleFileSchema } },
          },
          ...problems(400, 401, 404, 409, 503),
        },
      },
    },
    async (req, reply) => {
      const sla = await slaOr404(deps.database.db, req.params.id);
      // As GET /slas/:id/budget: the SLA exists but has nothing to alert on.
      if (!sla.objective) {
        throw new Conflict(`SLA ${sla.id} has no objective (set one with PATCH /slas/${sla.id})`);
      }
      // A string with a non-JSON content type is sent as it is, not through the response schema's serializer.
      return reply.type(YAML).send(slaRulesYaml({ ...sla, objective: sla.objective }));
    },
  );
}
