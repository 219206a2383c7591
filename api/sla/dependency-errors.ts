import { classifyDbError } from '../../drizzle/errors.ts';
import { type ApiProblem, Unavailable, Unprocessable } from './errors.ts';

/**
 * Failures of the SLA manager's dependencies, mapped once for every route by the problem plugin: routes call
 * repositories and Prometheus directly and never wrap them.
 * - Prometheus calls (activities/prometheus) raise Vigil's typed failures: a server that is down or slow is a
 *   503; a query Prometheus rejects (e.g. a regex RE2 does not accept) is the SLA's fault, a 422.
 * - A MySQL server that is away or busy is a 503 (the client may retry); any other database error stays a 500
 *   whose details go to the log.
 * Temporal's failures are the violations route's own: they carry the workflow id the client needs.
 */
export function dependencyProblem(err: unknown): ApiProblem | undefined {
  const type = (err as { type?: unknown } | undefined)?.type;
  if (type === 'PROMETHEUS_UNAVAILABLE') {
    return new Unavailable(`Prometheus is unavailable (${(err as Error).message})`);
  }
  if (type === 'PROMETHEUS_QUERY_FAILED') {
    return new Unprocessable(`Prometheus refused the query (${(err as Error).message})`);
  }
  const db = classifyDbError(err);
  if (db.kind === 'transient') return new Unavailable(`MySQL is unavailable (${db.code})`);
  return undefined;
}
