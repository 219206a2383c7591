import { ApplicationFailure, Context } from '@temporalio/activity';
import type { PrometheusDriver } from 'prometheus-query';
import { vigilFailure } from '../../contracts/errors.ts';
import type { SlaDefinition } from '../../contracts/sla.ts';
import {
  BURN_WINDOWS,
  type BurnWindow,
  type EventCounts,
  MINUTE_MS,
  type SloMinutesInput,
  type SloMinutesSummary,
} from '../../contracts/slo.ts';
import type { Db } from '../../drizzle/db.ts';
import { allTargets, covers } from '../../drizzle/repositories/notification-targets.ts';
import { type Change, enqueue } from '../../drizzle/repositories/notifications.ts';
import {
  countedRange,
  minuteSums,
  minutesBetween,
  pruneMinutes,
  writeMinutes,
} from '../../drizzle/repositories/sla-minutes.ts';
import { lastSeriesEvaluation } from '../../drizzle/repositories/sla-series.ts';
import { getSla, listSlasWithObjective } from '../../drizzle/repositories/slas.ts';
import { readSloStatus, writeSloStatus } from '../../drizzle/repositories/slo-status.ts';
import { payloadOf } from '../../notify/payload.ts';
import { minuteCounts } from '../../prometheus/sla-samples.ts';
import type { AlertChange, AlertStatus } from '../../sla/alert-states.ts';
import {
  type AlertStep,
  absentLookbackMinutes,
  alertChanges,
  alertConditions,
  type BudgetReport,
  budgetReport,
  withAlertStates,
} from '../../sla/budget.ts';
import { slaFingerprint } from '../../sla/fingerprint.ts';
import { objectiveWindow } from '../../sla/objective-window.ts';
import { hoursKey, seriesWindowPlan } from '../../sla/series-window.ts';
import { createSeriesBudgets } from './slo-series.ts';

export interface SloActivityDeps {
  /** The pool-backed database: an evaluation is stored in a transaction of its own. */
  db: Db;
  prom: PrometheusDriver;
  now: () => Date;
}

/**
 * Minutes per Prometheus range query: 6 hours, so one query over a fleet of thousands of series stays around a
 * second and a backfill yields Prometheus to other queries between its parts.
 */
const CHUNK_MINUTES = 360;
/**
 * The latest minutes are counted again on every run: a scrape lands up to a scrape interval after its minute,
 * so a minute counted right away may still gain a series (the upsert replaces it).
 */
const RECOUNT_MINUTES = 3;
/** What the scheduled run counts of one SLA at most: a backfill left to it proceeds a day per minute. */
const MAX_MINUTES_PER_RUN = 1_440;
/** SLAs read per page and counted side by side. */
const PAGE = 100;
const CONCURRENCY = 4;
/** How far back the alerts' states are replayed when no evaluation of the minute before is stored. */
const REPLAY_MINUTES = 1_440;
/**
 * How often the scheduled run evaluates an SLA's series (issue 14's per-series budgets): a query over every series
 * of the SLA and a write per series, so every 5 minutes rather than every minute; each series' figures say their
 * minute. A backfill evaluates them at once.
 */
const SERIES_EVERY_MINUTES = 5;
/** Per-series hours the scheduled run counts of one SLA at most: a week, seven Prometheus queries. */
const SERIES_HOURS_PER_RUN = 168;

function hasObjective(
  sla: SlaDefinition,
): sla is SlaDefinition & { objective: NonNullable<SlaDefinition['objective']> } {
  return sla.objective !== null && sla.objective !== undefined;
}

/**
 * Brings per-minute good/bad counts up to date (contracts/slo.ts): for one SLA (`slaId`: its whole window,
 * the backfill started when the SLA is created or its selector or bounds change) or for every SLA with an
 * objective (the every-minute schedule, at most MAX_MINUTES_PER_RUN per SLA per run, so one run stays short and
 * a long backfill proceeds over the next runs). Everything the objective window and the 3d burn window need, up
 * to the last whole minute before now, one Prometheus range query per 6 hours of minutes; minutes without any series
 * are written as 0/0 (that is how an absent SLI shows).
 */
