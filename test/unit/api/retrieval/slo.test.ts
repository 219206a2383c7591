import { describe, expect, it } from 'vitest';
import { toSloBudget } from '../../../../api/retrieval/convert-slo.ts';
import { InvalidArgument } from '../../../../api/retrieval/errors.ts';
import {
  encodePageToken,
  encodeRemainingToken,
  encodeSeriesRemainingToken,
  fingerprint,
} from '../../../../api/retrieval/page-token.ts';
import {
  LIST_SLOS_FINGERPRINT,
  listSeriesBudgetsFingerprint,
  parseGetSloBudget,
  parseListSeriesBudgets,
  parseListSlos,
  SLO_DEFAULT_LIMIT,
} from '../../../../api/retrieval/slo-query.ts';
import { timestampMs } from '../../../../api/retrieval/timestamp.ts';
import { budgetReport } from '../../../../sla/budget.ts';
import { objectiveWindow } from '../../../../sla/objective-window.ts';

const at = new Date('2026-11-30T12:00:00Z');
const objective = { target: 0.99, window: '7d' as const };
const zero = { good: 0, bad: 0 };
const burn = { '5m': zero, '30m': { good: 20, bad: 10 }, '1h': zero, '6h': zero, '3d': zero };
const ms = (ts: { seconds: number; nanos: number } | null) => (ts ? timestampMs(ts) : null);

describe('toSloBudget', () => {
  it('carries every figure, burn rates in BURN_WINDOWS order, states as enum names', () => {
    const report = budgetReport(objective, objectiveWindow('7d', at), {
      at,
      window: { good: 900, bad: 5, minutes: 1000 },
      burn,
      recent: { good: 5, bad: 0 },
    });
    report.alerts[1] = { ...report.alerts[1]!, state: 'firing', since: '2026-11-30T11:00:00.000Z' };
    const b = toSloBudget(report);
    expect(b).toMatchObject({
      objective,
      window_minutes: 10_080,
      evaluated_minutes: 1000,
      events_good: 900,
      events_bad: 5,
      compliance: 900 / 905,
      budget_consumed: 5,
      budget_remaining_percent: report.budget.remainingPercent,
      absent: false,
      absent_since: null,
    });
    expect(ms(b.at)).toBe(at.getTime());
    expect(ms(b.window_end)).toBe(at.getTime() + 60_000);
    expect(b.burn_rates.map((r) => r.window)).toEqual(['5m', '30m', '1h', '6h', '3d']);
    expect(b.burn_rates[0]).not.toHaveProperty('rate');
    expect(b.burn_rates[1]!.rate).toBeCloseTo(10 / 30 / 0.01, 9);
    expect(b.alerts.map((a) => a.state)).toEqual(['OK', 'FIRING', 'OK']);
    expect(ms(b.alerts[1]!.since)).toBe(Date.parse('2026-11-30T11:00:00Z'));
    expect(b.alerts[0]!.since).toBeNull();
  });

  it('leaves optional values absent, not zero, before any event', () => {
    const report = budgetReport(objective, objectiveWindow('7d', at), {
      at,
      window: { good: 0, bad: 0, minutes: 10 },
      burn: { '5m': zero, '30m': zero, '1h': zero, '6h': zero, '3d': zero },
      recent: zero,
    });
    const b = toSloBudget({ ...report, absentSince: at.toISOString() });
    expect(b).not.toHaveProperty('compliance');
    expect(b).not.toHaveProperty('budget_remaining_percent');
    expect(b.exhaustion_at_1h).toBeNull();
    expect(b.alerts[0]).not.toHaveProperty('burn_long');
    expect(b.absent).toBe(true);
    expect(ms(b.absent_since)).toBe(at.getTime());
  });
});

describe('SLO requests', () => {
  it('sla_id must be a positive id, named in the error', () => {
    expect(parseGetSloBudget({ sla_id: 12 })).toEqual({ slaId: 12 });
    for (const bad of [0, -1, '1.5', 'x', undefined]) {
      expect(() => parseGetSloBudget({ sla_id: bad as number })).toThrow(/^sla_id: /);
    }
  });

  it('limit defaults to 100 and is at most 500', () => {
    expect(parseListSlos({})).toEqual({ limit: SLO_DEFAULT_LIMIT, after: null });
    expect(parseListSlos({ limit: 500 }).limit).toBe(500);
    expect(() => parseListSlos({ limit: 501 })).toThrow(/^limit: at most 500/);
  });

  it('a token resumes only ListSlos; another query’s is INVALID_ARGUMENT naming page_token', () => {
    const position = { sortRemaining: 12.5, slaId: 40 };
    const token = encodeRemainingToken(LIST_SLOS_FINGERPRINT, position);
    expect(parseListSlos({ page_token: token }).after).toEqual(position);
    const runs = encodePageToken(fingerprint('ListRuns', { metric: 'm' }), {
      seriesId: 1,
      windowEndMs: 0,
      runId: 1,
      index: 0,
    });
    const foreign = encodeRemainingToken(fingerprint('ListSeries', {}), position);
    for (const bad of [runs, foreign, `${token}!`, 'abc']) {
      expect(() => parseListSlos({ page_token: bad })).toThrow(InvalidArgument);
      expect(() => parseListSlos({ page_token: bad })).toThrow(/^page_token: /);
    }
  });

  it('ListSeriesBudgets: limit at most 1000, a token resumes only the same SLA’s listing', () => {
    expect(parseListSeriesBudgets({ sla_id: 7 })).toEqual({
      slaId: 7,
      limit: SLO_DEFAULT_LIMIT,
      after: null,
    });
    expect(parseListSeriesBudgets({ sla_id: 7, limit: 1000 }).limit).toBe(1000);
    expect(() => parseListSeriesBudgets({ sla_id: 7, limit: 1001 })).toThrow(/^limit: at most 1000/);
    expect(() => parseListSeriesBudgets({ limit: 5 })).toThrow(/^sla_id: /);
    const position = { sortRemaining: -3.25, series: '0123456789abcdef' };
    const token = encodeSeriesRemainingToken(listSeriesBudgetsFingerprint(7), position);
    expect(parseListSeriesBudgets({ sla_id: 7, page_token: token }).after).toEqual(position);
    const otherSla = encodeSeriesRemainingToken(listSeriesBudgetsFingerprint(8), position);
    const slos = encodeRemainingToken(LIST_SLOS_FINGERPRINT, { sortRemaining: 1, slaId: 2 });
    for (const bad of [otherSla, slos, 'abc']) {
      expect(() => parseListSeriesBudgets({ sla_id: 7, page_token: bad })).toThrow(/^page_token: /);
    }
  });
});
