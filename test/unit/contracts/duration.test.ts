import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DURATION as FOR_PATTERN } from '../../../api/sla/schemas.ts';
import {
  DURATION,
  type DurationGrammar,
  durationPattern,
  formatDuration,
  parseDuration,
} from '../../../contracts/duration.ts';
import { SLA_FOR } from '../../../contracts/sla.ts';

/** Strings near the grammar: digits and unit letters mostly, with some of everything else. */
const nearDuration = fc.oneof(
  fc.stringMatching(/^[0-9]{0,9}[smhdw ]?$/),
  fc.string({
    unit: fc.constantFrom('0', '1', '9', 's', 'm', 'h', 'd', '-', '.', ' ', '٣', 'x'),
    maxLength: 10,
  }),
  fc.string(),
);

function agree(pattern: string, grammar: DurationGrammar) {
  const re = new RegExp(pattern);
  fc.assert(
    fc.property(nearDuration, (text) => {
      expect(parseDuration(text, grammar) !== null).toBe(re.test(text));
    }),
    { numRuns: 2000 },
  );
}

describe('durations', () => {
  it('parse to seconds in every unit', () => {
    expect(['90s', '5m', '2h', '1d', '0s'].map((t) => parseDuration(t))).toEqual([90, 300, 7200, 86_400, 0]);
    for (const bad of ['', 's', '1w', '1.5h', '-1s', ' 5m', '5m ', '5M', '1h30m']) {
      expect(parseDuration(bad)).toBeNull();
    }
  });

  it('narrow to the units and digits a field accepts', () => {
    expect(parseDuration('1d', SLA_FOR)).toBeNull();
    expect(parseDuration('9999999s', SLA_FOR)).toBe(9_999_999);
    expect(parseDuration('10000000s', SLA_FOR)).toBeNull();
  });

  it('format as the shortest exact text', () => {
    expect([0, 90, 300, 7200, 86_400].map((s) => formatDuration(s, SLA_FOR))).toEqual([
      '0s',
      '90s',
      '5m',
      '2h',
      '24h',
    ]);
    expect(formatDuration(86_400)).toBe('1d');
  });

  it("the SLA schema's `for` pattern and the parser accept and refuse the same strings", () => {
    expect(FOR_PATTERN).toBe(durationPattern(SLA_FOR));
    agree(FOR_PATTERN, SLA_FOR);
  });

  it('the configuration pattern and the parser accept and refuse the same strings', () => {
    agree(durationPattern(DURATION), DURATION);
    agree(durationPattern({ units: ['s', 'm', 'h'] }), { units: ['s', 'm', 'h'] });
  });
});
