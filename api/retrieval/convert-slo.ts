import type { AlertState, BudgetReport, BurnWindow, SeriesBudget } from '../../contracts/slo.ts';
import { BURN_WINDOWS } from '../../contracts/slo.ts';
import { opt } from './convert.ts';
import type {
  SeriesBudget as SeriesBudgetMessage,
  SloAlert,
  SloAlertState,
  SloBudget,
  SloBurnRate,
} from './messages.ts';
import { toTimestamp } from './timestamp.ts';

/**
 * A stored objective evaluation (contracts/slo.ts BudgetReport, what GET /slas/:id/budget answers as JSON) → its
 * wire message. Pure. The report's nulls become absent optional fields or unset Timestamps, never 0.
 */

const STATES: Record<AlertState, SloAlertState> = { ok: 'OK', pending: 'PENDING', firing: 'FIRING' };

/** The report keeps instants as ISO strings with milliseconds, which a Timestamp holds exactly. */
function instant(iso: string | null): SloBudget['at'] {
  return iso === null ? null : toTimestamp(new Date(iso));
}

function toAlert(a: BudgetReport['alerts'][number]): SloAlert {
  const out = {
    name: a.name,
    severity: a.severity,
    long_window: a.long,
    short_window: a.short,
    threshold: a.threshold,
    active: a.active,
    state: STATES[a.state],
    since: instant(a.since),
  } as SloAlert;
  opt(out, 'burn_long', a.burnLong);
  return opt(out, 'burn_short', a.burnShort);
}

/** In BURN_WINDOWS order, shortest first, whatever order the stored JSON has. */
function burnRates(rates: BudgetReport['burnRates']): SloBurnRate[] {
  return (Object.keys(BURN_WINDOWS) as BurnWindow[]).map((window) =>
    opt({ window } as SloBurnRate, 'rate', rates[window]),
  );
}

/** The figures an SLA's report and a series' share of it have alike, as their messages name them. */
type Shared = Pick<BudgetReport, 'at' | 'events' | 'compliance' | 'budget' | 'burnRates' | 'exhaustion'>;

function sharedFields(r: Shared) {
  const out = {
    at: instant(r.at),
    events_good: r.events.good,
    events_bad: r.events.bad,
    budget_allowed: r.budget.allowed,
    budget_consumed: r.budget.consumed,
    budget_remaining: r.budget.remaining,
    burn_rates: burnRates(r.burnRates),
    exhaustion_at_1h: instant(r.exhaustion.at1h),
    exhaustion_at_6h: instant(r.exhaustion.at6h),
  } as Record<string, unknown>;
  opt(out, 'compliance', r.compliance);
  return opt(out, 'budget_remaining_percent', r.budget.remainingPercent);
}

export function toSeriesBudget(r: SeriesBudget): SeriesBudgetMessage {
  return { labels: r.labels, ...sharedFields(r) } as SeriesBudgetMessage;
}

export function toSloBudget(r: BudgetReport): SloBudget {
  return {
    objective: { target: r.objective.target, window: r.objective.window },
    window_start: instant(r.window.start),
    window_end: instant(r.window.end),
    window_minutes: r.window.minutes,
    evaluated_minutes: r.evaluatedMinutes,
    ...sharedFields(r),
    alerts: r.alerts.map(toAlert),
    absent: r.absent,
    absent_since: instant(r.absentSince),
  } as SloBudget;
}
