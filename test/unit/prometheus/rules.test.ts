import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { BURN_ALERTS, sloAlertLabels } from '../../../contracts/slo.ts';
import { RULE_NAMES, type SlaWithObjective, slaRules, slaRulesYaml } from '../../../prometheus/rules.ts';
import { alertConditions } from '../../../sla/budget.ts';

/**
 * The generated rule files through the real promtool (Debian's Prometheus 2.42, the stack's): `check rules` for
 * every bound combination and awkward labels, and one small `test rules` pinning the semantics the integration
 * test relies on (window ranges, `for`, label templates).
 */

const exec = promisify(execFile);
const PROMTOOL = '/usr/bin/promtool';
const dir = mkdtempSync(join(tmpdir(), 'vigil-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function promtool(...args: string[]): Promise<{ code: number; out: string }> {
  return exec(PROMTOOL, args, { cwd: dir }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (err: { code?: number; stdout?: string; stderr?: string }) => ({
      code: err.code ?? -1,
      out: `${err.stdout ?? ''}${err.stderr ?? ''}`,
    }),
  );
}

const base: SlaWithObjective = {
  id: 7,
  name: 'checkout latency',
  metric: 'node_filefd_allocated',
  matchers: [{ label: 'job', op: '=', value: 'host' }],
  min: null,
  max: 5000,
  forSeconds: 300,
  objective: { target: 0.99, window: '7d' },
};

const cases: Array<[string, SlaWithObjective]> = [
  ['max only', base],
  ['min only', { ...base, id: 8, min: -0.5, max: null }],
  ['min and max', { ...base, id: 9, min: 100, max: 1e21 }],
  [
    'tiny bounds, 99.999 %',
    { ...base, id: 10, min: 5e-324, max: 2.5e-7, objective: { target: 0.99999, window: '30d' } },
  ],
  [
    'calendar window, no for',
    { ...base, id: 11, forSeconds: 0, objective: { target: 0.001, window: 'month' } },
  ],
  [
    'hostile name and matchers',
    {
      ...base,
      id: 12,
      name: 'x {{ $value }} {{{ "q" }}} \\ `y` {{- .Labels -}}',
      matchers: [
        { label: 'job', op: '=~', value: 'a|b"} or vector(1) #' },
        { label: 'path', op: '!=', value: '\\"\n\t' },
        { label: 'le', op: '!~', value: '{{ $labels }}' },
      ],
      forSeconds: 5_400,
      objective: { target: 0.995, window: '28d' },
    },
  ],
];

describe('slaRules', () => {
  it.each(cases)('%s: promtool check rules accepts the file', async (name, sla) => {
    const file = join(dir, `${sla.id}.yaml`);
    writeFileSync(file, slaRulesYaml(sla));
    const { code, out } = await promtool('check', 'rules', file);
    expect(code, out).toBe(0);
    expect(out).toMatch(/SUCCESS: \d+ rules found/);
    expect(out, name).not.toMatch(/warn/i);
  });

  it('writes the limits as the doubles Vigil compares, and the labels of Vigil notifications', () => {
    const { groups } = parse(slaRulesYaml(base)) as ReturnType<typeof slaRules>;
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ name: 'vigil-slo-7', interval: '1m' });
    const rules = groups[0]!['rules'] as Array<Record<string, unknown>>;
    const alerts = rules.filter((r) => r['alert'] !== undefined);
    expect(alerts).toHaveLength(BURN_ALERTS.length + 1);
    BURN_ALERTS.forEach((a, i) => {
      const rule = alerts[i]!;
      const limit = a.threshold * (1 - base.objective.target);
      const literals = [...String(rule['expr']).matchAll(/>= (\S+)\)?/g)].map((m) => m[1]!.replace(')', ''));
      expect(literals.map(Number)).toEqual([limit, limit]);
      expect(rule['for']).toBe('5m');
      const { alertname, ...labels } = sloAlertLabels(base, a.name, a.severity);
      expect(rule['alert']).toBe(alertname);
      expect(rule['labels']).toEqual(labels);
    });
    expect(alerts.at(-1)).toMatchObject({ alert: 'VigilSLOAbsent', for: '0s' });
    // The ranges hold exactly N one-minute samples on Prometheus 2.x (both ends included).
    const ratio5m = rules.find((r) => r['record'] === RULE_NAMES.ratio('5m'))!;
    expect(ratio5m['expr']).toContain('[270s]');
    expect(rules.find((r) => r['record'] === RULE_NAMES.ratio('3d'))!['expr']).toContain('[259170s]');
  });

  it('leaves the objective budget out for calendar windows, which no PromQL range spans', () => {
    const sla: SlaWithObjective = { ...base, objective: { target: 0.99, window: 'week' } };
    const records = slaRules(sla).groups[0]!['rules'] as Array<Record<string, unknown>>;
    expect(records.some((r) => r['record'] === RULE_NAMES.budgetRemaining)).toBe(false);
    const rolling = slaRules(base).groups[0]!['rules'] as Array<Record<string, unknown>>;
    expect(rolling.some((r) => r['record'] === RULE_NAMES.ratio('7d'))).toBe(true);
  });

  it('promtool test rules: N-sample windows, `for` as Prometheus, names and annotations as written', async () => {
    const sla: SlaWithObjective = {
      ...cases[5]![1],
      min: 100,
      max: null,
      forSeconds: 300,
      objective: { target: 0.99, window: '28d' },
    };
    const { groups } = slaRules(sla);
    writeFileSync(join(dir, 'semantics.yaml'), slaRulesYaml(sla));
    const rules = groups[0]!['rules'] as Array<{ labels?: object; annotations?: Record<string, string> }>;
    const series = (job: string, values: string) => ({
      series: `node_filefd_allocated{job=${JSON.stringify(job)},path="ok",le="x"}`,
      values,
    });
    // A firing burn-rate alert as promtool lists it: the rule's annotations with its $value (the long window's burn
    // rate) printed, and the name as written however it looks like a template.
    const burning = (name: string, burn: string) => {
      const a = BURN_ALERTS.find((b) => b.name === name)!;
      const rule = rules[BURN_ALERTS.indexOf(a) + rules.length - BURN_ALERTS.length - 1]!;
      return {
        exp_labels: sloAlertLabels(sla, a.name, a.severity),
        exp_annotations: {
          summary: `SLA ${sla.name}: error budget burning (${name})`,
          description: rule.annotations!['description']!.replace('{{ $value | printf "%.2f" }}', burn),
        },
      };
    };
    const ratio5m = (value: number) => [{ labels: `${RULE_NAMES.ratio('5m')}{sla_id="12"}`, value }];
    // The series the hostile regex selects (`a|b"} or vector(1) #` is anchored: it matches `a`) is below the min for
    // minutes 0–9, then inside the bounds up to minute 30, seen up to 35 (lookback); the other, always bad, is not
    // selected. page-fast: active from minute 0, firing from 5 (`for` 5m), active while the 5m window holds minute 9
    // (up to 13). page-slow: up to 37, while the 30m window's bad share is at least 6 %. Absent from minute 40, at
    // once: the last 5 minutes (36–40) hold no sample.
    const test = {
      rule_files: ['semantics.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [series('a', '50+0x9 150+0x20'), series('c', '50+0x60')],
          promql_expr_test: [
            // Minute 13: samples 9–13, one bad of 5 (a 300s range would also take minute 8: 2 of 6).
            { expr: RULE_NAMES.ratio('5m'), eval_time: '13m', exp_samples: ratio5m(0.2) },
            { expr: RULE_NAMES.ratio('5m'), eval_time: '14m', exp_samples: ratio5m(0) },
            {
              expr: RULE_NAMES.bad,
              eval_time: '3m',
              exp_samples: [{ labels: `${RULE_NAMES.bad}{sla_id="12"}`, value: 1 }],
            },
          ],
          alert_rule_test: [
            { eval_time: '4m', alertname: 'VigilSLOBurnRate', exp_alerts: [] },
            {
              eval_time: '5m',
              alertname: 'VigilSLOBurnRate',
              exp_alerts: ['page-fast', 'page-slow', 'ticket'].map((a) => burning(a, '100.00')),
            },
            // 10 bad of 14 events: burn 71.43 over 1h, 6h and 3d.
            {
              eval_time: '13m',
              alertname: 'VigilSLOBurnRate',
              exp_alerts: ['page-fast', 'page-slow', 'ticket'].map((a) => burning(a, '71.43')),
            },
            {
              eval_time: '14m',
              alertname: 'VigilSLOBurnRate',
              exp_alerts: ['page-slow', 'ticket'].map((a) => burning(a, '66.67')),
            },
            // 10 bad of 36 events (none after minute 35).
            {
              eval_time: '37m',
              alertname: 'VigilSLOBurnRate',
              exp_alerts: ['page-slow', 'ticket'].map((a) => burning(a, '27.78')),
            },
            { eval_time: '38m', alertname: 'VigilSLOBurnRate', exp_alerts: [burning('ticket', '27.78')] },
            { eval_time: '39m', alertname: 'VigilSLOAbsent', exp_alerts: [] },
            {
              eval_time: '40m',
              alertname: 'VigilSLOAbsent',
              exp_alerts: [
                {
                  exp_labels: sloAlertLabels(sla, 'absent', 'page'),
                  exp_annotations: {
                    summary: `SLA ${sla.name}: no series of node_filefd_allocated evaluated`,
                    description: "No series of the SLA's selector held a value in its last 5 minutes.",
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    writeFileSync(join(dir, 'semantics.test.yaml'), stringify(test, { lineWidth: 0 }));
    const { code, out } = await promtool('test', 'rules', 'semantics.test.yaml');
    expect(code, out).toBe(0);
  });

  it('fires on a bad share exactly at the limit, as Vigil does (>=, the same double)', async () => {
    // 1 − 0.75 is exact, so one bad series in four is exactly the ticket's limit 1 × 0.25 in both.
    const sla: SlaWithObjective = {
      ...base,
      id: 13,
      forSeconds: 0,
      objective: { target: 0.75, window: 'week' },
    };
    const c = { good: 3, bad: 1 };
    const burn = { '5m': c, '30m': c, '1h': c, '6h': c, '3d': c };
    expect(alertConditions(burn, c, 0.75)).toEqual({
      absent: false,
      'page-fast': false,
      'page-slow': false,
      ticket: true,
    });
    writeFileSync(join(dir, 'limit.yaml'), slaRulesYaml(sla));
    const rules = slaRules(sla).groups[0]!['rules'] as Array<{
      alert?: string;
      annotations?: Record<string, string>;
    }>;
    const ticket = rules.filter((r) => r.alert === 'VigilSLOBurnRate').at(-1)!;
    const series = (host: string, value: number) => ({
      series: `node_filefd_allocated{job="host",host="${host}"}`,
      values: `${value}+0x10`,
    });
    const test = {
      rule_files: ['limit.yaml'],
      tests: [
        {
          interval: '1m',
          input_series: [series('a', 6000), series('b', 1), series('c', 1), series('d', 1)],
          alert_rule_test: [
            {
              eval_time: '0m',
              alertname: 'VigilSLOBurnRate',
              exp_alerts: [
                {
                  exp_labels: sloAlertLabels(sla, 'ticket', 'ticket'),
                  exp_annotations: {
                    summary: `SLA ${sla.name}: error budget burning (ticket)`,
                    description: ticket.annotations!['description']!.replace(
                      '{{ $value | printf "%.2f" }}',
                      '1.00',
                    ),
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    writeFileSync(join(dir, 'limit.test.yaml'), stringify(test, { lineWidth: 0 }));
    const { code, out } = await promtool('test', 'rules', 'limit.test.yaml');
    expect(code, out).toBe(0);
  });
});
