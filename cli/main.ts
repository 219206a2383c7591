/**
 * `vigil` command dispatcher. Each subcommand lives in its own module and is loaded on demand, so
 * `vigil analyze` never pays for the Temporal or Kafka clients.
 */
type Command = { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> };

const commands: Record<string, Command> = {
  api: { summary: 'run an API server: retrieval (gRPC) | sla (REST)', load: () => import('./api.ts') },
  analyze: { summary: 'analyze series from a JSON file or stdin', load: () => import('./analyze.ts') },
  demo: {
    summary: 'backfill realistic demo history into the local Prometheus',
    load: () => import('./demo.ts'),
  },
  pipeline: {
    summary: 'run one pipeline cycle now: vigil pipeline run [--metric NAME]',
    load: () => import('./pipeline.ts'),
  },
  migrate: { summary: 'apply the storage schema migrations (MYSQL_URL)', load: () => import('./migrate.ts') },
  retrieve: {
    summary:
      'query the retrieval server: interactive menu, or adf | decomposition | hp | acf | … for scripts',
    load: () => import('./retrieve.ts'),
  },
  worker: {
    summary: 'run a Temporal worker: pipeline | analysis | storage | sla',
    load: () => import('./worker.ts'),
  },
};

/** The subcommands `vigil` knows; the docker-compose test checks every service's command against them. */
export const COMMAND_NAMES = Object.keys(commands);

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return `usage: vigil <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`vigil: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}
