/**
 * What can go wrong with a retrieval request, as typed errors; status.ts is the one place that turns them (and
 * database errors) into gRPC status codes.
 */

/** A request field is missing, malformed or out of range; `field` is its path in the request, e.g. `runs.run_id`. */
export class InvalidArgument extends Error {
  override readonly name = 'InvalidArgument';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** The metric, series or run the request names is not stored. */
export class NotFound extends Error {
  override readonly name = 'NotFound';
}

/** What the request names exists but is in no state for this call, e.g. an SLA without objective. */
export class FailedPrecondition extends Error {
  override readonly name = 'FailedPrecondition';
}

/** The answer is being computed (an objective's minutes are being counted): the same call succeeds shortly. */
export class RetryShortly extends Error {
  override readonly name = 'RetryShortly';
}

/** A bearer token is required and the call carried none or a wrong one. */
export class Unauthenticated extends Error {
  override readonly name = 'Unauthenticated';
}

/** The call was cancelled by the client or ran past its deadline; nothing more is sent. */
export class CallEnded extends Error {
  override readonly name = 'CallEnded';
  constructor(readonly reason: 'cancelled' | 'deadline') {
    super(reason === 'deadline' ? 'deadline exceeded' : 'cancelled by the client');
  }
}
