import { describe, expect, it } from 'vitest';
import { type AlertStatus, nextStatus, nextStatuses } from '../../../sla/alert-states.ts';

const t0 = Date.parse('2026-12-01T00:00:00Z');
const minute = (m: number) => new Date(t0 + m * 60_000);

/** Runs the alert over a sequence of conditions, one evaluation a minute, and lists its states. */
function run(conditions: boolean[], forMs: number): string[] {
  let status: AlertStatus | undefined;
  return conditions.map((active, m) => {
    const next = nextStatus(status, active, minute(m), forMs);
    status = next.status;
    return next.transition ? `${next.status.state}!` : next.status.state;
  });
}

describe('alert states across evaluations (Prometheus `for` semantics)', () => {
  it('is pending until the condition has held for `for`, then fires, then resolves', () => {
    // for 3m: active at 1, 2, 3 → fires at 4 (4 − 1 ≥ 3).
    expect(run([false, true, true, true, true, true, false, false], 180_000)).toEqual([
      'ok',
      'pending!',
      'pending',
      'pending',
      'firing!',
      'firing',
      'ok!',
      'ok',
    ]);
  });

  it('fires at once with a zero `for`', () => {
    expect(run([true, true, false], 0)).toEqual(['firing!', 'firing', 'ok!']);
  });

  it('starts over when the condition breaks while pending', () => {
    expect(run([true, true, false, true, true, true], 120_000)).toEqual([
      'pending!',
      'pending',
      'ok!',
      'pending!',
      'pending',
      'firing!',
    ]);
  });

  it('keeps activeAt and startsAt while firing, and reports what each change came from', () => {
    let statuses: Record<string, AlertStatus> = {};
    const changes = [];
    for (let m = 0; m < 5; m++) {
      const next = nextStatuses(statuses, { a: m < 4, b: m >= 2 }, minute(m), 60_000);
      statuses = next.statuses;
      changes.push(...next.changes.map((c) => `${m}:${c.alert}:${c.from}->${c.transition}`));
    }
    expect(changes).toEqual([
      '0:a:ok->pending',
      '1:a:pending->firing',
      '2:b:ok->pending',
      '3:b:pending->firing',
      '4:a:firing->resolved',
    ]);
    expect(statuses.b).toEqual({
      state: 'firing',
      since: minute(2).toISOString(),
      firingSince: minute(3).toISOString(),
    });
  });
});