export function createSloActivities(deps: SloActivityDeps) {
  const series = createSeriesBudgets(deps);
  /** Counts the minutes [from, to] (epoch ms, whole minutes) of `sla` in one Prometheus query and writes them. */
  async function countRange(
    sla: SlaDefinition,
    fingerprint: string,
    from: number,
    to: number,
  ): Promise<number> {
    const counts = await minuteCounts(
      {
        prom: deps.prom,
        metric: sla.metric,
        matchers: sla.matchers,
        start: new Date(from),
        end: new Date(to),
        stepSeconds: 60,
      },
      sla,
    );
    const rows: Array<{ minute: Date; good: number; bad: number }> = [];
    for (let t = from; t <= to; t += MINUTE_MS) {
      const c = counts.get(t) ?? { good: 0, bad: 0 };
      rows.push({ minute: new Date(t), good: c.good, bad: c.bad });
    }
    try {
      await writeMinutes(deps.db, sla.id, fingerprint, rows);
    } catch (err) {
      throw vigilFailure(
        'DATABASE_UNAVAILABLE',
        `writing minutes of SLA ${sla.id}: ${(err as Error).message}`,
        err,
      );
    }
    Context.current().heartbeat();
    return rows.length;
  }

  /**
   * Brings one SLA's counts up to `last`, at most `budget` minutes: first forward from the last counted minute
   * (so a budget read is as of now from the first query on), then backward from the first counted minute down to
   * what the windows need, newest first. The counted minutes stay one contiguous range whatever stops a run, so
   * their first and last minutes are the whole progress marker.
   */
  async function refreshOne(sla: SlaDefinition, last: Date, budget: number): Promise<number> {
    if (!sla.objective) return 0;
    const fingerprint = slaFingerprint(sla);
    const window = objectiveWindow(sla.objective.window, last);
    const keepFrom = Math.min(window.start.getTime(), last.getTime() - (BURN_WINDOWS['3d'] - 1) * MINUTE_MS);
    await pruneMinutes(deps.db, sla.id, fingerprint, new Date(keepFrom));
    const counted = await countedRange(deps.db, sla.id, fingerprint);
    let left = budget;
    let written = 0;
    // The counted minutes' last one as this run leaves it: the backward part never moves it.
    let lastCounted = counted?.last.getTime() ?? null;
    // Forward: the recent minutes (recounted: late scrapes) up to `last`.
    const from = counted
      ? Math.max(keepFrom, counted.last.getTime() - (RECOUNT_MINUTES - 1) * MINUTE_MS)
      : Math.max(keepFrom, last.getTime() - (Math.min(CHUNK_MINUTES, left) - 1) * MINUTE_MS);
    for (let start = from; start <= last.getTime() && left > 0; ) {
      const end = Math.min(last.getTime(), start + (Math.min(CHUNK_MINUTES, left) - 1) * MINUTE_MS);
      const n = await countRange(sla, fingerprint, start, end);
      written += n;
      left -= n;
      lastCounted = Math.max(lastCounted ?? end, end);
      start = end + MINUTE_MS;
    }
    // Backward: from just before the first counted minute down to keepFrom, a chunk at a time, newest first.
    let first = counted ? Math.min(counted.first.getTime(), from) : from;
    while (first > keepFrom && left > 0) {
      const start = Math.max(keepFrom, first - Math.min(CHUNK_MINUTES, left) * MINUTE_MS);
      const n = await countRange(sla, fingerprint, start, first - MINUTE_MS);
      written += n;
      left -= n;
      first = start;
    }
    if (lastCounted !== null) {
      await evaluate(sla, fingerprint, new Date(lastCounted));
      await refreshSeries(sla, fingerprint, new Date(lastCounted), budget === Number.MAX_SAFE_INTEGER);
    }
    return written;
  }

  /**
   * Brings the SLA's per-series hours up to date and, when they cover its windows, evaluates its series: at every
   * run of a backfill (`all`), else every SERIES_EVERY_MINUTES, each SLA on its own minutes so a fleet of SLAs
   * created together does not evaluate its series in the same run. In between, a run costs one indexed read per
   * SLA, and counts the SLA's new hour once an hour.
   */
  async function refreshSeries(
    sla: SlaDefinition,
    fingerprint: string,
    at: Date,
    all: boolean,
  ): Promise<void> {
    if (!hasObjective(sla)) return;
    const bounds = objectiveWindow(sla.objective.window, at);
    let due = all;
    if (!all) {
      const last = await lastSeriesEvaluation(deps.db, sla.id, fingerprint);
      const minute = at.getTime() / MINUTE_MS;
      due =
        last === null ||
        at.getTime() - last.at.getTime() >= 2 * SERIES_EVERY_MINUTES * MINUTE_MS ||
        ((minute + sla.id) % SERIES_EVERY_MINUTES === 0 && last.at < at);
      if (!due && last?.hoursKey === hoursKey(seriesWindowPlan(bounds, at))) return;
    }
    const hours = all ? Number.MAX_SAFE_INTEGER : SERIES_HOURS_PER_RUN;
    if (!(await series.refreshHours(sla, fingerprint, bounds, at, hours)) || !due) return;
    await series.evaluateSeries(sla, fingerprint, bounds, at);
  }

  /**
   * Evaluates the objective as of its last counted minute `at` and stores the result (slo_status), the alerts' states
   * advanced from the stored ones; when the stored evaluation is not of the minute before (a new SLA, new bounds,
   * runs missed), the minutes in between are replayed first (at most REPLAY_MINUTES), so that an alert already
   * burning when its SLA is created is pending or firing since when it really started. Returns the alerts' changes.
   */
  async function evaluate(sla: SlaDefinition, fingerprint: string, at: Date): Promise<AlertChange[]> {
    if (!hasObjective(sla)) return [];
    const bounds = objectiveWindow(sla.objective.window, at);
    const recent = absentLookbackMinutes(sla.forSeconds);
    const [sums, previous] = await Promise.all([
      minuteSums(deps.db, sla.id, fingerprint, at, bounds.start, recent),
      readSloStatus(deps.db, sla.id),
    ]);
    const same = previous?.fingerprint === fingerprint;
    // An evaluation older than the stored one (a slower run finishing late) must not move the alerts back.
    if (same && previous.at > at) return [];
    const base = same ? previous.alerts : {};
    const replayFrom = same ? previous.at.getTime() + MINUTE_MS : at.getTime() - REPLAY_MINUTES * MINUTE_MS;
    const replay =
      replayFrom < at.getTime()
        ? await replaySteps(
            sla,
            fingerprint,
            Math.max(replayFrom, at.getTime() - REPLAY_MINUTES * MINUTE_MS),
            at,
            recent,
          )
        : [];
    const report = budgetReport(sla.objective, bounds, sums);
    const advanced = withAlertStates(report, base, sla.forSeconds * 1000, replay);
    // The changes to notify are against what was stored, whichever definition it was of.
    const changes = same
      ? advanced.changes
      : alertChanges(previous?.alerts ?? {}, advanced.statuses, report.at);
    const queued =
      changes.length > 0 ? await outboxRows(sla, advanced.report, changes, previous?.alerts ?? {}) : [];
    const now = deps.now();
    // One transaction: the alerts' new states and the notifications of their changes are stored together, so
    // a crash cannot keep one without the other (a change lost, or sent again by the next run).
    await deps.db.transaction(async (tx) => {
      await writeSloStatus(
        tx,
        { slaId: sla.id, fingerprint, at, report: advanced.report, alerts: advanced.statuses },
        now,
      );
      await enqueue(tx, queued, now);
    });
    return changes;
  }

  /** The outbox rows of `changes`: for each target covering the SLA, what that kind of target is sent. */
  async function outboxRows(
    sla: SlaDefinition,
    report: BudgetReport,
    changes: AlertChange[],
    previous: Record<string, AlertStatus>,
  ): Promise<Change[]> {
    const targets = (await allTargets(deps.db)).filter((t) => covers(t, sla.id));
    const rows: Change[] = [];
    for (const c of changes) {
      const endedFiring = previous[c.alert]?.firingSince ?? null;
      const payload = payloadOf(sla, report, c.alert, c.status, {
        transition: c.transition,
        from: c.from,
        firingSince: c.transition === 'resolved' ? endedFiring : c.status.firingSince,
      });
      // Alertmanager knows firing alerts only: their start, and the end of one that fired (also when the alert
      // went straight on to a new pending episode between two evaluations).
      const forAlertmanager =
        c.transition === 'firing'
          ? payload
          : c.from === 'firing'
            ? { ...payload, transition: 'resolved' as const, firingSince: endedFiring }
            : null;
      for (const t of targets) {
        const sent = t.kind === 'alertmanager' ? forAlertmanager : payload;
        if (!sent) continue;
        rows.push({
          targetId: t.id,
          slaId: sla.id,
          alert: c.alert,
          transition: sent.transition,
          at: new Date(c.at),
          payload: sent,
        });
      }
    }
    return rows;
  }

  /** The alerts' conditions at each minute of [from, at) from the counted minutes (prefix sums over one read). */
  async function replaySteps(
    sla: SlaDefinition & { objective: NonNullable<SlaDefinition['objective']> },
    fingerprint: string,
    from: number,
    at: Date,
    recent: number,
  ): Promise<AlertStep[]> {
    const longest = Math.max(recent, ...Object.values(BURN_WINDOWS));
    const first = from - (longest - 1) * MINUTE_MS;
    const rows = await minutesBetween(
      deps.db,
      sla.id,
      fingerprint,
      new Date(first),
      new Date(at.getTime() - MINUTE_MS),
    );
    // good[i], bad[i]: sums over the minutes before first + i·minute.
    const n = (at.getTime() - first) / MINUTE_MS;
    const good = new Float64Array(n + 1);
    const bad = new Float64Array(n + 1);
    for (const r of rows) {
      const i = (r.minute.getTime() - first) / MINUTE_MS;
      good[i + 1] = r.good;
      bad[i + 1] = r.bad;
    }
    for (let i = 1; i <= n; i++) {
      good[i]! += good[i - 1]!;
      bad[i]! += bad[i - 1]!;
    }
    const over = (end: number, minutes: number): EventCounts => {
      const hi = (end - first) / MINUTE_MS + 1;
      const lo = Math.max(0, hi - minutes);
      return { good: good[hi]! - good[lo]!, bad: bad[hi]! - bad[lo]! };
    };
    const steps: AlertStep[] = [];
    for (let t = from; t < at.getTime(); t += MINUTE_MS) {
      const burn = Object.fromEntries(
        (Object.keys(BURN_WINDOWS) as BurnWindow[]).map((w) => [w, over(t, BURN_WINDOWS[w])]),
      ) as Record<BurnWindow, EventCounts>;
      steps.push({ at: new Date(t), active: alertConditions(burn, over(t, recent), sla.objective.target) });
    }
    return steps;
  }

  return {
    async refreshSloMinutes(input: SloMinutesInput): Promise<SloMinutesSummary> {
      const last = new Date(Math.floor(deps.now().getTime() / MINUTE_MS) * MINUTE_MS - MINUTE_MS);
      if (input.slaId !== undefined) {
        const sla = await getSla(deps.db, input.slaId);
        if (!sla) throw vigilFailure('NOT_FOUND', `no SLA with id ${input.slaId}`);
        if (!sla.objective) throw vigilFailure('INVALID_INPUT', `SLA ${sla.id} has no objective`);
        return { slas: 1, minutes: await refreshOne(sla, last, Number.MAX_SAFE_INTEGER), failed: [] };
      }
      const summary: SloMinutesSummary = { slas: 0, minutes: 0, failed: [] };
      for (let after = 0; ; ) {
        const page = await listSlasWithObjective(deps.db, after, PAGE);
        for (let i = 0; i < page.length; i += CONCURRENCY) {
          await Promise.all(
            page.slice(i, i + CONCURRENCY).map(async (sla) => {
              try {
                // Awaited first: `summary.minutes += await …` would read the sum before the await and lose the
                // other SLAs' minutes counted meanwhile.
                const minutes = await refreshOne(sla, last, MAX_MINUTES_PER_RUN);
                summary.minutes += minutes;
                summary.slas++;
              } catch (err) {
                // One SLA's lasting problem (a query Prometheus refuses: a non-retryable failure) must not stop
                // the others; anything else is an outage (a server away, a database error) and fails the run, to
                // be retried as a whole.
                if (!(err instanceof ApplicationFailure && err.nonRetryable)) throw err;
                summary.failed.push({ slaId: sla.id, message: err.message });
              }
            }),
          );
          Context.current().heartbeat();
        }
        if (page.length < PAGE) break;
        after = page.at(-1)!.id;
      }
      return summary;
    },
  };
}

export type SloActivities = ReturnType<typeof createSloActivities>;
