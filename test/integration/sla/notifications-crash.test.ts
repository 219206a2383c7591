import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { NotificationPayload } from '../../../contracts/notifications.ts';
import { notificationTargets } from '../../../drizzle/sla-schema.ts';
import { alertmanagerUrl, alertsInAlertmanager } from '../../support/alertmanager.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import { auth, backfillBurningFleet, type SlaHarness, slaWithTargets, startSla } from '../../support/sla.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';
import { WorkerProcess, waitFor } from '../../support/worker-process.ts';

/**
 * Notifications through a worker kill: the real `vigil worker sla` process is SIGKILLed while its webhook
 * delivery is in flight (the receiver holds the first request open), then started again. The outbox still holds
 * the change as due, so the new process sends it again under the same delivery id: every change reaches the
 * webhook (deduplicated on X-Vigil-Delivery, exactly once), and Alertmanager holds each firing alert once.
 */

quietTemporalRuntime();
const env = testEnv();
const end = wholeMinutesAgo(2);
const endS = end.getTime() / 1000;
const metric = uniqueName('vigil_test_notify_crash').replaceAll('-', '_');
const job = 'notify_crash';
const scheduleId = uniqueName('slo-schedule');

interface Delivery {
  id: string;
  body: string;
  payload: NotificationPayload;
}

let h: SlaHarness;
let receiver: WebhookReceiver | undefined;
let hookUrl: string;
const deliveries: Delivery[] = [];
const workers: WorkerProcess[] = [];
const targetIds: number[] = [];
let firstArrived: () => void;
const firstRequest = new Promise<void>((r) => {
  firstArrived = r;
});
let held = false;

beforeAll(async () => {
  await backfillBurningFleet(env, metric, job, endS);
  receiver = await startWebhookReceiver((req, body, res) => {
    const delivery = { id: String(req.headers['x-vigil-delivery']), body, payload: JSON.parse(body) };
    if (!held) {
      // The first request is never answered: the worker is killed while it waits.
      held = true;
      firstArrived();
      deliveries.push(delivery);
      return;
    }
    deliveries.push(delivery);
    res.writeHead(204).end();
  });
  hookUrl = `${receiver.url}/hook`;
  h = await startSla(env, { withoutWorker: true });
}, 240_000);

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exit()));
  await h?.temporal.schedule
    .getHandle(scheduleId)
    .delete()
    .catch(() => undefined);
  if (targetIds.length > 0) {
    await h?.database.db.delete(notificationTargets).where(inArray(notificationTargets.id, targetIds));
  }
  await h?.stop();
  await receiver?.close();
}, 120_000);

const startWorker = async () => {
  const w = await WorkerProcess.start('sla', env, {
    VIGIL_SLA_TASK_QUEUE: h.env.VIGIL_SLA_TASK_QUEUE,
    VIGIL_SLO_SCHEDULE_ID: scheduleId,
  });
  workers.push(w);
  return w;
};

describe('SLO notifications through a worker kill', () => {
  it('delivers every change once (by delivery id) and Alertmanager holds each firing alert once', async () => {
    onTestFailed(() => {
      for (const w of workers) console.error(`sla worker output:\n${w.log().slice(-6000)}`);
    });
    const { sla, am, hook } = await slaWithTargets(h.app, {
      name: uniqueName('notify-crash'),
      metric,
      job,
      alertmanagerUrl: alertmanagerUrl(),
      hookUrl,
      secret: 'crash-secret-0123456789',
    });
    targetIds.push(am.id, hook.id);

    const first = await startWorker();
    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/slas/${sla.id}`,
      headers: auth,
      payload: { objective: { target: 0.99, window: '7d' } },
    });
    expect(patched.statusCode, patched.body).toBe(200);

    // The first webhook request is in flight (and held): kill the worker now.
    await firstRequest;
    first.kill('SIGKILL');
    expect(await first.exit()).toBeNull();
    await startWorker();

    const ids = () => new Set(deliveries.filter((d) => d.payload.sla.id === sla.id).map((d) => d.id));
    // Within the retried activity or the next scheduled run.
    await waitFor(async () => ids().size >= 2 && deliveries.length >= 3, 240_000, 'both changes delivered');
    const mine = deliveries.filter((d) => d.payload.sla.id === sla.id);
    expect(mine.map((d) => `${d.payload.alert}:${d.payload.transition}`).sort()).toEqual(
      expect.arrayContaining(['page-fast:firing', 'ticket:firing']),
    );
    // Exactly one change per alert, whatever the number of attempts: every attempt of one delivery id carries
    // the same body.
    expect(ids().size).toBe(2);
    for (const id of ids()) {
      const bodies = new Set(mine.filter((d) => d.id === id).map((d) => d.body));
      expect(bodies.size).toBe(1);
    }
    // The held delivery was sent again by the new process.
    expect(mine.filter((d) => d.id === mine[0]!.id).length).toBeGreaterThanOrEqual(2);

    const inAm = await alertsInAlertmanager({ sla_id: String(sla.id) });
    expect(inAm.map((a) => a.labels.slo_alert).sort()).toEqual(['page-fast', 'ticket']);
  }, 420_000);
});
