import type { FromSchema } from 'json-schema-to-ts';
import { formatDuration, parseDuration } from '../../contracts/duration.ts';
import { SLA_FOR, type SlaDefinition, type SlaMatcher } from '../../contracts/sla.ts';
import type { SlaFields } from '../../drizzle/repositories/slas.ts';
import { isRegexOp, regexProblem } from '../../prometheus/label-matchers.ts';
import { Unprocessable } from './errors.ts';
import type { slaBodySchema } from './schemas.ts';

/**
 * From request bodies (already schema-valid) to stored SLA fields and back: the checks a schema cannot express
 * (422) and the `for` duration's text form.
 */

/** A POST or PUT body after validation (defaults filled in): the schema's own type. */
export type SlaBody = FromSchema<typeof slaBodySchema>;

/**
 * A body whose bounds are not known to be valid yet: a PATCH merged into the stored SLA may have removed the only
 * bound, which toFields answers with a 422.
 */
export type SlaCandidate = Omit<SlaBody, 'min' | 'max'> & { min: number | null; max: number | null };

/** The longest `for` accepted: a week; past Prometheus's own retention a breach could never be seen that long. */
const MAX_FOR_SECONDS = 7 * 86_400;

/** The stored seconds as the shortest exact text: 300 → 5m, 90 → 90s, 7200 → 2h. */
export function formatFor(seconds: number): string {
  return formatDuration(seconds, SLA_FOR);
}

/** Prometheus runs RE2: a pattern it would refuse (lookarounds, backreferences) would break every query of the SLA. */
function checkMatchers(matchers: SlaMatcher[]): void {
  matchers.forEach((m, i) => {
    if (!isRegexOp(m.op)) return;
    const problem = regexProblem(m.value);
    if (problem !== null) {
      throw new Unprocessable(
        `matchers[${i}].value: ${JSON.stringify(m.value)} is not an RE2 regex (${problem})`,
      );
    }
  });
}

export function toFields(body: SlaCandidate): SlaFields {
  if (body.min === null && body.max === null) {
    throw new Unprocessable('an SLA needs a lower bound (min), an upper bound (max) or both');
  }
  if (body.min !== null && body.max !== null && body.min > body.max) {
    throw new Unprocessable(`min (${body.min}) is above max (${body.max})`);
  }
  const forSeconds = parseDuration(body.for, SLA_FOR);
  if (forSeconds === null)
    throw new Unprocessable(`for: ${JSON.stringify(body.for)} is not a duration like 5m`);
  if (forSeconds > MAX_FOR_SECONDS) throw new Unprocessable(`for must be at most ${MAX_FOR_SECONDS / 3600}h`);
  checkMatchers(body.matchers);
  const name = body.name.normalize('NFC');
  // NFC composes almost always, but a few characters decompose (U+0344 → two): keep within the column's 128.
  if ([...name].length > 128) throw new Unprocessable('name is longer than 128 characters in Unicode NFC');
  return {
    // One documented normalisation before the exact comparison: `é` precomposed and `e` + combining accent are
    // the same name to every reader, so they must be one SLA.
    name,
    description: body.description,
    metric: body.metric,
    matchers: body.matchers.map((m) => ({ label: m.label, op: m.op ?? '=', value: m.value })),
    min: body.min,
    max: body.max,
    forSeconds,
    objective: body.objective ?? null,
  };
}

/** The body an SLA would have been created with: PATCH merges into this and validates the result again. */
export function toBody(sla: SlaDefinition): SlaCandidate {
  return {
    name: sla.name,
    description: sla.description,
    metric: sla.metric,
    matchers: sla.matchers,
    min: sla.min,
    max: sla.max,
    for: formatFor(sla.forSeconds),
    objective: sla.objective,
  };
}

export function present(sla: SlaDefinition) {
  return { ...sla, for: formatFor(sla.forSeconds) };
}
