/**
 * The test stack's Alertmanager (scripts/servers/alertmanager.sh), read through its API v2: what Vigil's
 * notifications delivered is checked where a real receiver would see it, not in a mock.
 */

/** One alert as GET /api/v2/alerts returns it (Alertmanager's `gettableAlert`). */
export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  /** For an alert posted without one: the time it resolves unless re-sent (resolve_timeout, 5 min). */
  endsAt: string;
  updatedAt: string;
  fingerprint: string;
  generatorURL?: string;
  receivers: { name: string }[];
  status: { state: 'unprocessed' | 'active' | 'suppressed'; silencedBy: string[]; inhibitedBy: string[] };
}

/** Alertmanager's own query flags; each defaults to true on the server. Resolved alerts are never listed. */
export interface AlertQueryFlags {
  active?: boolean;
  silenced?: boolean;
  inhibited?: boolean;
  unprocessed?: boolean;
}

export function alertmanagerUrl(): string {
  const url = process.env.ALERTMANAGER_URL;
  if (!url) {
    throw new Error(
      'ALERTMANAGER_URL is not set: start the test stack and export its environment ' +
        '(`VIGIL_PROFILE=test bash scripts/stack.sh up && eval "$(VIGIL_PROFILE=test bash scripts/stack.sh env)"`), ' +
        'or run the tests with `npm test`',
    );
  }
  return url.replace(/\/+$/, '');
}

/** A label value inside a matcher's double quotes: Alertmanager unescapes \" and \\. */
function quoted(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * The alerts Alertmanager holds now, optionally only those whose labels equal every entry of `filter` (one
 * `filter=name="value"` matcher per entry, all of which must match).
 */
export async function alertsInAlertmanager(
  filter: Record<string, string> = {},
  flags: AlertQueryFlags = {},
): Promise<AlertmanagerAlert[]> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) query.append('filter', `${name}=${quoted(value)}`);
  for (const [flag, on] of Object.entries(flags)) if (on !== undefined) query.append(flag, String(on));
  const url = `${alertmanagerUrl()}/api/v2/alerts${query.size > 0 ? `?${query}` : ''}`;
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as AlertmanagerAlert[];
}
