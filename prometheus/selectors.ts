import type { LabelMatch } from '../contracts/label-matcher.ts';

/**
 * PromQL written from data: selectors of a metric and its matchers, with every label value quoted, so no value a
 * user stores can change the query's meaning (`x"} or vector(1)` stays a label value).
 */

/** `label=~"value"`, as PromQL writes a matcher (the value quoted as a JSON string, which PromQL reads alike). */
export function formatMatcher(m: LabelMatch): string {
  return `${m.label}${m.op}${JSON.stringify(m.value)}`;
}

/** RE2 metacharacters: a label value escaped with these matches only itself inside `=~`. */
const RE2_SPECIAL = /[\\.+*?()|[\]{}^$]/g;

/** A regex matching exactly `value`, for an alternation of label values inside `=~`. */
export function regexLiteral(value: string): string {
  return value.replace(RE2_SPECIAL, '\\$&');
}

/** The instant-vector selector of a catalog entry, e.g. `node_filefd_allocated{job=~"host|demo"}`. */
export function selector(metric: string, matchers: readonly LabelMatch[]): string {
  return `${metric}{${matchers.map(formatMatcher).join(',')}}`;
}

/** The selector of exactly one series: every label of it, matched for equality. */
export function seriesSelector(metric: string, labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => formatMatcher({ label: k, op: '=', value: labels[k]! }));
  return `${metric}{${parts.join(',')}}`;
}

/** A plain instant-vector selector read back into data; `problem` says why the text is not one. */
export type ParsedSelector = { metric: string; matchers: LabelMatch[] } | { problem: string };

const METRIC = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const OP = /=~|!~|!=|=/y;
const SPACE = /[ \t\r\n]*/y;
const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};
interface CodeEscape {
  digits: number;
  radix: number;
  pattern: RegExp;
  max: number;
}
const HEX = /^[0-9a-fA-F]+$/;
/** Escapes of a code point: \x and octal name one byte (only ASCII is a whole character), \u and \U a rune. */
const CODE_ESCAPES: Record<string, CodeEscape> = {
  x: { digits: 2, radix: 16, pattern: HEX, max: 0x7f },
  u: { digits: 4, radix: 16, pattern: HEX, max: 0x10ffff },
  U: { digits: 8, radix: 16, pattern: HEX, max: 0x10ffff },
};
const OCTAL_ESCAPE: CodeEscape = { digits: 3, radix: 8, pattern: /^[0-7]+$/, max: 0x7f };

class SelectorSyntax extends Error {}

/**
 * `metric{label="value",…}` read back into its metric and matchers: the inverse of `selector`, and exactly the
 * PromQL it accepts (the lexer's string literals: "…" and '…' with Go escapes, `…` raw; a trailing comma; any
 * spacing). Anything else (functions, operators, ranges, offsets, `{…}` without a metric name) is a problem,
 * so a stored SLA is always a selector Vigil can evaluate itself.
 */
export function parseSelector(text: string): ParsedSelector {
  let at = 0;
  const take = (re: RegExp): string | null => {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return null;
    at = re.lastIndex;
    return m[0];
  };
  const fail = (what: string): never => {
    throw new SelectorSyntax(`${what} at offset ${at}: only a selector metric{label="value",…} is supported`);
  };
  try {
    take(SPACE);
    const metric = take(METRIC) ?? fail('expected a metric name');
    take(SPACE);
    const matchers: LabelMatch[] = [];
    if (text[at] === '{') {
      at++;
      for (take(SPACE); text[at] !== '}'; take(SPACE)) {
        const label = take(LABEL) ?? fail('expected a label name');
        take(SPACE);
        const op = (take(OP) ?? fail('expected =, !=, =~ or !~')) as LabelMatch['op'];
        take(SPACE);
        const [value, end] = stringLiteral(text, at);
        at = end;
        matchers.push({ label, op, value });
        take(SPACE);
        if (text[at] === ',') at++;
        else if (text[at] !== '}') fail('expected , or }');
      }
      at++;
      take(SPACE);
    }
    if (at < text.length) fail(`unexpected ${JSON.stringify(text[at])}`);
    return { metric, matchers };
  } catch (err) {
    if (err instanceof SelectorSyntax) return { problem: err.message };
    throw err;
  }
}

/** The string literal at `start` and the offset after it, as the PromQL lexer and strutil.Unquote read it. */
function stringLiteral(text: string, start: number): [string, number] {
  const quote = text[start];
  if (quote === '`') {
    const end = text.indexOf('`', start + 1);
    if (end < 0) throw new SelectorSyntax(`unterminated raw string at offset ${start}`);
    // Go drops carriage returns from raw strings.
    return [text.slice(start + 1, end).replaceAll('\r', ''), end + 1];
  }
  if (quote !== '"' && quote !== "'") throw new SelectorSyntax(`expected a quoted value at offset ${start}`);
  let value = '';
  for (let i = start + 1; i < text.length; ) {
    const c = text[i]!;
    if (c === quote) return [value, i + 1];
    if (c === '\n') break;
    if (c !== '\\') {
      value += c;
      i++;
      continue;
    }
    const [decoded, next] = escapeSequence(text, i + 1, quote);
    value += decoded;
    i = next;
  }
  throw new SelectorSyntax(`unterminated string at offset ${start}`);
}

/** The escape after a backslash at `i`: its text and the offset after it (Go's rules, PromQL's lexEscape). */
function escapeSequence(text: string, i: number, quote: string): [string, number] {
  const c = text[i] ?? '';
  if (c === quote) return [quote, i + 1];
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return [simple, i + 1];
  const octal = c >= '0' && c <= '7';
  const code = octal ? OCTAL_ESCAPE : CODE_ESCAPES[c];
  if (!code) throw new SelectorSyntax(`unknown escape \\${c} at offset ${i - 1}`);
  const from = octal ? i : i + 1;
  const digits = text.slice(from, from + code.digits);
  const n =
    digits.length === code.digits && code.pattern.test(digits) ? Number.parseInt(digits, code.radix) : -1;
  if (n < 0 || n > code.max || (n >= 0xd800 && n < 0xe000)) {
    throw new SelectorSyntax(`escape \\${text.slice(i, from + code.digits)} is not a Unicode character`);
  }
  return [String.fromCodePoint(n), from + code.digits];
}

/**
 * The range holding exactly the last `minutes` one-minute evaluations up to the evaluation time, e.g. `[Ns]` in a
 * rule or `[Ns:1m]` in a subquery: on Prometheus 2.x a range includes both of its ends, so `[Nm]` would also take
 * the sample N minutes back (N + 1 of them). Any range strictly between N − 1 and N minutes takes N whatever the
 * offset within the minute (rule evaluations are exactly one interval apart; subquery steps are aligned to the
 * minute); half a minute short keeps clear of both ends (and of 3.x, which leaves the lower end out).
 */
export function lastMinutesRange(minutes: number): string {
  return `${minutes * 60 - 30}s`;
}
