import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { parseArgs, parseSeries, UsageError } from '../../../cli/retrieve/args.ts';
import { EXIT, exitCodeOf } from '../../../cli/retrieve/exit-codes.ts';
import { formatValue, plain, table } from '../../../cli/retrieve/format.ts';
import { parseChoice } from '../../../cli/retrieve/interactive.ts';
import { adfTable, seriesBudgetsTable, slosTable } from '../../../cli/retrieve/render.ts';

describe('vigil retrieve arguments', () => {
  it('builds the query of a subcommand', () => {
    const a = parseArgs([
      'adf',
      '--metric',
      'node_filesystem_free_bytes',
      '--series',
      'device=sda1,job!=demo,mountpoint=~/data.*,fstype!~tmpfs|ramfs',
      '--json',
    ]);
    expect(a.command).toBe('adf');
    expect(a.json).toBe(true);
    expect(a.query).toEqual({
      metric: 'node_filesystem_free_bytes',
      matchers: [
        { label: 'device', op: 'EQUAL', value: 'sda1' },
        { label: 'job', op: 'NOT_EQUAL', value: 'demo' },
        { label: 'mountpoint', op: 'MATCH_REGEX', value: '/data.*' },
        { label: 'fstype', op: 'NOT_MATCH_REGEX', value: 'tmpfs|ramfs' },
      ],
    });
    expect(parseArgs(['hp', '--metric=m', '--run', '42']).query.runs).toEqual({ run_id: 42 });
    expect(parseArgs(['acf', '--metric', 'm', '--from', '2026-01-01T00:00:00Z']).query.runs).toEqual({
      window_end: { from: { seconds: 1_767_225_600, nanos: 0 } },
    });
    expect(parseArgs([]).command).toBe('interactive');
    expect(parseArgs(['--help']).command).toBe('help');
  });

  it('rejects what a user can get wrong, naming it', () => {
    const bad = (argv: string[]) => {
      try {
        parseArgs(argv);
      } catch (err) {
        if (err instanceof UsageError) return err.message;
        throw err;
      }
      throw new Error('expected a UsageError');
    };
    expect(bad(['adf'])).toContain('--metric');
    expect(bad(['adff', '--metric', 'm'])).toContain('unknown subcommand');
    expect(bad(['adf', '--metric'])).toContain('--metric needs a value');
    expect(bad(['adf', '--metric', 'm', '--limit', '-3'])).toContain('--limit');
    expect(bad(['adf', '--metric', 'm', '--run', '1', '--from', '2026-01-01T00:00:00Z'])).toContain(
      'choose one',
    );
    expect(bad(['adf', '--metric', 'm', '--from', 'yesterday'])).toContain('--from');
    expect(bad(['adf', '--metric', 'm', '--bogus'])).toContain('unknown option');
    expect(bad(['adf', '--metric', 'm', '--address', 'nohost'])).toContain('--address');
    expect(() => parseSeries('device')).toThrow(UsageError);
    expect(() => parseSeries('')).toThrow(UsageError);
  });

  it('maps failures to exit codes that say what failed', () => {
    const grpc = (code: status) => Object.assign(new Error('x'), { code, details: 'x', metadata: {} });
    expect(exitCodeOf(new UsageError('x'))).toBe(EXIT.badArguments);
    expect(exitCodeOf(grpc(status.INVALID_ARGUMENT))).toBe(EXIT.badArguments);
    expect(exitCodeOf(grpc(status.NOT_FOUND))).toBe(EXIT.notFound);
    expect(exitCodeOf(grpc(status.UNAVAILABLE))).toBe(EXIT.unavailable);
    expect(exitCodeOf(grpc(status.DEADLINE_EXCEEDED))).toBe(EXIT.unavailable);
    expect(exitCodeOf(grpc(status.UNAUTHENTICATED))).toBe(EXIT.unauthorised);
    expect(exitCodeOf(grpc(status.INTERNAL))).toBe(EXIT.failed);
    expect(exitCodeOf(new Error('boom'))).toBe(EXIT.failed);
  });
});

describe('interactive choices', () => {
  it('accepts menu numbers and explains anything else', () => {
    expect(parseChoice(' 3 ', 7)).toEqual({ choice: 3 });
    expect(parseChoice('', 7)).toHaveProperty('problem');
    expect(parseChoice('abc', 7)).toHaveProperty('problem');
    expect(parseChoice('0', 7)).toHaveProperty('problem');
    expect(parseChoice('8', 7)).toHaveProperty('problem');
    expect(parseChoice('2.5', 7)).toHaveProperty('problem');
    expect(parseChoice('\u001b[A', 7)).toHaveProperty('problem');
  });
});

