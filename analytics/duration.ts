/**
 * Window lengths written as pandas fixed-frequency aliases ("15s", "30min", "1h", "3h", "12h", "1D").
 *
 * Only the fixed-length units are accepted: calendar units (months, business days) have no single length, and
 * pandas ≥ 3.0 rejects the old upper-case "1H" ("Did you mean h?"), so it is rejected here too rather than
 * silently meaning something the original's pandas might not (the original: docs/architecture.md).
 */

const UNIT_MS: Record<string, number> = { s: 1_000, min: 60_000, h: 3_600_000, d: 86_400_000, D: 86_400_000 };

const WINDOW_RULE = /^(\d+)?(s|min|h|d|D)$/;

/** Length of a window rule in milliseconds, or null if it is not a valid positive fixed-length rule. */
export function parseWindowRule(rule: string): number | null {
  const m = WINDOW_RULE.exec(rule);
  if (!m) return null;
  const count = m[1] === undefined ? 1 : Number(m[1]);
  const ms = count * UNIT_MS[m[2]!]!;
  return count > 0 && Number.isSafeInteger(ms) ? ms : null;
}
