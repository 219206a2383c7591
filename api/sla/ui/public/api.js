/**
 * The REST API as the dashboard reads it: same origin, JSON, and the bearer token the user gave (kept for the tab's
 * session only) when this server does not open reads to everyone. The dashboard only reads.
 */

const TOKEN_KEY = 'vigil-token';

export class HttpError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export function setToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export async function get(path, signal) {
  const headers = { accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(path, { headers, signal });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new HttpError(res.status, body);
  return body;
}

/** `fn` over `items`, at most `limit` at a time (the server bounds its on-demand checks too), in order. */
export async function pool(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Every page of a list route that answers `{ items, next }`. */
export async function all(path, cursorParam, signal) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get(cursor === null ? path : `${path}${sep}${cursorParam}=${cursor}`, signal);
    items.push(...page.items);
    cursor = page.next;
  } while (cursor !== null && cursor !== undefined);
  return items;
}

/** A link to one workflow in the Temporal Web UI. */
export function workflowLink(config, workflowId, runId) {
  const ns = encodeURIComponent(config.namespace);
  const id = encodeURIComponent(workflowId);
  return `${config.temporalUiUrl}/namespaces/${ns}/workflows/${id}${runId ? `/${encodeURIComponent(runId)}` : ''}/history`;
}
