/**
 * `vigil api <name>`: runs one of Vigil's API servers: `retrieval` (gRPC) or `sla` (REST).
 */
const servers: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  retrieval: () => import('../api/retrieval/server.ts'),
  sla: () => import('../api/sla/server.ts'),
};

export const API_SERVERS = Object.keys(servers);

export async function run(argv: string[]): Promise<number> {
  const [name] = argv;
  const load = name ? servers[name] : undefined;
  if (!load) {
    process.stderr.write(`usage: vigil api <${API_SERVERS.join('|')}>\n`);
    return 2;
  }
  await (await load()).run();
  return 0;
}
