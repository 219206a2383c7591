import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_LEASE_MS, createNotifyActivities } from '../../../activities/sla/notify.ts';
import type { NotificationPayload, NotificationSummary } from '../../../contracts/notifications.ts';
import { type Database, openDatabase } from '../../../drizzle/db.ts';
import { createTarget } from '../../../drizzle/repositories/notification-targets.ts';
import { claimDue, enqueue } from '../../../drizzle/repositories/notifications.ts';
import { notifications, notificationTargets } from '../../../drizzle/sla-schema.ts';
import { testEnv, uniqueName } from '../../support/env.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';

/**
 * Delivery runs at the same moment (a backfill's sloMinutes and the scheduled one both deliver what is due) and a
 * run that crashed holding its claims. The outbox rows are queued through the repository as an evaluation queues
 * them, the real delivery activity runs on a real Temporal worker against the test stack's MariaDB, and a webhook
 * receiver run by this test counts what it gets per X-Vigil-Delivery id: each notification must arrive once.
 */

quietTemporalRuntime();
const env = testEnv();
const taskQueue = uniqueName('notify-claims');
const SECRET = 'claims-secret-0123456789';

let database: Database;
let workerConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let connection: Connection;
let temporal: Client;
let receiver: WebhookReceiver | undefined;
let baseUrl: string;
const targetIds: number[] = [];

/** Delivery ids received, per receiver path (one path per target), in arrival order. */
const received = new Map<string, string[]>();
/** While set, requests are answered only when the test lets them go. */
let holding: Array<() => void> | null = null;
let requestArrived: () => void = () => undefined;

function receive(req: IncomingMessage, _body: string, res: ServerResponse) {
  const ids = received.get(req.url ?? '') ?? [];
  ids.push(String(req.headers['x-vigil-delivery']));
  received.set(req.url ?? '', ids);
  requestArrived();
  const answer = () => res.writeHead(204).end();
  if (holding) holding.push(answer);
  else answer();
}

beforeAll(async () => {
  receiver = await startWebhookReceiver(receive);
  baseUrl = receiver.url;
  database = openDatabase(env.MYSQL_URL, { connectionLimit: 8 });
  workerConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  // Two activities at a time, as the SLO queue runs them (workers/sla.ts): two runs can deliver side by side.
  worker = await Worker.create({
    connection: workerConnection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../../support/deliver-workflow.ts', import.meta.url)),
    activities: createNotifyActivities({ db: database.db, now: () => new Date() }),
    maxConcurrentActivityTaskExecutions: 2,
  });
  running = worker.run();
  connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
}, 120_000);

afterAll(async () => {
  if (targetIds.length > 0) {
    await database?.db.delete(notifications).where(inArray(notifications.targetId, targetIds));
    await database?.db.delete(notificationTargets).where(inArray(notificationTargets.id, targetIds));
  }
  worker?.shutdown();
  await running;
  await connection?.close();
  await workerConnection?.close();
  await database?.close();
  await receiver?.close();
});

/** A webhook target at its own receiver path, and `count` changes queued for it; their delivery ids. */
async function queued(path: string, count: number, now = new Date()): Promise<string[]> {
  const target = await createTarget(
    database.db,
    { name: uniqueName('claims'), kind: 'webhook', url: `${baseUrl}${path}`, secret: SECRET, slaIds: null },
    now,
  );
  targetIds.push(target.id);
  const slaId = 1_000_000_000 + target.id;
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  const changes = Array.from({ length: count }, (_, i) => {
    const at = new Date(minute - i * 60_000);
    const payload: NotificationPayload = {
      sla: { id: slaId, name: `claims-${target.id}`, metric: 'vigil_test_claims' },
      alert: 'page-fast',
      severity: 'page',
      transition: 'firing',
      from: 'pending',
      at: at.toISOString(),
      since: at.toISOString(),
      firingSince: at.toISOString(),
      labels: { alertname: 'VigilSLOBurnRate', sla_id: String(slaId), slo_alert: 'page-fast' },
      annotations: {},
    };
    return { targetId: target.id, slaId, alert: 'page-fast', transition: 'firing' as const, at, payload };
  });
  await enqueue(database.db, changes, now);
  const rows = await database.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(inArray(notifications.targetId, [target.id]));
  return rows.map((r) => String(r.id)).sort();
}

