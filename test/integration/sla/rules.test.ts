import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { SlaDefinition } from '../../../contracts/sla.ts';
import {
  BURN_ALERTS,
  BURN_WINDOWS,
  type BurnWindow,
  type EventCounts,
  MINUTE_MS,
  SLO_ALERT_NAMES,
  sloAlertLabels,
} from '../../../contracts/slo.ts';
import { type FleetOptions, fleetHistory } from '../../../demo/fleet.ts';
import { minutesBetween } from '../../../drizzle/repositories/sla-minutes.ts';
import { getSla } from '../../../drizzle/repositories/slas.ts';
import { RULE_NAMES } from '../../../prometheus/rules.ts';
import type { AlertStatus } from '../../../sla/alert-states.ts';
import {
  ABSENT_ALERT,
  absentLookbackMinutes,
  type BudgetReport,
  budgetReport,
  withAlertStates,
} from '../../../sla/budget.ts';
import { slaFingerprint } from '../../../sla/fingerprint.ts';
import { objectiveWindow } from '../../../sla/objective-window.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import { auth, backfillFleet, type SlaHarness, startSla } from '../../support/sla.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

/**
 * GET /slas/:id/rules against Vigil's own evaluation: a fleet is backfilled into the stack's Prometheus, the SLO
 * run counts it, and Vigil's evaluation (the activity's budgetReport and withAlertStates over the counted minutes,
 * stepped minute by minute) must agree with Prometheus running the generated rules over the same samples in
 * `promtool test rules` (the independent side): the same counts, ratios and budget every minute, and the same
 * alerts pending and firing, since the same minute, with the same labels and burn rates, at every minute.
 */

quietTemporalRuntime();
const env = testEnv();
const exec = promisify(execFile);
const PROMTOOL = '/usr/bin/promtool';
const HOURS = 10;
const MIN = 100;
const MAX = 5000;
const TARGET = 0.99;
/** The last sample 2 minutes ago, on whole minutes (offsetSeconds 0): promtool's samples sit on its minutes. */
const end = wholeMinutesAgo(2);
const endS = end.getTime() / 1000;
/** The first sample, promtool's time 0, and the unix seconds of its minute `k`. */
const firstS = endS - HOURS * 3600 + 60;
const minute = (k: number) => firstS + k * 60;
const metric = uniqueName('vigil_test_rules').replaceAll('-', '_');
const job = 'rules';
/**
 * The SLA selects h2–h5 (h1 is the backfill's probe and keeps every sample, so it cannot share their gap). h4 above
 * the max for 90 minutes (page-fast fires after ~40 minutes and resolves 2 minutes after; page-slow and ticket fire
 * too), then h2 above the max and h3 below the min for 40 minutes (page-fast and page-slow again, both bound
 * sides), then all four silent for 15 minutes (absent once the 5-minute lookback runs out).
 */
const options: FleetOptions = {
  metric,
  job,
  hosts: 5,
  end: endS,
  hours: HOURS,
  offsetSeconds: 0,
  episodes: [
    { host: 4, from: minute(120), to: minute(209), value: 6000 },
    { host: 2, from: minute(360), to: minute(399), value: 6000 },
    { host: 3, from: minute(360), to: minute(399), value: 50 },
  ],
  gaps: [2, 3, 4, 5].map((host) => ({ host, from: minute(480), to: minute(494) })),
};

let h: SlaHarness;
const dir = mkdtempSync(join(tmpdir(), 'vigil-promtool-'));

