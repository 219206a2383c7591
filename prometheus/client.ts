import { PrometheusDriver } from 'prometheus-query';
import { vigilFailure } from '../contracts/errors.ts';

/** prometheus-query normalises every failure to this shape (see its handleResponse). */
interface PromQueryError {
  status: 'error';
  errorType: string;
  error: string;
  httpStatus?: number;
}

function isPromQueryError(err: unknown): err is PromQueryError {
  return typeof err === 'object' && err !== null && (err as PromQueryError).status === 'error';
}

export function prometheusDriver(endpoint: string, timeoutMs = 30_000): PrometheusDriver {
  return new PrometheusDriver({ endpoint, baseURL: '/api/v1', timeout: timeoutMs, preferPost: true });
}

/**
 * Maps a Prometheus failure to Vigil's error set: a server that is down, slow or overloaded (network error,
 * timeout, 5xx, 429) is retryable; a query Prometheus rejects (4xx, bad_data) is not, since a retry sends the
 * same query.
 */
export function prometheusFailure(err: unknown, what: string): Error {
  if (isPromQueryError(err)) {
    const status = err.httpStatus;
    const retryable = status === undefined || status >= 500 || status === 429;
    const detail = `${what}: ${err.errorType}${status ? ` ${status}` : ''}: ${err.error}`;
    return vigilFailure(retryable ? 'PROMETHEUS_UNAVAILABLE' : 'PROMETHEUS_QUERY_FAILED', detail);
  }
  return vigilFailure('PROMETHEUS_UNAVAILABLE', `${what}: ${(err as Error)?.message ?? String(err)}`);
}
