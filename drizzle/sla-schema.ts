/**
 * The SLA manager's table (issue 7), kept apart from the storage schema (drizzle/schema.ts) that the drain owns;
 * drizzle.config.ts generates migrations from both files. Same conventions: DOUBLE bounds, DATETIME(3) in UTC,
 * names that MySQL 8 does not reserve.
 */
import {
  bigint,
  char,
  datetime,
  double,
  index,
  int,
  json,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
import { NOTIFICATION_KINDS, type NotificationPayload } from '../contracts/notifications.ts';
import type { SlaMatcher } from '../contracts/sla.ts';
import {
  type AlertStatus,
  type BudgetReport,
  OBJECTIVE_WINDOWS,
  type SeriesBudget,
  type SeriesHourSums,
} from '../contracts/slo.ts';

/**
 * One SLA: a metric series (metric name + label matchers), a lower and/or upper bound and a `for` duration.
 * The name is the natural key (unique), so creating the same SLA twice is a 409, not a second row. Names compare
 * exactly: the API stores them in Unicode NFC and the column's collation is utf8mb4_bin (migration 0002, which
 * drizzle-kit cannot express), so `Disk` and `disk` are two SLAs and `é` typed either way is one.
 * `revision` counts updates, so a client can tell that the SLA changed since it last read it.
 */
export const slas = mysqlTable(
  'slas',
  {
    id: bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    name: varchar('name', { length: 128 }).notNull(),
    description: text('description').notNull(),
    metric: varchar('metric', { length: 255 }).notNull(),
    matchers: json('matchers').$type<SlaMatcher[]>().notNull(),
    minValue: double('min_value'),
    maxValue: double('max_value'),
    forSeconds: int('for_seconds', { unsigned: true }).notNull(),
    /** The objective (issue 14): both set or both null. */
    objectiveTarget: double('objective_target'),
    objectiveWindow: mysqlEnum('objective_window', OBJECTIVE_WINDOWS),
    revision: int('revision', { unsigned: true }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [uniqueIndex('slas_name_uq').on(t.name)],
);

/**
 * Per-SLA, per-minute good and bad series-minutes (contracts/slo.ts), kept up to date by the sloMinutes workflow
 * so that budget and burn-rate reads are one indexed range scan. `fingerprint` names the selector and bounds the
 * counts were made with: a changed SLA is recounted minute by minute over the same keys (an upsert), and reads
 * take only the rows of the current fingerprint. Written only for SLAs with an objective.
 */
export const slaMinutes = mysqlTable(
  'sla_minutes',
  {
    slaId: bigint('sla_id', { mode: 'number', unsigned: true }).notNull(),
    minute: datetime('minute', { mode: 'date' }).notNull(),
    fingerprint: char('fingerprint', { length: 16 }).notNull(),
    good: int('good', { unsigned: true }).notNull(),
    bad: int('bad', { unsigned: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'sla_minutes_pk', columns: [t.slaId, t.minute] })],
);

/**
 * `sla_minutes` summed per hour (UTC), kept by the same writes: a budget over a 28-day window reads at most 744
 * hour rows and the partial hours' minutes instead of 40,320 minute rows. `minutes` is how many of the hour's
 * minutes are counted (the backfill's edges hold partial hours).
 */
export const slaHours = mysqlTable(
  'sla_hours',
  {
    slaId: bigint('sla_id', { mode: 'number', unsigned: true }).notNull(),
    hour: datetime('hour', { mode: 'date' }).notNull(),
    fingerprint: char('fingerprint', { length: 16 }).notNull(),
    good: int('good', { unsigned: true }).notNull(),
    bad: int('bad', { unsigned: true }).notNull(),
    minutes: int('minutes', { unsigned: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'sla_hours_pk', columns: [t.slaId, t.hour] })],
);

/**
 * Per-series good and bad minutes per whole hour (UTC) of SLAs with an objective, for the per-series budgets of
 * SLAs that select several series: counted inside Prometheus once an hour ends (prometheus/series-counts.ts), so an
 * SLA over 10,000 series stores 10,000 small rows an hour, not 600,000 minute rows. `series` is a hash of the
 * series' labels (sla_series_labels holds them); the row with `series` '' marks the hour as counted, also when no
 * series had an event in it. The key leads with the hour, so an hour range of one SLA is one index range.
 */
export const slaSeriesHours = mysqlTable(
  'sla_series_hours',
  {
    slaId: bigint('sla_id', { mode: 'number', unsigned: true }).notNull(),
    hour: datetime('hour', { mode: 'date' }).notNull(),
    series: char('series', { length: 16 }).notNull(),
    fingerprint: char('fingerprint', { length: 16 }).notNull(),
    good: smallint('good', { unsigned: true }).notNull(),
    bad: smallint('bad', { unsigned: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'sla_series_hours_pk', columns: [t.slaId, t.hour, t.series] })],
);

/** The labels of each series an SLA's per-series counts name (by the hash sla_series_hours keys them with). */
export const slaSeriesLabels = mysqlTable(
  'sla_series_labels',
  {
    slaId: bigint('sla_id', { mode: 'number', unsigned: true }).notNull(),
    series: char('series', { length: 16 }).notNull(),
    labels: json('labels').$type<Record<string, string>>().notNull(),
  },
  (t) => [primaryKey({ name: 'sla_series_labels_pk', columns: [t.slaId, t.series] })],
);

/**
 * Each series' latest share of its SLA's objective (one row per SLA and series), written with the SLA's own
 * evaluation: the list of an SLA's series by remaining budget is one scan of (sla_id, sort_remaining, series).
 * `hourSums` keeps the whole hours' part of the window and burn-window sums, computed once an hour from
 * sla_series_hours (`hoursKey` names the hour ranges they are of), so the minute-by-minute evaluation reads one row
 * per series instead of every hour of the window.
 */
export const sloSeriesStatus = mysqlTable(
  'slo_series_status',
  {
    slaId: bigint('sla_id', { mode: 'number', unsigned: true }).notNull(),
    series: char('series', { length: 16 }).notNull(),
    fingerprint: char('fingerprint', { length: 16 }).notNull(),
    at: datetime('at', { mode: 'date' }).notNull(),
    sortRemaining: double('sort_remaining').notNull(),
    report: json('report').$type<SeriesBudget>().notNull(),
    hoursKey: varchar('hours_key', { length: 80 }).notNull(),
    hourSums: json('hour_sums').$type<SeriesHourSums>().notNull(),
  },
  (t) => [
    primaryKey({ name: 'slo_series_status_pk', columns: [t.slaId, t.series] }),
    index('slo_series_status_remaining_idx').on(t.slaId, t.sortRemaining, t.series),
  ],
);

/**
 * Each objective's latest evaluation (issue 14), written by the SLO counting run after it counts the SLA's minutes:
 * the budget report as of `at`, with the alerts' states (sla/alert-states.ts), which only a run can advance. A
 * budget read is then one primary-key lookup, and the list of objectives by remaining budget one index scan.
 * `sortRemaining` is the remaining budget in percent, or a huge number when there is no budget yet (no events),
 * so that those sort last.
 */
export const sloStatus = mysqlTable(
  'slo_status',
  {
    slaId: bigint('sla_id', { mode: 'number', unsigned: true }).primaryKey(),
    fingerprint: char('fingerprint', { length: 16 }).notNull(),
    at: datetime('at', { mode: 'date' }).notNull(),
    sortRemaining: double('sort_remaining').notNull(),
    report: json('report').$type<BudgetReport>().notNull(),
    alerts: json('alerts').$type<Record<string, AlertStatus>>().notNull(),
    /** How many of the alerts are firing: Alertmanager is sent every firing alert again each run. */
    firing: int('firing', { unsigned: true }).notNull().default(0),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [
    index('slo_status_remaining_idx').on(t.sortRemaining, t.slaId),
    index('slo_status_firing_idx').on(t.firing),
  ],
);

/**
 * Where SLO alert changes are sent (issue 14): an Alertmanager (API v2) or a webhook signed with HMAC-SHA256 under
 * `secret`, which is write-only (the API never returns it). `slaIds` null: every SLA with an objective.
 */
export const notificationTargets = mysqlTable(
  'notification_targets',
  {
    id: bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    name: varchar('name', { length: 128 }).notNull(),
    kind: mysqlEnum('kind', NOTIFICATION_KINDS).notNull(),
    url: varchar('url', { length: 2048 }).notNull(),
    secret: varchar('secret', { length: 256 }),
    slaIds: json('sla_ids').$type<number[] | null>(),
    revision: int('revision', { unsigned: true }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [uniqueIndex('notification_targets_name_uq').on(t.name)],
);

/**
 * The outbox of alert changes, one row per target and change: written in the transaction that stores the
 * evaluation that made the change, so a change is never lost nor made twice (the natural key below), then
 * delivered with retries by the notification activity. `payload` is the message as first built.
 * `claimed_until` is a delivery run's lease: a run claims the due rows it will send (set in one transaction with
 * SELECT … FOR UPDATE SKIP LOCKED, committed before any request), so two runs at the same moment (a backfill's
 * and the scheduled one) never send the same row; a run that crashes leaves its claims to expire, and the rows
 * are then sent again under the same delivery id. Null when no run holds the row.
 */
export const notifications = mysqlTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    targetId: bigint('target_id', { mode: 'number', unsigned: true }).notNull(),
    slaId: bigint('sla_id', { mode: 'number', unsigned: true }).notNull(),
    alert: varchar('alert', { length: 32 }).notNull(),
    transition: mysqlEnum('transition', ['pending', 'firing', 'resolved']).notNull(),
    at: datetime('at', { mode: 'date' }).notNull(),
    payload: json('payload').$type<NotificationPayload>().notNull(),
    state: mysqlEnum('state', ['due', 'sent', 'failed']).notNull(),
    attempts: int('attempts', { unsigned: true }).notNull(),
    nextAttemptAt: datetime('next_attempt_at', { mode: 'date', fsp: 3 }).notNull(),
    claimedUntil: datetime('claimed_until', { mode: 'date', fsp: 3 }),
    sentAt: datetime('sent_at', { mode: 'date', fsp: 3 }),
    lastError: varchar('last_error', { length: 512 }),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [
    uniqueIndex('notifications_change_uq').on(t.targetId, t.slaId, t.alert, t.transition, t.at),
    index('notifications_due_idx').on(t.state, t.nextAttemptAt),
  ],
);
