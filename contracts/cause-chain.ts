/**
 * Errors that wrap errors: Drizzle wraps the driver's error, a Temporal workflow failure wraps an activity failure
 * that wraps the reason, kafkajs wraps a broker's refusal in retry errors. One walk over such a chain, bounded
 * and safe against a cause that points back, for every place that looks past the outermost error. No imports:
 * workflow code may use it.
 */

/** A link of the chain, with whichever fields the caller looks for (errno, code, type, message). */
export type CauseLink = Record<string, unknown>;

/** The longest chain walked: real chains are two to four links deep. */
const MAX_LINKS = 8;

/** `err` and the causes it wraps, outermost first; only objects are links. */
export function causeChain(err: unknown): CauseLink[] {
  const chain: CauseLink[] = [];
  for (
    let e = err;
    typeof e === 'object' && e !== null && chain.length < MAX_LINKS;
    e = (e as CauseLink).cause
  ) {
    if (chain.includes(e as CauseLink)) break;
    chain.push(e as CauseLink);
  }
  return chain;
}

/** The outermost link for which `test` holds, if any. */
export function findCause(err: unknown, test: (link: CauseLink) => boolean): CauseLink | undefined {
  return causeChain(err).find(test);
}

/** The innermost error's message: usually the reason a user needs. */
export function rootMessage(err: unknown): string {
  const inner = causeChain(err)
    .filter((e) => e instanceof Error)
    .at(-1);
  return inner instanceof Error ? inner.message : String(err);
}

/** The outermost failure type in the chain (an ApplicationFailure's code, e.g. NOT_FOUND), if any. */
export function failureType(err: unknown): string | undefined {
  const typed = findCause(err, (e) => typeof e.type === 'string');
  return typed?.type as string | undefined;
}
