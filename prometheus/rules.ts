import { stringify } from 'yaml';
import { formatDuration } from '../contracts/duration.ts';
import { SLA_FOR, type SlaDefinition } from '../contracts/sla.ts';
import {
  BURN_ALERTS,
  BURN_WINDOWS,
  type BurnWindow,
  type ObjectiveWindow,
  SLO_ALERT_NAMES,
  type SlaObjective,
  sloAlertLabels,
} from '../contracts/slo.ts';
import { ABSENT_ALERT, absentLookbackMinutes } from '../sla/budget.ts';
import { lastMinutesRange } from './selectors.ts';
import { goodAndBadSeries, literal } from './sla-samples.ts';

/**
 * The Prometheus rules of an SLA's objective (GET /slas/:id/rules), in the shape Sloth generates (recorded SLI
 * error ratios per window, multiwindow multi-burn-rate alerts from the Google SRE workbook, "Alerting on SLOs"),
 * computing inside Prometheus what the SLO counting run computes in Vigil: each minute the good and bad series,
 * with the comparisons of prometheus/sla-samples.ts `minuteCounts`, then the bad share over each window and the
 * alerts of sla/budget.ts `alertConditions`, with the SLA's `for` as the alerts' `for`.
 */

export type SlaWithObjective = Pick<
  SlaDefinition,
  'id' | 'name' | 'metric' | 'matchers' | 'min' | 'max' | 'forSeconds'
> & { objective: SlaObjective };

/** Recorded series names, Sloth's `slo:sli_error:ratio_rate<window>` under Vigil's prefix. */
export const RULE_NAMES = {
  good: 'vigil_slo:good_series:count',
  bad: 'vigil_slo:bad_series:count',
  ratio: (window: string) => `vigil_slo:sli_error:ratio_rate${window}`,
  budgetRemaining: 'vigil_slo:period_error_budget_remaining:ratio',
} as const;

/** Rolling objective windows in minutes: PromQL ranges are fixed durations, so calendar windows get no rule. */
const ROLLING_WINDOWS: Partial<Record<ObjectiveWindow, number>> = {
  '7d': 10_080,
  '28d': 40_320,
  '30d': 43_200,
};

/** `[…]` holding the last `minutes` rule evaluations (selectors.ts#lastMinutesRange). */
function lastMinutes(minutes: number): string {
  return `[${lastMinutesRange(minutes)}]`;
}

/**
 * A label value written into an alerting rule: Prometheus expands rule labels as Go templates, so a `{{` in an SLA
 * name would be read as an action. Each `{{` becomes an action printing `{{`, so the value comes out as written.
 */
export function templateLiteral(value: string): string {
  return value.replaceAll('{{', '{{ "{{" }}');
}

/** The shortest percentage of a share for annotations' text, e.g. 0.144 → 14.4. */
function percent(share: number): string {
  return String(Number((share * 100).toPrecision(4)));
}

/** The good and bad counts of one evaluation, exactly as minuteCounts writes them, 0 when none. */
function countRules(sla: SlaWithObjective, labels: Record<string, string>) {
  const { good, bad } = goodAndBadSeries(sla.metric, sla.matchers, sla);
  // `or vector(0)`: a minute without any series records 0, as Vigil stores 0/0 (that is how an absent SLI shows).
  return [
    { record: RULE_NAMES.good, expr: `count(${good}) or vector(0)`, labels },
    { record: RULE_NAMES.bad, expr: `count(${bad}) or vector(0)`, labels },
  ];
}

/** bad / (good + bad) over the last `minutes` evaluations: NaN without events, which no comparison keeps. */
function ratioExpr(idSelector: string, minutes: number): string {
  const sum = (name: string) => `sum_over_time(${name}${idSelector}${lastMinutes(minutes)})`;
  return `${sum(RULE_NAMES.bad)} / (${sum(RULE_NAMES.good)} + ${sum(RULE_NAMES.bad)})`;
}