describe('output formatting', () => {
  it('keeps byte counts exact and marks absent values', () => {
    expect(formatValue(16_647_192_576.123)).toBe('16647192576.1');
    expect(formatValue(16_647_192_576)).toBe('16647192576');
    expect(formatValue(3.4e-13)).toBe('3.400000e-13');
    expect(formatValue(undefined)).toBe('-');
    expect(formatValue(true)).toBe('yes');
  });

  it('aligns tables, numbers to the right', () => {
    expect(
      table(
        ['name', 'n'],
        [
          ['a', 1],
          ['bbb', 22],
        ],
      ),
    ).toBe('name   n\n----  --\na      1\nbbb   22\n');
  });

  it('JSON output drops loader artefacts and writes ISO timestamps', () => {
    expect(
      plain({ adf: { icbest: 1, _icbest: 'icbest' }, outcome: 'adf', at: { seconds: 1, nanos: 5_000_000 } }),
    ).toEqual({
      adf: { icbest: 1 },
      at: '1970-01-01T00:00:01.005Z',
    });
  });
});

describe('ADF table', () => {
  const run = (id: number) => ({
    run_id: id,
    cycle_id: 'c',
    series: null,
    window_start: null,
    window_end: null,
  });
  it('keeps a failed run to its error code in the table and prints the message below it', () => {
    const message = 'maxlag must be less than (nobs/2 - 1 - ntrend) '.repeat(3).trim();
    const out = adfTable({
      results: [
        { run: run(1), error: { section: 'adf', code: 'TOO_FEW_POINTS', message } },
        {
          run: run(2),
          adf: {
            statistic: -4.1,
            pvalue: 0.0009,
            used_lag: 0,
            nobs: 1440,
            critical_1pct: -3.43,
            critical_5pct: -2.86,
            critical_10pct: -2.57,
            stationary: true,
          },
        },
      ],
      next_page_token: '',
    });
    const lines = out.trimEnd().split('\n');
    expect(lines[2]).toMatch(/ error TOO_FEW_POINTS( |$)/);
    expect(lines[3]).toMatch(/-4\.1\s+0\.0009/);
    expect(lines[4]).toBe(`  run 1: TOO_FEW_POINTS: ${message}`);
    // The message does not widen the table: the header is no wider than the longest real cell needs.
    expect(lines[0]!.length).toBeLessThan(message.length);
  });
});

describe('SLO listing', () => {
  it('needs no metric and takes --limit and --page-token', () => {
    const a = parseArgs(['slos', '--limit', '5', '--page-token', 'abc']);
    expect(a.command).toBe('slos');
    expect(a.query).toMatchObject({ limit: 5, page_token: 'abc' });
  });

  it('shows remaining budget, firing alerts and staleness per objective', () => {
    const budget = {
      budget_remaining_percent: 12.5,
      compliance: 0.9987,
      burn_rates: [{ window: '1h', rate: 14.5 }],
      alerts: [
        { name: 'page-fast', state: 'FIRING' },
        { name: 'ticket', state: 'OK' },
      ],
      at: { seconds: 1_767_225_600, nanos: 0 },
    };
    const out = slosTable({
      slos: [{ sla_id: 3, name: 'fd', metric: 'm', stale: false, budget }],
      next_page_token: '',
    } as unknown as Parameters<typeof slosTable>[0]);
    const row = out.trimEnd().split('\n')[2]!;
    expect(row.trim().split(/\s{2,}/)).toEqual([
      '3',
      'fd',
      '12.5',
      '0.9987',
      '14.5',
      'page-fast',
      '2026-01-01T00:00:00Z',
      'no',
    ]);
  });
});

describe('series budgets', () => {
  it('needs --sla, a positive id, and no metric', () => {
    const a = parseArgs(['series-budgets', '--sla', '7', '--limit', '20']);
    expect(a).toMatchObject({ command: 'series-budgets', slaId: 7, query: { limit: 20 } });
    expect(() => parseArgs(['series-budgets'])).toThrow(/series-budgets needs --sla ID/);
    expect(() => parseArgs(['series-budgets', '--sla', '0'])).toThrow(/--sla: SLA ids start at 1/);
    expect(() => parseArgs(['series-budgets', '--sla', 'x'])).toThrow(
      /--sla: "x" is not a non-negative integer/,
    );
  });

  it('shows each series with its remaining budget, bad minutes and burn rates', () => {
    const out = seriesBudgetsTable({
      series: [
        {
          labels: { host: 'h4', job: 'node' },
          budget_remaining_percent: -512.5,
          events_bad: 61,
          compliance: 0.9939,
          burn_rates: [
            { window: '1h', rate: 100 },
            { window: '6h', rate: 16.9 },
          ],
          exhaustion_at_1h: { seconds: 1_767_225_600, nanos: 0 },
          at: { seconds: 1_767_225_600, nanos: 0 },
        },
      ],
      next_page_token: '',
    } as unknown as Parameters<typeof seriesBudgetsTable>[0]);
    const [header, , row] = out.trimEnd().split('\n');
    expect(header).toMatch(/^series\s+remaining %\s+bad minutes/);
    expect(
      row!
        .trim()
        .split(/\s{2,}/)
        .slice(0, 6),
    ).toEqual(['host=h4,job=node', '-512.5', '61', '0.9939', '100', '16.9']);
  });
});