function deliveryRun(): Promise<NotificationSummary> {
  return temporal.workflow.execute('deliverNotificationsRun', {
    taskQueue,
    workflowId: uniqueName('deliver'),
  });
}

/** How many times each id was received at `path`. */
function countsAt(path: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of received.get(path) ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

const once = (ids: string[]) => new Map(ids.map((id) => [id, 1]));

describe('delivery runs at the same moment', () => {
  it('a run started while another is sending takes none of its notifications', async () => {
    const path = '/overlap';
    // More than one round of webhooks (8 in flight), so the first run is mid-delivery for a while.
    const ids = await queued(path, 20);
    holding = [];
    const firstRound = new Promise<void>((r) => {
      requestArrived = () => {
        if ((received.get(path)?.length ?? 0) > 0) r();
      };
    });
    const first = deliveryRun();
    await firstRound;
    // The first run's requests are held open (well within its 10 s request timeout): the second run starts and
    // finishes meanwhile.
    const second = await Promise.race([
      deliveryRun(),
      new Promise<'late'>((r) => setTimeout(() => r('late'), 7_000)),
    ]);
    const held = holding;
    holding = null;
    for (const answer of held) answer();
    requestArrived = () => undefined;
    await first;
    expect(second, 'the second run finished while the first one was sending').not.toBe('late');
    expect(countsAt(path)).toEqual(once(ids));
  });

  it('two runs started together deliver each notification once', async () => {
    const path = '/together';
    const ids = await queued(path, 30);
    // A slow receiver: each run, had it taken the rows, would still be sending when the other one read them.
    holding = [];
    const slow = setInterval(() => {
      for (const answer of holding?.splice(0) ?? []) answer();
    }, 300);
    try {
      await Promise.all([deliveryRun(), deliveryRun()]);
    } finally {
      clearInterval(slow);
      for (const answer of holding?.splice(0) ?? []) answer();
      holding = null;
    }
    expect(countsAt(path)).toEqual(once(ids));
  });
});

describe('a run that crashed holding its claims', () => {
  it('leaves them to no other run until the lease ends, then they are delivered once, same ids', async () => {
    const path = '/crashed';
    const ids = await queued(path, 5);
    // The crashed run: it claimed the due rows (as deliverNotifications does first) and was never heard from
    // again. Its lease ends 15 s from now, as if it had claimed them CLAIM_LEASE_MS - 15 s ago.
    const leaseEnd = new Date(Date.now() + 15_000);
    const claimed = await claimDue(database.db, new Date(), leaseEnd, 100_000);
    expect(claimed.map((n) => String(n.id))).toEqual(expect.arrayContaining(ids));
    expect(CLAIM_LEASE_MS).toBeGreaterThan(15_000);

    await deliveryRun();
    expect(countsAt(path).size, 'nothing of a live claim is sent').toBe(0);

    await new Promise((r) => setTimeout(r, Math.max(0, leaseEnd.getTime() - Date.now()) + 500));
    await deliveryRun();
    expect(countsAt(path)).toEqual(once(ids));
    const rows = await database.db
      .select({ state: notifications.state, claimedUntil: notifications.claimedUntil })
      .from(notifications)
      .where(inArray(notifications.targetId, [targetIds.at(-1)!]));
    expect(rows.every((r) => r.state === 'sent' && r.claimedUntil === null)).toBe(true);

    // And a run after that sends nothing again.
    await deliveryRun();
    expect(countsAt(path)).toEqual(once(ids));
  }, 120_000);
});
