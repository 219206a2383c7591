import { RetrievalClient } from '../api/retrieval/client.ts';
import { loadConfigOrExit } from '../config/index.ts';
import { parseArgs, UsageError, usage } from './retrieve/args.ts';
import { runSubcommand } from './retrieve/commands.ts';
import { describe, EXIT, exitCodeOf } from './retrieve/exit-codes.ts';
import { interactive } from './retrieve/interactive.ts';

/**
 * `vigil retrieve`: the retrieval client. Without a subcommand, the interactive menu; with one, a single call
 * for scripts. Exit codes: 0 ok, 1 other failure, 2 bad arguments, 3 not found, 4 server unavailable,
 * 5 not authorised. Errors are one line on stderr, never a stack trace.
 */
export async function run(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`vigil retrieve: ${err.message}\n\n${usage()}`);
    return EXIT.badArguments;
  }
  if (args.command === 'help') {
    process.stdout.write(usage());
    return EXIT.ok;
  }
  const env = loadConfigOrExit();
  const client = new RetrievalClient({
    address: args.connection.address ?? `${env.VIGIL_HOST}:${env.VIGIL_GRPC_PORT}`,
    token: env.VIGIL_API_TOKEN,
    tls: args.connection.tls,
    caFile: env.VIGIL_GRPC_TLS_CA,
  });
  // `vigil retrieve … | head` closes stdout early: that is the reader being done, not a failure.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT.ok);
    throw e;
  });
  const out = (text: string) => process.stdout.write(text);
  const err = (text: string) => process.stderr.write(text);
  try {
    if (args.command === 'interactive') return await interactive(client, { input: process.stdin, out });
    return await runSubcommand(client, args, { out, err, progressStream: process.stderr });
  } catch (e) {
    err(`vigil retrieve: ${describe(e)}\n`);
    return exitCodeOf(e);
  } finally {
    client.close();
  }
}
