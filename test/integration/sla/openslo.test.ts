import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { sloMinutesWorkflowId } from '../../../contracts/sla-workflow-id.ts';
import { slaFingerprint } from '../../../sla/fingerprint.ts';
import { testEnv, uniqueName } from '../../support/env.ts';
import { auth, type SlaHarness, startSla } from '../../support/sla.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

/**
 * OpenSLO export and import through the REST API on the real test stack: GET /slas/:id/openslo writes an SLA as an
 * OpenSLO v1 SLO, POST /slos/openslo creates one from such a document through the same checks as POST /slas.
 */

quietTemporalRuntime();
const env = testEnv();
let h: SlaHarness;

beforeAll(async () => {
  h = await startSla(env);
});
afterAll(async () => {
  await h?.stop();
});

const yamlHeaders = { ...auth, 'content-type': 'application/yaml' };

async function create(body: Record<string, unknown>) {
  const res = await h.app.inject({ method: 'POST', url: '/slas', headers: auth, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function exported(id: number) {
  const res = await h.app.inject({ method: 'GET', url: `/slas/${id}/openslo` });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

function importYaml(payload: string, headers: Record<string, string> = yamlHeaders) {
  return h.app.inject({ method: 'POST', url: '/slos/openslo', headers, payload });
}

/** An SLA as answered, without what differs between two SLAs created alike. */
function definition(sla: Record<string, unknown>) {
  const { id: _id, name: _name, createdAt: _c, updatedAt: _u, ...rest } = sla;
  return rest;
}

/** The paths a 422 names. */
function paths(res: { json: () => { errors?: Array<{ path: string }> } }): string[] {
  return (res.json().errors ?? []).map((e) => e.path).sort();
}

describe('OpenSLO export and import', () => {
  it('exports an SLA as an OpenSLO v1 SLO and imports it back, under another name, as the same SLA', async () => {
    const original = await create({
      name: uniqueName('openslo'),
      description: 'open file descriptors stay between 1 and 4,000',
      metric: 'node_filefd_allocated',
      matchers: [
        { label: 'job', op: '=~', value: 'host|demo' },
        { label: 'instance', op: '!=', value: 'a "quoted" \\ value' },
      ],
      min: 1,
      max: 4000,
      for: '5m',
      objective: { target: 0.995, window: 'month' },
    });
    const res = await exported(original.id);
    expect(res.headers['content-type']).toMatch(/^application\/yaml/);
    expect(res.headers.etag).toBe('"1"');
    const doc = parse(res.body);
    expect(doc).toMatchObject({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { displayName: original.name, annotations: { 'vigil.dev/for': '5m' } },
      spec: {
        budgetingMethod: 'Timeslices',
        timeWindow: [{ duration: '1M', calendar: { timeZone: 'UTC' }, isRolling: false }],
      },
    });

    const name = uniqueName('openslo-copy');
    doc.metadata.displayName = name;
    const imported = await importYaml(stringify(doc));
    expect(imported.statusCode, imported.body).toBe(201);
    const copy = imported.json();
    expect(imported.headers.location).toBe(`/slas/${copy.id}`);
    expect(imported.headers.etag).toBe('"1"');
    expect(copy.name).toBe(name);
    expect(definition(copy)).toEqual(definition(original));
    expect((await h.app.inject({ method: 'GET', url: `/slas/${copy.id}` })).json()).toEqual(copy);

    // The imported objective is counted like any other: its backfill workflow was started.
    const counting = h.temporal.workflow.getHandle(sloMinutesWorkflowId(copy.id, slaFingerprint(copy)));
    await expect(counting.describe()).resolves.toMatchObject({ type: 'sloMinutes' });
  });

  it('keeps what OpenSLO has no room for: a long name and description, in annotations', async () => {
    const original = await create({
      name: uniqueName(`openslo ${'long '.repeat(12)}`),
      description: 'd'.repeat(2000),
      metric: 'node_memory_MemAvailable_bytes',
      min: 1e9,
      objective: { target: 0.9, window: '7d' },
    });
    const doc = parse((await exported(original.id)).body);
    expect(doc.metadata.annotations).toMatchObject({
      'vigil.dev/name': original.name,
      'vigil.dev/description': 'd'.repeat(2000),
    });
    doc.metadata.annotations['vigil.dev/name'] = `${original.name} copy`;
    const imported = await importYaml(stringify(doc));
    expect(imported.statusCode, imported.body).toBe(201);
    expect(definition(imported.json())).toEqual(definition(original));
  });

  it('answers 409 for an SLA without objective and 404 for none', async () => {
    const plain = await create({ name: uniqueName('openslo-plain'), metric: 'up', min: 1 });
    const res = await h.app.inject({ method: 'GET', url: `/slas/${plain.id}/openslo` });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await h.app.inject({ method: 'GET', url: '/slas/999999999/openslo' })).statusCode).toBe(404);
  });

  it('refuses a document Vigil cannot keep with a 422 naming every field, and creates nothing', async () => {
    const original = await create({
      name: uniqueName('openslo-refused'),
      metric: 'up',
      min: 1,
      objective: { target: 0.99, window: 'week' },
    });
    const doc = parse((await exported(original.id)).body);
    doc.metadata.displayName = uniqueName('openslo-never');
    doc.spec.budgetingMethod = 'Occurrences';
    doc.spec.timeWindow[0].calendar.timeZone = 'Europe/Paris';
    doc.spec.indicator.spec.thresholdMetric.metricSource.spec.query = 'rate(up[5m])';
    doc.spec.alertPolicies = [{ alertPolicyRef: 'page' }];
    const res = await importYaml(stringify(doc));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: 'urn:vigil:problem:unprocessable', status: 422 });
    expect(paths(res)).toEqual(
      [
        'spec.alertPolicies',
        'spec.budgetingMethod',
        'spec.indicator.spec.thresholdMetric.metricSource.spec.query',
        'spec.timeWindow[0].calendar.timeZone',
      ].sort(),
    );
    const list = (await h.app.inject({ method: 'GET', url: `/slas?after=${original.id}` })).json();
    expect(list.items.map((s: { name: string }) => s.name)).not.toContain(doc.metadata.displayName);
  });

  it('checks the SLA as POST /slas does, naming the document field each refused value came from', async () => {
    const original = await create({
      name: uniqueName('openslo-checked'),
      metric: 'up',
      max: 1,
      objective: { target: 0.99, window: '30d' },
    });
    const doc = parse((await exported(original.id)).body);
    doc.metadata.displayName = ' leading space';
    doc.metadata.annotations['vigil.dev/for'] = '5 minutes';
    const res = await importYaml(stringify(doc));
    expect(res.statusCode, res.body).toBe(422);
    expect(paths(res)).toEqual(['metadata.annotations["vigil.dev/for"]', 'metadata.displayName']);

    doc.metadata.displayName = original.name;
    doc.metadata.annotations['vigil.dev/for'] = '5m';
    const duplicate = await importYaml(stringify(doc));
    expect(duplicate.statusCode, duplicate.body).toBe(409);
    expect(duplicate.json()).toMatchObject({ holder: `/slas/${original.id}` });
  });

  it('answers 400 for a body that is not YAML or not a mapping, 415 for JSON, 413 past the body limit', async () => {
    const broken = await importYaml('apiVersion: [openslo/v1\nkind: SLO\n');
    expect(broken.statusCode, broken.body).toBe(400);
    expect(broken.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await importYaml('- just\n- a list\n')).statusCode).toBe(400);
    const twoDocuments = await importYaml('kind: SLO\n---\nkind: SLO\n');
    expect(twoDocuments.statusCode).toBe(422);
    expect(paths(twoDocuments)).toEqual(['(document)']);
    const json = await importYaml('{"kind":"SLO"}', { ...auth, 'content-type': 'application/json' });
    expect(json.statusCode).toBe(415);
    expect((await importYaml(`description: ${'x'.repeat(70_000)}\n`)).statusCode).toBe(413);
  });

  it('answers 401 without a valid token and creates nothing', async () => {
    const anonymous = await importYaml('kind: SLO\n', { 'content-type': 'application/yaml' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ status: 401, type: 'urn:vigil:problem:unauthorized' });
    const wrong = await importYaml('kind: SLO\n', {
      authorization: 'Bearer not-the-token',
      'content-type': 'application/yaml',
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('documents both routes in the OpenAPI document with their YAML media type', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const get = doc.paths['/slas/{id}/openslo'].get;
    expect(Object.keys(get.responses['200'].content)).toEqual(['application/yaml']);
    const post = doc.paths['/slos/openslo'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['application/yaml']);
    expect(post.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '409', '422']));
  });
});
