/**
 * Durations as Vigil's configuration and APIs write them: a whole number and one unit, `90s`, `5m`, `2h`, `30d`
 * (Prometheus's form, one unit only). One grammar and one parser for every field; a field narrows the grammar
 * (which units, how many digits) and states it once, from which both its JSON-schema or zod pattern and its
 * parse follow. No imports: workflow code reaches this file through contracts/sla.ts.
 */

export type DurationUnit = 's' | 'm' | 'h' | 'd';

const UNIT_SECONDS: Record<DurationUnit, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };

export interface DurationGrammar {
  /** The units this field accepts. */
  units: readonly DurationUnit[];
  /** At most this many digits (none: any number). */
  maxDigits?: number;
}

/** Every unit, any number of digits: configuration durations. */
export const DURATION: DurationGrammar = { units: ['s', 'm', 'h', 'd'] };

/** The grammar as an anchored regular expression source, for JSON schemas and zod. */
export function durationPattern({ units, maxDigits }: DurationGrammar): string {
  const digits = maxDigits === undefined ? '+' : `{1,${maxDigits}}`;
  return `^[0-9]${digits}[${units.join('')}]$`;
}

/** The seconds `text` stands for, or null when the grammar refuses it. */
export function parseDuration(text: string, { units, maxDigits }: DurationGrammar = DURATION): number | null {
  const unit = text.slice(-1) as DurationUnit;
  const digits = text.slice(0, -1);
  if (!units.includes(unit) || digits.length === 0) return null;
  if (maxDigits !== undefined && digits.length > maxDigits) return null;
  for (const c of digits) if (c < '0' || c > '9') return null;
  return Number(digits) * UNIT_SECONDS[unit];
}

/** The shortest exact text of `seconds` in the grammar's units, largest first: 300 → 5m, 90 → 90s, 0 → 0s. */
export function formatDuration(seconds: number, { units }: DurationGrammar = DURATION): string {
  const largestFirst = [...units].sort((a, b) => UNIT_SECONDS[b] - UNIT_SECONDS[a]);
  const unit = largestFirst.find((u) => seconds > 0 && seconds % UNIT_SECONDS[u] === 0) ?? 's';
  return `${seconds / UNIT_SECONDS[unit]}${unit}`;
}
