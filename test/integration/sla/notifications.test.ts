import { createHmac } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationPayload } from '../../../contracts/notifications.ts';
import { sloMinutesWorkflowId } from '../../../contracts/sla-workflow-id.ts';
import { sloTaskQueue } from '../../../contracts/slo.ts';
import { notifications, notificationTargets } from '../../../drizzle/sla-schema.ts';
import type { BudgetReport } from '../../../sla/budget.ts';
import { slaFingerprint } from '../../../sla/fingerprint.ts';
import { alertmanagerUrl, alertsInAlertmanager } from '../../support/alertmanager.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import { auth, backfillBurningFleet, type SlaHarness, slaWithTargets, startSla } from '../../support/sla.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';

/**
 * SLO alert notifications end to end: a fleet burning its budget (one host of five above the max for the last
 * hour), an SLA given an objective, targets for the real Alertmanager of the test stack and for a webhook
 * receiver run by this test. The SLO workflow evaluates, queues and delivers; the alerts are read back from
 * Alertmanager's API and the receiver's log, and checked against the budget route's alert states.
 */

quietTemporalRuntime();
const env = testEnv();
const SECRET = 'webhook-secret-0123456789';
const end = wholeMinutesAgo(2);
const endS = end.getTime() / 1000;
const metric = uniqueName('vigil_test_notify').replaceAll('-', '_');
const job = 'notify';

interface Delivery {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  payload: NotificationPayload;
}

let h: SlaHarness;
let receiver: WebhookReceiver | undefined;
let hookUrl: string;
const deliveries: Delivery[] = [];

beforeAll(async () => {
  await backfillBurningFleet(env, metric, job, endS);
  receiver = await startWebhookReceiver((req, body, res) => {
    deliveries.push({
      id: String(req.headers['x-vigil-delivery']),
      timestamp: String(req.headers['x-vigil-timestamp']),
      signature: String(req.headers['x-vigil-signature']),
      body,
      payload: JSON.parse(body),
    });
    res.writeHead(204).end();
  });
  hookUrl = `${receiver.url}/hook`;
  h = await startSla(env);
}, 240_000);

const targetIds: number[] = [];

afterAll(async () => {
  if (targetIds.length > 0)
    await h?.database.db.delete(notificationTargets).where(inArray(notificationTargets.id, targetIds));
  await h?.stop();
  await receiver?.close();
});

/** Waits for the SLO workflow the last write of SLA `id` started: it counts, evaluates, queues and delivers. */
async function counted(id: number): Promise<void> {
  const sla = (await h.app.inject({ method: 'GET', url: `/slas/${id}` })).json();
  await h.temporal.workflow.getHandle(sloMinutesWorkflowId(id, slaFingerprint(sla))).result();
}

const budget = async (id: number): Promise<BudgetReport> =>
  (await h.app.inject({ method: 'GET', url: `/slas/${id}/budget` })).json();

