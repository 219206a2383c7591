import { defineConfig } from 'drizzle-kit';

/**
 * drizzle-kit only generates SQL migrations from drizzle/schema.ts (storage) and drizzle/sla-schema.ts (SLA
 * manager) (`npx drizzle-kit generate --name <what>`); they are committed and applied by `vigil migrate` / the storage worker at start. Never `drizzle-kit push`:
 * it trips on MariaDB's JSON CHECK constraints.
 */
export default defineConfig({
  dialect: 'mysql',
  schema: ['./drizzle/schema.ts', './drizzle/sla-schema.ts'],
  out: './drizzle/migrations',
});
