import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layering docs/architecture.md describes, checked on every source file: a room imports only rooms on lower
 * floors (or itself), never upward and never in a circle; workflow code imports activities as types only.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Floors as in docs/architecture.md ("Rooms and floors"): higher may import lower. */
const FLOOR: Record<string, number> = {
  analytics: 0,
  demo: 0,
  contracts: 1,
  sla: 2,
  drizzle: 2,
  prometheus: 3,
  notify: 3,
  config: 4,
  observability: 5,
  runtime: 6,
  activities: 6,
  workflows: 7,
  workers: 8,
  api: 8,
  cli: 9,
  scripts: 9,
  /** Test support (the harnesses the benchmarks reuse); test files themselves are not read. */
  test: 9,
  bench: 10,
  bin: 11,
};

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

const SKIP = new Set(['node_modules', 'test', '.vigil', '.tools', '.git', 'generated', 'build', 'wasm']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name) || e.name.startsWith('.')) return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs)$/.test(e.name) ? [path] : [];
  });
}

/** Relative imports (static, re-exports and dynamic) of one file, resolved to repository paths. */
function edgesOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const from = relative(ROOT, file);
  const found: Edge[] = [];
  const statics = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const m of text.matchAll(statics)) {
    found.push({ from, to: relative(ROOT, resolve(dirname(file), m[2]!)), typeOnly: Boolean(m[1]) });
  }
  for (const m of text.matchAll(/import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
    found.push({ from, to: relative(ROOT, resolve(dirname(file), m[1]!)), typeOnly: false });
  }
  return found;
}

const room = (path: string) => path.split('/')[0]!;
const rooms = Object.keys(FLOOR).filter((r) => {
  if (SKIP.has(r)) return false;
  try {
    return readdirSync(join(ROOT, r)).length > 0;
  } catch {
    return false;
  }
});
const edges = rooms.flatMap((r) => sourceFiles(join(ROOT, r))).flatMap(edgesOf);

describe('the import graph', () => {
  it('reads the tree (not vacuous)', () => {
    expect(rooms).toEqual(
      expect.arrayContaining(['analytics', 'contracts', 'activities', 'workflows', 'api']),
    );
    expect(edges.length).toBeGreaterThan(300);
  });

  it('every top-level folder with source code is a room on a floor', () => {
    const unknown = [...new Set(edges.map((e) => room(e.to)))].filter((r) => !(r in FLOOR));
    expect(unknown).toEqual([]);
  });

  it('has no arrow that runs up or sideways into another room', () => {
    const upward = edges
      .filter((e) => room(e.from) !== room(e.to) && FLOOR[room(e.to)]! >= FLOOR[room(e.from)]!)
      .map((e) => `${e.from} -> ${e.to}`);
    expect(upward).toEqual([]);
  });

  it('tsconfig.json type-checks every room', () => {
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] };
    expect(rooms.filter((r) => r !== 'bin' && !tsconfig.include.includes(r))).toEqual([]);
  });

  it('workflow code imports activities as types only', () => {
    const valueImports = edges
      .filter((e) => room(e.from) === 'workflows' && room(e.to) === 'activities' && !e.typeOnly)
      .map((e) => `${e.from} -> ${e.to}`);
    expect(valueImports).toEqual([]);
  });
});