describe('SLO alert notifications', () => {
  it('pages Alertmanager and the webhook once per change, re-sends firing alerts, resolves them', async () => {
    const { sla, am, hook } = await slaWithTargets(h.app, {
      name: uniqueName('notify'),
      metric,
      job,
      alertmanagerUrl: alertmanagerUrl(),
      hookUrl,
      secret: SECRET,
    });
    targetIds.push(am.id, hook.id);
    // The secret is write-only.
    expect(hook).not.toHaveProperty('secret');
    expect(hook.secretSet).toBe(true);
    expect(
      JSON.stringify((await h.app.inject({ method: 'GET', url: '/notification-targets' })).json()),
    ).not.toContain(SECRET);

    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/slas/${sla.id}`,
      headers: auth,
      payload: { objective: { target: 0.99, window: '7d' } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    await counted(sla.id);
    const b = await budget(sla.id);
    const firing = b.alerts.filter((a) => a.state === 'firing').map((a) => a.name);
    // Burning for the last hour at 20 % bad: page-fast and ticket fire (as in budget.test.ts).
    expect(firing.sort()).toEqual(['page-fast', 'ticket']);

    // Alertmanager holds exactly the firing alerts, once each, with the labels Vigil names them by.
    const inAm = await alertsInAlertmanager({ sla_id: String(sla.id) });
    expect(inAm.map((a) => a.labels.slo_alert).sort()).toEqual(['page-fast', 'ticket']);
    for (const a of inAm) {
      expect(a.labels).toMatchObject({ alertname: 'VigilSLOBurnRate', sla_name: sla.name });
      const status = b.alerts.find((x) => x.name === a.labels.slo_alert)!;
      // Alertmanager's startsAt is when the alert started firing: `for` (5m) after it became active.
      expect(Date.parse(a.startsAt)).toBe(Date.parse(status.since!) + 5 * 60_000);
    }

    // The webhook got one firing change per alert, signed over "<timestamp>.<body>" with the secret.
    const mine = () => deliveries.filter((d) => d.payload.sla.id === sla.id);
    expect(
      mine()
        .map((d) => `${d.payload.alert}:${d.payload.transition}`)
        .sort(),
    ).toEqual(['page-fast:firing', 'ticket:firing']);
    for (const d of mine()) {
      const expected = createHmac('sha256', SECRET).update(`${d.timestamp}.${d.body}`).digest('hex');
      expect(d.signature).toBe(`sha256=${expected}`);
    }

    // A run with nothing new: no webhook delivery, the same alerts in Alertmanager (sent again, not doubled).
    await h.temporal.workflow.execute('sloMinutes', {
      taskQueue: sloTaskQueue(h.env.VIGIL_SLA_TASK_QUEUE),
      workflowId: uniqueName('slo-rerun'),
      args: [{ slaId: sla.id }],
    });
    expect(mine()).toHaveLength(2);
    expect((await alertsInAlertmanager({ sla_id: String(sla.id) })).length).toBe(2);

    // The worst moment for a crash: a delivery made, its acknowledgement lost. The next run sends it again
    // under the same delivery id (the receiver's idempotency key), and Alertmanager still holds one alert each.
    const [first] = mine();
    await h.database.db
      .update(notifications)
      .set({ state: 'due', sentAt: null })
      .where(eq(notifications.id, Number(first!.id)));
    await h.temporal.workflow.execute('sloMinutes', {
      taskQueue: sloTaskQueue(h.env.VIGIL_SLA_TASK_QUEUE),
      workflowId: uniqueName('slo-rerun'),
      args: [{ slaId: sla.id }],
    });
    expect(mine()).toHaveLength(3);
    expect(mine()[2]!.id).toBe(first!.id);
    expect(mine()[2]!.body).toBe(first!.body);
    expect(new Set(mine().map((d) => d.id)).size).toBe(2);
    expect((await alertsInAlertmanager({ sla_id: String(sla.id) })).length).toBe(2);

    // New bounds the episode stays under: recounted, both alerts resolve; Alertmanager lists none.
    const raised = await h.app.inject({
      method: 'PATCH',
      url: `/slas/${sla.id}`,
      headers: auth,
      payload: { max: 7000 },
    });
    expect(raised.statusCode, raised.body).toBe(200);
    await counted(sla.id);
    expect(await alertsInAlertmanager({ sla_id: String(sla.id) })).toEqual([]);
    expect((await budget(sla.id)).alerts.every((a) => a.state === 'ok')).toBe(true);
    const resolved = mine().filter((d) => d.payload.transition === 'resolved');
    expect(resolved.map((d) => d.payload.alert).sort()).toEqual(['page-fast', 'ticket']);
    expect(resolved.every((d) => d.payload.from === 'firing')).toBe(true);
    const targets = (await h.app.inject({ method: 'GET', url: '/notification-targets?limit=500' })).json();
    expect(targets.items.map((t: { id: number }) => t.id)).toContain(am.id);
  });

  it('refuses what a target cannot use, naming the field; writes need the token', async () => {
    const cases: Array<[Record<string, unknown>, number, RegExp]> = [
      [{ name: uniqueName('t'), kind: 'webhook', url: hookUrl }, 422, /secret/],
      [
        { name: uniqueName('t'), kind: 'alertmanager', url: alertmanagerUrl(), secret: SECRET },
        422,
        /secret/,
      ],
      [
        { name: uniqueName('t'), kind: 'webhook', url: 'http://user:pw@example.test/', secret: SECRET },
        422,
        /url/,
      ],
      [{ name: uniqueName('t'), kind: 'webhook', url: 'ftp://example.test/', secret: SECRET }, 400, /url/],
      [{ name: uniqueName('t'), kind: 'pager', url: hookUrl, secret: SECRET }, 400, /kind/],
    ];
    for (const [payload, status, field] of cases) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/notification-targets',
        headers: auth,
        payload,
      });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.body).toMatch(field);
    }
    const anonymous = await h.app.inject({
      method: 'POST',
      url: '/notification-targets',
      payload: { name: uniqueName('t'), kind: 'alertmanager', url: alertmanagerUrl() },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
