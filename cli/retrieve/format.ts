import type { RunRef, Series, Timestamp } from '../../api/retrieval/messages.ts';
import { timestampMs } from '../../api/retrieval/timestamp.ts';

/**
 * Readable output for `vigil retrieve`: aligned text tables and compact value formatting. Pure.
 */

export type Cell = string | number | boolean | null | undefined;

/** Doubles with up to 12 significant digits (byte counts stay exact to the byte); absent values as '-'. */
export function formatValue(value: Cell): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) return value.toExponential(6);
  return String(Number(value.toPrecision(12)));
}

export function formatTime(ts: Timestamp | null | undefined): string {
  if (!ts) return '-';
  return new Date(timestampMs(ts)).toISOString().replace('.000Z', 'Z');
}

/** `device=sda1,job=host`: the same form --series takes. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '{}' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}

export function seriesLabel(series: Series | null | undefined): string {
  return formatLabels(series?.labels);
}

const NUMERIC = /^-?[\d.]+(e[-+]?\d+)?$/i;

/** An aligned table; numeric columns are right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((r) => headers.map((_, i) => formatValue(r[i])));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => r[i]!.length)));
  const numeric = headers.map(
    (_, i) => text.length > 0 && text.every((r) => r[i] === '-' || NUMERIC.test(r[i]!)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(headers), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)];
  return `${out.join('\n')}\n`;
}

/** A run as one line of context above its rows. */
export function runHeading(run: RunRef | null): string {
  if (!run) return '';
  return `${seriesLabel(run.series)}  run ${run.run_id}  window ending ${formatTime(run.window_end)}`;
}

function isTimestamp(value: object): value is Timestamp {
  const keys = Object.keys(value);
  return keys.length === 2 && 'seconds' in value && 'nanos' in value;
}

/**
 * JSON output for scripts: drops @grpc/proto-loader's virtual oneof fields (`_icbest`, `outcome`) and writes
 * timestamps as ISO-8601 strings.
 */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== 'object') return value;
  if (isTimestamp(value)) return new Date(timestampMs(value)).toISOString();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('_') || k === 'outcome' || k === 'selector') continue;
    out[k] = plain(v);
  }
  return out;
}
