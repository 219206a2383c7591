export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('vigil analyze: not implemented yet\n');
  return 1;
}
