/**
 * `vigil analyze --input FILE|-`: reads one analysis request `{ series, params? }` or an array of them, prints one
 * JSON report per request (an array for an array) on stdout.
 *
 * Exit codes: 0 reports printed (analyses that could not run are error sections inside the report, not failures);
 * 2 unusable input (bad arguments, unreadable file, invalid JSON, a request that breaks the contract); 1 anything
 * unexpected. Messages go to stderr without stack traces.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type AnalysisReport, analyzeRequestSchema, analyzeSeries } from '../analytics/index.ts';
import { formatIssues } from '../analytics/params.ts';

const USAGE = `usage: vigil analyze --input FILE [--pretty]

  -i, --input FILE   JSON request, or an array of them; '-' reads standard input
      --pretty       indent the JSON output
  -h, --help         show this help

request: { "series": [{ "t": ISO-8601, "v": number | null }], "params": { adf, hp, acf, decompose,
           aggregates, holt_winters } }   (params and each key in it optional)
`;

/** Unusable input: exit 2. `usage` says whether the command line itself was wrong. */
class InputError extends Error {
  readonly usage: boolean;

  constructor(message: string, usage = false) {
    super(message);
    this.usage = usage;
  }
}

export async function run(argv: string[]): Promise<number> {
  try {
    let args: ReturnType<typeof parse>;
    try {
      args = parse(argv);
    } catch (err) {
      throw new InputError((err as Error).message, true);
    }
    if (args.values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const input = args.values.input;
    if (input === undefined) throw new InputError('--input is required', true);

    const text = await readInput(input);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new InputError(`${describe(input)} is not valid JSON: ${(err as Error).message}`);
    }

    const reports = Array.isArray(parsed)
      ? parsed.map((request, i) => analyzeOne(request, `[${i}]`))
      : analyzeOne(parsed, '');
    process.stdout.write(`${JSON.stringify(reports, null, args.values.pretty ? 2 : undefined)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof InputError) {
      process.stderr.write(`vigil analyze: ${err.message}\n${err.usage ? `\n${USAGE}` : ''}`);
      return 2;
    }
    process.stderr.write(
      `vigil analyze: internal error: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 1;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      input: { type: 'string', short: 'i' },
      pretty: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
}

function analyzeOne(request: unknown, where: string): AnalysisReport {
  const result = analyzeRequestSchema.safeParse(request);
  if (!result.success)
    throw new InputError(`invalid request: ${formatIssues(result.error, `input${where}`)}`);
  return analyzeSeries(result.data);
}

async function readInput(input: string): Promise<string> {
  try {
    if (input === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    return await readFile(input, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${describe(input)}: ${(err as Error).message}`);
  }
}

function describe(input: string): string {
  return input === '-' ? 'standard input' : input;
}