/**
 * The Prometheus rule file of an SLA with an objective: one group evaluated every minute, Vigil's step. One group,
 * not Sloth's three: Prometheus runs a group's rules in order and each sees what the ones before it recorded at
 * the same evaluation, so the alerts read this minute's ratios as Vigil's do; rules in separate groups would read
 * the previous evaluation's. A server evaluates the group at a fixed offset into each minute where Vigil evaluates
 * on the minute, so a scrape landing in between counts there one minute before it does in Vigil (promtool
 * evaluates on the minute, as Vigil).
 */
export function slaRules(sla: SlaWithObjective): { groups: Array<Record<string, unknown>> } {
  const { target } = sla.objective;
  const budget = 1 - target;
  const id = String(sla.id);
  const labels = { sla_id: id };
  const idSelector = `{sla_id=${JSON.stringify(id)}}`;
  const rules: Array<Record<string, unknown>> = countRules(sla, labels);
  for (const [window, minutes] of Object.entries(BURN_WINDOWS)) {
    rules.push({ record: RULE_NAMES.ratio(window), expr: ratioExpr(idSelector, minutes), labels });
  }
  const period = ROLLING_WINDOWS[sla.objective.window];
  if (period !== undefined) {
    const ratio = RULE_NAMES.ratio(sla.objective.window);
    rules.push({ record: ratio, expr: ratioExpr(idSelector, period), labels });
    // Sloth's remaining budget: 1 − bad share / (1 − target), Vigil's remainingPercent / 100.
    rules.push({
      record: RULE_NAMES.budgetRemaining,
      expr: `1 - ${ratio}${idSelector} / ${literal(budget)}`,
      labels,
    });
  }
  // Annotations' `$labels` are the expression's result's (sla_id only), not the rule's: the name is written in.
  const name = templateLiteral(sla.name);
  const alertLabels = (alert: string, severity: 'page' | 'ticket') => {
    const { alertname: _, ...rest } = sloAlertLabels(sla, alert, severity);
    return { ...rest, sla_name: name };
  };
  for (const a of BURN_ALERTS) {
    // The limit on the bad share computed here, as alertConditions computes it, so Prometheus compares that double.
    const limit = a.threshold * budget;
    const ratio = (w: BurnWindow) => `${RULE_NAMES.ratio(w)}${idSelector}`;
    rules.push({
      alert: SLO_ALERT_NAMES.burn,
      // `x and (condition)` keeps x's value: the alert's $value is the long window's burn rate, for the description,
      // while the condition stays the two comparisons of the bad share with the limit.
      expr:
        `${ratio(a.long)} / ${literal(budget)} and ` +
        `(${ratio(a.long)} >= ${literal(limit)} and ${ratio(a.short)} >= ${literal(limit)})`,
      for: formatDuration(sla.forSeconds, SLA_FOR),
      labels: alertLabels(a.name, a.severity),
      // The summary of Vigil's own notifications (notify/payload.ts), so both read alike in Alertmanager.
      annotations: {
        summary: `SLA ${name}: error budget burning (${a.name})`,
        description:
          `Burn rate {{ $value | printf "%.2f" }} over ${a.long}; at least ${a.threshold} over both ${a.long} ` +
          `and ${a.short} (bad share ${percent(limit)}% for an error budget of ${percent(budget)}%).`,
      },
    });
  }
  const lookback = absentLookbackMinutes(sla.forSeconds);
  const events = (name: string) => `sum_over_time(${name}${idSelector}${lastMinutes(lookback)})`;
  rules.push({
    alert: SLO_ALERT_NAMES.absent,
    expr: `${events(RULE_NAMES.good)} + ${events(RULE_NAMES.bad)} == 0`,
    // As Vigil's absent-SLI alert: its lookback is already the SLA's `for`.
    for: '0s',
    labels: alertLabels(ABSENT_ALERT, 'page'),
    annotations: {
      summary: `SLA ${name}: no series of ${sla.metric} evaluated`,
      description: `No series of the SLA's selector held a value in its last ${lookback} minutes.`,
    },
  });
  return { groups: [{ name: `vigil-slo-${id}`, interval: '1m', rules }] };
}

/** The rule file as YAML, long expressions kept on one line. */
export function slaRulesYaml(sla: SlaWithObjective): string {
  return stringify(slaRules(sla), { lineWidth: 0, aliasDuplicateObjects: false });
}