beforeAll(async () => {
  await backfillFleet(env, options);
  h = await startSla(env);
}, 240_000);
afterAll(async () => {
  await h?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The budget once every minute of the window up to `at` is counted (as test/integration/sla/budget.test.ts). */
async function budget(id: number): Promise<BudgetReport> {
  for (let i = 0; i < 120; i++) {
    const res = await h.app.inject({ method: 'GET', url: `/slas/${id}/budget` });
    if (res.statusCode === 200) {
      const b: BudgetReport = res.json();
      const sinceStart = (Date.parse(b.at) - Date.parse(b.window.start)) / MINUTE_MS + 1;
      if (b.evaluatedMinutes === Math.min(b.window.minutes, sinceStart)) return b;
    } else expect(res.statusCode, res.body).toBe(503);
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the minutes of SLA ${id} were not all counted within 2 minutes`);
}

interface VigilMinute {
  counts: EventCounts;
  report: BudgetReport;
  statuses: Record<string, AlertStatus>;
}

/**
 * Vigil's evaluation at each minute k of [0, counts.length): the sums the SLO run reads (minuteSums: the objective
 * window, each burn window, the absent lookback), budgetReport on them, and the alerts' states advanced one
 * evaluation at a time by withAlertStates, as the run does every minute (and its replay after a gap).
 */
function vigilTimeline(sla: SlaDefinition, counts: EventCounts[]): VigilMinute[] {
  const objective = sla.objective!;
  const good = [0];
  const bad = [0];
  for (const c of counts) {
    good.push(good.at(-1)! + c.good);
    bad.push(bad.at(-1)! + c.bad);
  }
  // Minutes before the first sample are counted 0/0 in Vigil, and absent from promtool: sums alike.
  const over = (k: number, minutes: number): EventCounts => {
    const lo = Math.max(0, k + 1 - minutes);
    return { good: good[k + 1]! - good[lo]!, bad: bad[k + 1]! - bad[lo]! };
  };
  const recent = absentLookbackMinutes(sla.forSeconds);
  let statuses: Record<string, AlertStatus> = {};
  return counts.map((c, k) => {
    const at = new Date(minute(k) * 1000);
    const window = objectiveWindow(objective.window, at);
    const sums = {
      at,
      window: { ...over(k, window.minutes), minutes: window.minutes },
      burn: Object.fromEntries(
        (Object.keys(BURN_WINDOWS) as BurnWindow[]).map((w) => [w, over(k, BURN_WINDOWS[w])]),
      ) as Record<BurnWindow, EventCounts>,
      recent: over(k, recent),
    };
    const advanced = withAlertStates(budgetReport(objective, window, sums), statuses, sla.forSeconds * 1000);
    statuses = advanced.statuses;
    return { counts: c, report: advanced.report, statuses };
  });
}

/** Go's `%.2f` (printf in Prometheus templates): toFixed, except that an exact tie rounds to even. */
function goFixed2(v: number): string {
  const [int, frac] = v.toFixed(100).split('.') as [string, string];
  if (!(frac[2] === '5' && /^0*$/.test(frac.slice(3)))) return v.toFixed(2);
  const cents = BigInt(int + frac.slice(0, 2));
  const s = (cents % 2n === 0n ? cents : cents + 1n).toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/**
 * A series in promtool's expanding notation, one token per run: `a+bxN` (or `a-bxN`) for N + 1 samples from a in
 * steps of b (integers only, so promtool's repeated additions are exact), `_xN` for N missing samples.
 */
function expanding(samples: Array<[number, number]>, minutes: number): string {
  const byMinute = new Map(samples.map(([t, v]) => [(t - firstS) / 60, v]));
  const tokens: string[] = [];
  for (let k = 0; k < minutes; ) {
    const v = byMinute.get(k);
    if (v === undefined) {
      let n = 1;
      while (k + n < minutes && !byMinute.has(k + n)) n++;
      tokens.push(n === 1 ? '_' : `_x${n}`);
      k += n;
      continue;
    }
    const next = byMinute.get(k + 1);
    const step = next !== undefined && Number.isInteger(v) && Number.isInteger(next) ? next - v : null;
    let n = 1;
    while (step !== null && byMinute.get(k + n) === v + n * step) n++;
    tokens.push(n === 1 ? String(v) : `${v}${step! < 0 ? '-' : '+'}${Math.abs(step!)}x${n - 1}`);
    k += n;
  }
  return tokens.join(' ');
}

/** A series in the text promtool's exp_samples parse (PromQL reads JSON-quoted label values alike). */
function seriesText(name: string, labels: Record<string, string>): string {
  return `${name}{${Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',')}}`;
}

describe('GET /slas/:id/rules', () => {
  let sla: SlaDefinition;
  let rulesYaml: string;
  let b: BudgetReport;

  beforeAll(async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/slas',
      headers: auth,
      payload: {
        // Template delimiters and quotes: Prometheus expands rule labels, the name must come out as written.
        name: uniqueName('rules {{ $value }} "q"'),
        metric,
        matchers: [
          { label: 'job', value: job },
          { label: 'host', op: '!=', value: 'h1' },
        ],
        min: MIN,
        max: MAX,
        for: '5m',
        objective: { target: TARGET, window: '7d' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    sla = (await getSla(h.database.db, res.json().id))!;
    b = await budget(sla.id);
    const rules = await h.app.inject({ method: 'GET', url: `/slas/${sla.id}/rules` });
    expect(rules.statusCode, rules.body).toBe(200);
    expect(rules.headers['content-type']).toMatch(/^application\/yaml/);
    rulesYaml = rules.body;
  }, 180_000);

  it('answers 404 for a missing SLA and 409 for one without objective', async () => {
    const missing = await h.app.inject({ method: 'GET', url: '/slas/999999999/rules' });
    expect(missing.statusCode).toBe(404);
    const plain = await h.app.inject({
      method: 'POST',
      url: '/slas',
      headers: auth,
      payload: { name: uniqueName('rules-none'), metric, max: MAX },
    });
    expect(plain.statusCode, plain.body).toBe(201);
    const res = await h.app.inject({ method: 'GET', url: `/slas/${plain.json().id}/rules` });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().detail).toMatch(/has no objective/);
  });

  it('makes Prometheus compute the counts, budget and alerts Vigil computes, minute by minute', async () => {
    const atMs = Date.parse(b.at);
    expect(atMs).toBeGreaterThanOrEqual(end.getTime());
    const last = (atMs / 1000 - firstS) / 60;
    const rows = await minutesBetween(
      h.database.db,
      sla.id,
      slaFingerprint(sla),
      new Date(firstS * 1000),
      new Date(atMs),
    );
    expect(rows).toHaveLength(last + 1);
    const timeline = vigilTimeline(
      sla,
      rows.map((r) => ({ good: r.good, bad: r.bad })),
    );

    // The stepping above is the SLO run's: its last minute is what the run stored and GET /budget serves.
    const final = timeline.at(-1)!.report;
    expect(final.alerts.map((a) => [a.name, a.state, a.since])).toEqual(
      b.alerts.map((a) => [a.name, a.state, a.since]),
    );
    expect([final.absent, final.absentSince]).toEqual([b.absent, b.absentSince]);
    expect(final.budget).toEqual(b.budget);

    // Not vacuous: page-fast fires and resolves, page-slow and ticket fire, the SLI goes absent and comes back.
    const firing = (k: number, alert: string) => timeline[k]?.statuses[alert]?.state === 'firing';
    const ks = timeline.map((_, k) => k);
    const fired = (alert: string) => ks.filter((k) => firing(k, alert) && !firing(k - 1, alert));
    const resolved = (alert: string) => ks.filter((k) => k > 0 && firing(k - 1, alert) && !firing(k, alert));
    expect(fired('page-fast').length).toBeGreaterThanOrEqual(2);
    expect(resolved('page-fast').length).toBeGreaterThanOrEqual(2);
    expect(fired('page-slow').length).toBeGreaterThanOrEqual(1);
    expect(fired('ticket').length).toBeGreaterThanOrEqual(1);
    expect(fired(ABSENT_ALERT).length).toBeGreaterThanOrEqual(1);
    expect(resolved(ABSENT_ALERT).length).toBeGreaterThanOrEqual(1);
    expect(ks.some((k) => timeline[k]!.statuses['page-fast']!.state === 'pending')).toBe(true);

    const id = String(sla.id);
    const severity = (alert: string) => BURN_ALERTS.find((a) => a.name === alert)?.severity ?? 'page';
    const tests = timeline.map(({ report, statuses, counts }, k) => {
      const eval_time = `${k}m`;
      // Recorded series of the SLA every minute; NaN ratios (no events) are left out by `>= -Inf`.
      const share = (c: EventCounts) => c.bad / (c.good + c.bad);
      const recorded: Array<[string, number]> = [
        [RULE_NAMES.good, counts.good],
        [RULE_NAMES.bad, counts.bad],
      ];
      for (const w of Object.keys(BURN_WINDOWS) as BurnWindow[]) {
        const sums = timeline
          .slice(Math.max(0, k + 1 - BURN_WINDOWS[w]), k + 1)
          .reduce((s, m) => ({ good: s.good + m.counts.good, bad: s.bad + m.counts.bad }), {
            good: 0,
            bad: 0,
          });
        if (sums.good + sums.bad > 0) recorded.push([RULE_NAMES.ratio(w), share(sums)]);
      }
      if (report.compliance !== null) {
        const ratio = share(report.events);
        recorded.push(
          [RULE_NAMES.ratio('7d'), ratio],
          [RULE_NAMES.budgetRemaining, 1 - ratio / (1 - TARGET)],
        );
      }
      // Pending and firing alerts, as Prometheus writes them into ALERTS, and since when (ALERTS_FOR_STATE).
      const active = Object.entries(statuses).filter(([, s]) => s.state !== 'ok');
      const alertSeries = active.flatMap(([alert, s]) => {
        const labels = sloAlertLabels(sla, alert, severity(alert));
        return [
          { labels: seriesText('ALERTS', { ...labels, alertstate: s.state }), value: 1 },
          { labels: seriesText('ALERTS_FOR_STATE', labels), value: Date.parse(s.since!) / 1000 - firstS },
        ];
      });
      // Firing alerts (all promtool lists), with their annotations: the long window's burn rate printed.
      const burning = report.alerts
        .filter((a) => statuses[a.name]!.state === 'firing')
        .map((a) => ({
          exp_labels: sloAlertLabels(sla, a.name, a.severity),
          exp_annotations: {
            summary: `SLA ${sla.name}: error budget burning (${a.name})`,
            description:
              `Burn rate ${goFixed2(a.burnLong!)} over ${a.long}; at least ${a.threshold} over both ${a.long} ` +
              `and ${a.short} (bad share ${String(Number((a.threshold * (1 - TARGET) * 100).toPrecision(4)))}% ` +
              `for an error budget of 1%).`,
          },
        }));
      const absent =
        statuses[ABSENT_ALERT]!.state === 'firing'
          ? [
              {
                exp_labels: sloAlertLabels(sla, ABSENT_ALERT, 'page'),
                exp_annotations: {
                  summary: `SLA ${sla.name}: no series of ${metric} evaluated`,
                  description: "No series of the SLA's selector held a value in its last 5 minutes.",
                },
              },
            ]
          : [];
      return {
        promql: [
          {
            expr: `{__name__=~"vigil_slo:.+",sla_id="${id}"} >= -Inf`,
            eval_time,
            exp_samples: recorded.map(([name, value]) => ({
              labels: seriesText(name, { sla_id: id }),
              value,
            })),
          },
          { expr: '{__name__=~"ALERTS|ALERTS_FOR_STATE"}', eval_time, exp_samples: alertSeries },
        ],
        alerts: [
          { eval_time, alertname: SLO_ALERT_NAMES.burn, exp_alerts: burning },
          { eval_time, alertname: SLO_ALERT_NAMES.absent, exp_alerts: absent },
        ],
      };
    });
    // Vigil's budget as a share, against Prometheus' at the last minute (a different division: close, not equal).
    expect(tests.at(-1)!.promql[0]!.exp_samples.at(-1)!.value).toBeCloseTo(
      b.budget.remainingPercent! / 100,
      12,
    );

    const history = fleetHistory(options);
    writeFileSync(join(dir, 'rules.yaml'), rulesYaml);
    const file = {
      rule_files: ['rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: history.map((s) => ({
            series: seriesText(metric, s.labels),
            values: expanding(s.samples, HOURS * 60),
          })),
          alert_rule_test: tests.flatMap((t) => t.alerts),
          promql_expr_test: tests.flatMap((t) => t.promql),
        },
      ],
    };
    writeFileSync(join(dir, 'test.yaml'), stringify(file, { lineWidth: 0, aliasDuplicateObjects: false }));
    const result = await exec(PROMTOOL, ['test', 'rules', 'test.yaml'], {
      cwd: dir,
      maxBuffer: 1 << 28,
    }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (err: { code?: number; stdout?: string; stderr?: string }) => ({
        code: err.code ?? -1,
        out: `${err.stdout ?? ''}${err.stderr ?? ''}`,
      }),
    );
    expect(result.code, result.out.slice(0, 20_000)).toBe(0);
    expect(result.out).toContain('SUCCESS');
  });
});
