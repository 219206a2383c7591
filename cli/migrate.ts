import { loadConfigOrExit } from '../config/index.ts';
import { applyMigrations } from '../drizzle/migrate.ts';

/**
 * `vigil migrate`: brings the storage schema (MYSQL_URL) up to the committed migrations. Safe to run any number
 * of times and from several processes at once; the storage worker runs the same at start.
 */
export async function run(argv: string[]): Promise<number> {
  if (argv.length > 0) {
    process.stderr.write('usage: vigil migrate\n');
    return 2;
  }
  const env = loadConfigOrExit();
  try {
    const { latest, applied } = await applyMigrations(env.MYSQL_URL);
    process.stdout.write(
      applied > 0
        ? `applied ${applied} migration(s); schema at ${latest}\n`
        : `schema already at ${latest}\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`vigil migrate: ${(err as Error).message}\n`);
    return 1;
  }
}
