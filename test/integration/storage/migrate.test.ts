import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../../drizzle/migrate.ts';
import { testEnv } from '../../support/env.ts';

const env = testEnv();
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

describe('vigil migrate', () => {
  it('brings the schema to the latest migration, concurrently and repeatedly', async () => {
    const latest = (
      JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
        entries: { tag: string }[];
      }
    ).entries.at(-1)!.tag;
    const migrate = () =>
      run(process.execPath, ['bin/vigil.mjs', 'migrate'], {
        cwd: ROOT,
        env: { ...process.env, MYSQL_URL: env.MYSQL_URL },
      });
    // Two processes at once (two storage workers starting together): the named lock serialises them.
    const both = await Promise.all([migrate(), migrate()]);
    for (const { stdout } of both)
      expect(stdout).toMatch(new RegExp(`(applied \\d+ migration\\(s\\); )?schema (already )?at ${latest}`));
    expect((await migrate()).stdout).toBe(`schema already at ${latest}\n`);
  });
});
