import type { SlaDefinition } from '../../contracts/sla.ts';
import type { BurnWindow, EventCounts, SlaObjective } from '../../contracts/slo.ts';
import type { Executor } from '../../drizzle/db.ts';
import { writeSeriesStatuses } from '../../drizzle/repositories/sla-series.ts';
import { createSla } from '../../drizzle/repositories/slas.ts';
import { writeSloStatus } from '../../drizzle/repositories/slo-status.ts';
import { budgetReport, seriesBudget } from '../../sla/budget.ts';
import { seriesHash, slaFingerprint } from '../../sla/fingerprint.ts';
import { objectiveWindow } from '../../sla/objective-window.ts';
import { uniqueName } from './env.ts';

/**
 * SLAs with objectives whose evaluations are written straight into `slo_status`, as the SLO counting workflow
 * would store them: a report sla/budget.ts builds from hand-made minute sums, so the readers (REST and gRPC) can be
 * tested without counting minutes through Prometheus.
 */

export interface SeededSlo {
  /** Window events (good + bad); 0 gives an objective without budget yet. */
  events: number;
  bad: number;
  objective?: SlaObjective | null;
  /** `current` (default): written under the SLA's fingerprint; `stale`: under another; `none`: not written. */
  status?: 'current' | 'stale' | 'none';
  /** Make the page-fast alert fire and the SLI absent, so every optional part of the report is set. */
  alerting?: boolean;
}

export async function seedSlo(db: Executor, spec: SeededSlo, at: Date): Promise<SlaDefinition> {
  const objective = spec.objective === undefined ? { target: 0.99, window: '7d' as const } : spec.objective;
  const sla = await createSla(
    db,
    {
      name: uniqueName('slo-seed'),
      description: '',
      metric: 'vigil_test_slo_seed',
      matchers: [{ label: 'job', op: '=', value: 'seed' }],
      min: null,
      max: 5000,
      forSeconds: 300,
      objective,
    },
    at,
  );
  if (!objective || spec.status === 'none') return sla;
  const counts = (good: number, bad: number): EventCounts => ({ good, bad });
  const none = counts(0, 0);
  // Without window events there are none in the shorter windows either: every rate is undefined.
  const burn: Record<BurnWindow, EventCounts> =
    spec.events === 0
      ? { '5m': none, '30m': none, '1h': none, '6h': none, '3d': none }
      : spec.alerting
        ? {
            '5m': counts(0, 5),
            '30m': counts(10, 20),
            '1h': counts(0, 60),
            '6h': counts(300, 60),
            '3d': counts(4000, 300),
          }
        : {
            '5m': counts(5, 0),
            '30m': counts(30, 0),
            '1h': counts(60, 0),
            '6h': counts(350, 10),
            '3d': counts(4000, 20),
          };
  let report = budgetReport(objective, objectiveWindow(objective.window, at), {
    at,
    window: { good: spec.events - spec.bad, bad: spec.bad, minutes: 2000 },
    burn,
    recent: spec.alerting ? counts(0, 0) : counts(5, 0),
  });
  if (spec.alerting) {
    const since = new Date(at.getTime() - 10 * 60_000).toISOString();
    report = {
      ...report,
      alerts: report.alerts.map((a) => (a.name === 'page-fast' ? { ...a, state: 'firing', since } : a)),
      absentSince: since,
    };
  }
  const fingerprint = spec.status === 'stale' ? '0123456789abcdef' : slaFingerprint(sla);
  await writeSloStatus(db, { slaId: sla.id, fingerprint, at, report, alerts: {} }, new Date());
  return sla;
}

/**
 * Per-series evaluations of a seeded SLA written straight into `slo_series_status`, one series per entry of `bad`
 * (that many of its 1,000 window minutes bad), as the SLO counting run stores them.
 */
export async function seedSeries(
  db: Executor,
  sla: SlaDefinition,
  bad: readonly number[],
  at: Date,
): Promise<void> {
  const objective = sla.objective!;
  const bounds = objectiveWindow(objective.window, at);
  const fingerprint = slaFingerprint(sla);
  const zero = { good: 0, bad: 0 };
  const rows = bad.map((b, i) => {
    const labels = { job: 'seed', host: `h${i}` };
    const burn: Record<BurnWindow, EventCounts> = {
      '5m': { good: 5, bad: 0 },
      '30m': { good: 30, bad: 0 },
      '1h': { good: 60 - Math.min(b, 60), bad: Math.min(b, 60) },
      '6h': { good: 360 - Math.min(b, 360), bad: Math.min(b, 360) },
      '3d': { good: 1000 - b, bad: b },
    };
    return {
      series: seriesHash(JSON.stringify(labels)),
      fingerprint,
      at,
      report: seriesBudget(objective, bounds, at, labels, { good: 1000 - b, bad: b }, burn),
      hoursKey: 'seeded',
      hourSums: { window: zero, '6h': zero, '3d': zero },
    };
  });
  await writeSeriesStatuses(db, sla.id, rows, []);
}
