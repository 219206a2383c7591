/**
 * Loading of statsmodels reference data (the six reference cases and the other generated fixtures, all under
 * test/fixtures, made by scripts/reference) and the tolerances of ALGORITHMS.md, shared by the parity tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The six reference cases, computed by scripts/reference/generate_cases.py. */
export const casesDir = path.resolve(repoRoot, 'test', 'fixtures', 'cases');
export const fixturesDir = path.resolve(repoRoot, 'test', 'fixtures', 'analytics');

export interface Sample {
  t: string;
  v: number | null;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function jsonFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f.startsWith(prefix))
    .sort()
    .map((f) => path.join(dir, f));
}

export function maxAbs(x: readonly number[]): number {
  let m = 0;
  for (const v of x) m = Math.max(m, Math.abs(v));
  return m;
}

/** |a − e| ≤ max(rel·|e|, absFloor), with a readable failure message. */
export function expectClose(
  actual: number | null,
  expected: number | null,
  rel: number,
  absFloor: number,
  what: string,
) {
  if (expected === null || actual === null) {
    expect(actual, what).toBe(expected);
    return;
  }
  const err = Math.abs(actual - expected);
  const tol = Math.max(rel * Math.abs(expected), absFloor);
  if (!(err <= tol)) {
    expect.fail(`${what}: got ${actual}, expected ${expected} (|diff| ${err} > tol ${tol})`);
  }
}

/**
 * Element-wise |a − e| ≤ 1e-6·|e| + 1e-9·max|x| (HP and decomposition tolerance; the absolute floor covers the
 * components that are small relative to the series). Nulls must match exactly.
 */
export function expectSeriesClose(
  actual: readonly (number | null)[],
  expected: readonly (number | null)[],
  scale: number,
  what: string,
) {
  expect(actual.length, `${what} length`).toBe(expected.length);
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] ?? null;
    const e = expected[i] ?? null;
    if ((a === null) !== (e === null)) expect.fail(`${what}[${i}]: got ${a}, expected ${e}`);
    if (a === null || e === null) continue;
    const ratio = Math.abs(a - e) / (1e-6 * Math.abs(e) + 1e-9 * scale);
    if (ratio > worst) {
      worst = ratio;
      worstAt = i;
    }
  }
  if (worst > 1) {
    expect.fail(
      `${what}[${worstAt}]: got ${actual[worstAt]}, expected ${expected[worstAt]} (${worst}× tolerance)`,
    );
  }
}

export interface AdfExpected {
  statistic: number;
  pvalue: number;
  usedlag: number;
  nobs: number;
  critical: Record<'1%' | '5%' | '10%', number>;
  icbest: number | null;
}

/** ADF tolerances (case files): statistic rel 1e-6 (abs 1e-9), p-value rel 1e-6 (abs 1e-15), lag/nobs exact,
 * critical values rel 1e-9; icbest like the statistic. */
export function expectAdfClose(actual: AdfExpected, expected: AdfExpected, what: string) {
  expect(actual.usedlag, `${what} usedlag`).toBe(expected.usedlag);
  expect(actual.nobs, `${what} nobs`).toBe(expected.nobs);
  expectClose(actual.statistic, expected.statistic, 1e-6, 1e-9, `${what} statistic`);
  expectClose(actual.pvalue, expected.pvalue, 1e-6, 1e-15, `${what} pvalue`);
  for (const level of ['1%', '5%', '10%'] as const) {
    expectClose(actual.critical[level], expected.critical[level], 1e-9, 0, `${what} critical ${level}`);
  }
  expectClose(actual.icbest, expected.icbest, 1e-6, 1e-9, `${what} icbest`);
}

/** Aggregates: rel 1e-12 with an absolute floor of 1e-9·max|x|; nulls (pandas NaN) must match. */
export function expectStatsClose(
  actual: Record<string, number | null>,
  expected: Record<string, number | null>,
  scale: number,
  what: string,
) {
  for (const [key, e] of Object.entries(expected)) {
    const a = actual[key] ?? null;
    if (key === 'count' || key === 'n_buckets' || key === 'n_nonempty') expect(a, `${what}.${key}`).toBe(e);
    else expectClose(a, e, 1e-12, 1e-9 * scale, `${what}.${key}`);
  }
}
