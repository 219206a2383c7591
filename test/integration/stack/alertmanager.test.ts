import { afterAll, describe, expect, it } from 'vitest';
import { type AlertmanagerAlert, alertmanagerUrl, alertsInAlertmanager } from '../../support/alertmanager.ts';
import { testEnv, uniqueName } from '../../support/env.ts';

// The test stack's real Alertmanager, through the API v2 Vigil's notifications use: what is posted is listed
// back as sent, and an alert re-posted with endsAt in the past is resolved, which Alertmanager shows by no longer
// listing it, whatever the query flags.
testEnv();

interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
}

const posted: PostableAlert[] = [];

async function postAlerts(alerts: PostableAlert[]): Promise<void> {
  const response = await fetch(`${alertmanagerUrl()}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts),
  });
  expect(response.status, await response.text()).toBe(200);
  posted.push(...alerts);
}

/** Reads until `done` holds: a freshly posted alert is briefly "unprocessed" before the dispatcher sees it. */
async function readUntil(
  filter: Record<string, string>,
  done: (alerts: AlertmanagerAlert[]) => boolean,
): Promise<AlertmanagerAlert[]> {
  const deadline = Date.now() + 10_000;
  let alerts = await alertsInAlertmanager(filter);
  while (!done(alerts) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    alerts = await alertsInAlertmanager(filter);
  }
  return alerts;
}

/** Whole seconds, in the past: what a real sender reports as the time an alert started firing. */
function secondsAgo(seconds: number): string {
  return new Date(Math.floor(Date.now() / 1000) * 1000 - seconds * 1000).toISOString();
}

afterAll(async () => {
  // Leave nothing firing for 5 minutes (the resolve timeout) in a stack other tests may read.
  const endsAt = secondsAgo(1);
  if (posted.length > 0) await postAlerts(posted.map((a) => ({ ...a, endsAt })));
});

describe('test stack Alertmanager (API v2)', () => {
  it('lists a posted alert with its labels, annotations and startsAt, active, routed to the one receiver', async () => {
    const probe = uniqueName('am-probe');
    const labels = { alertname: 'VigilStackProbe', probe, severity: 'page' };
    const annotations = { summary: 'stack probe', description: 'a "quoted" value and a \\ survive' };
    const startsAt = secondsAgo(60);
    const before = Date.now();
    await postAlerts([{ labels, annotations, startsAt }]);

    const alerts = await readUntil({ probe }, (a) => a.length === 1 && a[0]!.status.state !== 'unprocessed');
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert.labels).toEqual(labels);
    expect(alert.annotations).toEqual(annotations);
    expect(Date.parse(alert.startsAt)).toBe(Date.parse(startsAt));
    expect(alert.status).toEqual({ state: 'active', silencedBy: [], inhibitedBy: [] });
    expect(alert.receivers.map((r) => r.name)).toEqual(['vigil-api-only']);
    // Posted without endsAt: it resolves by itself unless re-sent within resolve_timeout.
    expect(Date.parse(alert.endsAt)).toBeGreaterThan(before);

    // Label values with quotes and backslashes are matched exactly.
    expect(await alertsInAlertmanager({ probe, description: 'x' })).toEqual([]);
    expect(await alertsInAlertmanager({ probe: `${probe}"` })).toEqual([]);
  });

  it('stops listing an alert re-posted with endsAt in the past (resolved), and only that alert', async () => {
    const probe = uniqueName('am-probe');
    const startsAt = secondsAgo(120);
    const resolving = {
      labels: { alertname: 'VigilStackProbeResolved', probe },
      annotations: { summary: 'a' },
    };
    const firing = { labels: { alertname: 'VigilStackProbeFiring', probe }, annotations: { summary: 'b' } };
    await postAlerts([
      { ...resolving, startsAt },
      { ...firing, startsAt },
    ]);
    const both = await readUntil({ probe }, (a) => a.length === 2);
    expect(both.map((a) => a.labels.alertname).sort()).toEqual([
      'VigilStackProbeFiring',
      'VigilStackProbeResolved',
    ]);
    // Repeated filters all apply.
    const one = await alertsInAlertmanager({ probe, alertname: 'VigilStackProbeResolved' });
    expect(one.map((a) => a.labels)).toEqual([resolving.labels]);

    await postAlerts([{ ...resolving, startsAt, endsAt: secondsAgo(1) }]);

    // Resolved alerts are dropped from the listing before any flag applies.
    for (const flags of [
      {},
      { active: true, silenced: true, inhibited: true, unprocessed: true },
      { active: false },
      { active: false, silenced: false, inhibited: false, unprocessed: false },
    ]) {
      expect(
        await alertsInAlertmanager({ probe, alertname: 'VigilStackProbeResolved' }, flags),
        JSON.stringify(flags),
      ).toEqual([]);
    }
    const left = await alertsInAlertmanager({ probe });
    expect(left.map((a) => a.labels)).toEqual([firing.labels]);
    expect(left[0]!.status.state).toBe('active');
    expect(Date.parse(left[0]!.startsAt)).toBe(Date.parse(startsAt));
  });
});
