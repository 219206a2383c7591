/** `vigil analyze` end to end, as a user runs it: `node bin/vigil.mjs analyze --input -` with JSON on stdin. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './reference.ts';

function vigil(args: string[], stdin = '') {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'vigil.mjs'), ...args], {
    input: stdin,
    encoding: 'utf8',
    cwd: repoRoot,
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const series = Array.from({ length: 180 }, (_, i) => ({
  t: new Date(Date.UTC(2024, 2, 11, 6, 13) + i * 60_000).toISOString(),
  v: 100 + 10 * Math.sin((2 * Math.PI * i) / 30) + (i % 7),
}));
/** Quick Holt-Winters settings: these tests are about the command, not the optimiser. */
const params = { decompose: { period: 30 }, holt_winters: { trend: 'add', seasonal: null } };

function expectNoStack(stderr: string) {
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('vigil analyze', () => {
  it('prints one report for one request read from stdin', () => {
    const { code, stdout, stderr } = vigil(['analyze', '--input', '-'], JSON.stringify({ series, params }));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report).sort()).toEqual(
      [
        'acf',
        'adf',
        'aggregates',
        'aggregates_resampled',
        'decompose',
        'forecast',
        'holt_winters',
        'hp',
      ].sort(),
    );
    expect(report.adf.nobs).toBeGreaterThan(0);
    expect(report.decompose.period).toBe(30);
  });

  it('prints an array of reports for an array of requests, read from a file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigil-analyze-'));
    const file = path.join(dir, 'requests.json');
    writeFileSync(file, JSON.stringify([{ series, params }, { series: series.slice(0, 5) }]));
    const { code, stdout } = vigil(['analyze', '--input', file]);
    expect(code).toBe(0);
    const reports = JSON.parse(stdout);
    expect(reports).toHaveLength(2);
    expect(reports[1].adf.error.code).toBe('TOO_FEW_POINTS');
  });

  it('reports degenerate series inside the report, with exit 0', () => {
    const constant = series.map((s) => ({ ...s, v: 7 }));
    const { code, stdout } = vigil(['analyze', '-i', '-'], JSON.stringify({ series: constant, params }));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).adf.error.code).toBe('CONSTANT_SERIES');
  });

  it('exits 2 with a clear message on invalid JSON', () => {
    const { code, stdout, stderr } = vigil(['analyze', '--input', '-'], '{"series": [');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('not valid JSON');
    expectNoStack(stderr);
  });

  it('exits 2 naming the offending key on invalid params', () => {
    const { code, stderr } = vigil(
      ['analyze', '--input', '-'],
      JSON.stringify([{ series }, { series, params: { hp: { lamda: 1 } } }]),
    );
    expect(code).toBe(2);
    expect(stderr).toContain('input[1].params.hp');
    expect(stderr).toContain('lamda');
    expectNoStack(stderr);
  });

  it('exits 2 on a missing --input, an unknown option or an unreadable file', () => {
    for (const args of [
      ['analyze'],
      ['analyze', '--input', '-', '--bogus'],
      ['analyze', '--input', '/nonexistent/x.json'],
    ]) {
      const { code, stderr } = vigil(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/^vigil analyze: /);
      expectNoStack(stderr);
    }
  });

  it('prints help', () => {
    const { code, stdout } = vigil(['analyze', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--input');
  });
});
