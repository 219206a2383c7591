import { RE2JS, RE2JSException } from 're2js';
import type { LabelMatch, MatchOp } from '../contracts/label-matcher.ts';

/**
 * PromQL label matchers, evaluated in Vigil exactly as Prometheus evaluates them, so a matcher selects the same
 * series whether Prometheus or Vigil applies it (status and violations ask Prometheus; forecast and gRPC
 * retrieval match stored series here). Regexes use RE2 syntax and semantics (re2js, a port of RE2/J: the
 * dialect of Go's regexp that Prometheus runs) and run in time linear in the value, so no stored pattern can
 * stall a request. They are fully anchored, `^(?:pattern)$`, and `.` does not match a newline (Prometheus 2.x).
 * A label the series does not carry has the value "".
 */

export function isRegexOp(op: MatchOp): op is '=~' | '!~' {
  return op === '=~' || op === '!~';
}

/**
 * Why `pattern` is not a regex Prometheus would run, or null when it is. The pattern must compile on its own
 * too: `a)|(b` only compiles once wrapped in the anchors, where it would mean something else than it reads.
 */
export function regexProblem(pattern: string): string | null {
  try {
    RE2JS.compile(pattern);
    RE2JS.compile(anchored(pattern));
    return null;
  } catch (err) {
    if (err instanceof RE2JSException) return err.message;
    throw err;
  }
}

function anchored(pattern: string): string {
  return `^(?:${pattern})$`;
}

/** One matcher, compiled once: a series filter over thousands of series compiles each regex a single time. */
function predicate(m: LabelMatch): (labels: Record<string, string>) => boolean {
  if (m.op === '=') return (labels) => (labels[m.label] ?? '') === m.value;
  if (m.op === '!=') return (labels) => (labels[m.label] ?? '') !== m.value;
  const re = RE2JS.compile(anchored(m.value));
  const wanted = m.op === '=~';
  return (labels) => re.testExact(labels[m.label] ?? '') === wanted;
}

/**
 * A test of label sets against all `matchers` (an empty list selects everything). Throws an RE2JSException
 * for a regex `regexProblem` refuses; edges validate first, so stored and requested matchers always compile.
 */
export function labelFilter(matchers: readonly LabelMatch[]): (labels: Record<string, string>) => boolean {
  const tests = matchers.map(predicate);
  return (labels) => tests.every((test) => test(labels));
}
