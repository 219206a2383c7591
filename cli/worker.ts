/**
 * `vigil worker <role>`: runs one Temporal worker process. Roles are separate processes so that CPU-heavy
 * analysis never stalls workflow tasks, and each can be scaled on its own.
 */
const roles: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  pipeline: () => import('../workers/pipeline.ts'),
  analysis: () => import('../workers/analysis.ts'),
  storage: () => import('../workers/storage.ts'),
  sla: () => import('../workers/sla.ts'),
};

export const WORKER_ROLES = Object.keys(roles);

export async function run(argv: string[]): Promise<number> {
  const [role] = argv;
  const load = role ? roles[role] : undefined;
  if (!load) {
    process.stderr.write(`usage: vigil worker <${Object.keys(roles).join('|')}>\n`);
    return 2;
  }
  await (await load()).run();
  return 0;
}
