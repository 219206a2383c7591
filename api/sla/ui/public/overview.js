import { all, get, HttpError, pool } from './api.js';
import { h, num, percent, stateBadge } from './format.js';

/**
 * Every SLA at a glance: state (ok, pending, firing; absent when no series has a sample), value now (of the worst
 * series), violation intervals over 1h/3h/12h and the remaining error budget where there is an objective. Sortable
 * by any column, refreshed every minute. The on-demand violation checks run for the rows shown only (a page of
 * 50), a few at a time; identical checks within a minute are answered from Temporal's stored result. Each state is
 * a status request (Prometheus queries on the server), so beyond EAGER_STATUS SLAs only the rows shown ask for it:
 * a fleet of thousands of SLAs costs a page of requests a minute per open dashboard, not thousands; state and value
 * then sort the SLAs whose state has been loaded.
 */

const REFRESH_MS = 60_000;
const PAGE = 50;
const WINDOWS = ['1h', '3h', '12h'];
const STATE_RANK = { firing: 0, pending: 1, ok: 2, absent: 3, unknown: 4 };
const EAGER_STATUS = 200;

const COLUMNS = [
  { key: 'name', label: 'SLA', value: (r) => r.sla.name.toLowerCase() },
  { key: 'state', label: 'State', value: (r) => STATE_RANK[r.state] },
  { key: 'value', label: 'Value now', num: true, value: (r) => r.value },
  ...WINDOWS.map((w) => ({
    key: `v${w}`,
    label: `Violations ${w}`,
    num: true,
    value: (r) => r.violations[w]?.intervals,
  })),
  { key: 'budget', label: 'Budget left', num: true, value: (r) => r.budget },
];

async function statusOf(sla, signal) {
  try {
    const s = await get(`/slas/${sla.id}/status?limit=1&samples=1`, signal);
    if (s.total === 0) return { state: 'absent', value: null };
    return { state: s.state, value: s.series[0]?.value ?? null };
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) throw err;
    return { state: 'unknown', value: null, error: err.message };
  }
}

async function violationsOf(sla, window, signal) {
  try {
    const v = await get(`/slas/${sla.id}/violations?window=${window}&limit=1`, signal);
    return { intervals: v.totals.intervals, minutes: v.totals.violatingMinutes };
  } catch (err) {
    return { intervals: undefined, error: err.message };
  }
}

export async function renderOverview(view, _params, signal) {
  const sort = { key: 'state', dir: 1 };
  let rows = [];
  let page = 0;
  let refreshedAt = null;
  const table = h('table', { id: 'sla-table' });
  const status = h('span', { role: 'status' });
  const auto = h('input', { type: 'checkbox', id: 'auto-refresh', checked: true });
  const pager = h('div', { class: 'toolbar' });

  const filter = h('input', {
    type: 'search',
    id: 'sla-filter',
    placeholder: 'name or metric',
    oninput: () => {
      page = 0;
      draw();
      loadShown();
    },
  });

  const sorted = () => {
    const col = COLUMNS.find((c) => c.key === sort.key);
    const text = filter.value.trim().toLowerCase();
    const shown = text
      ? rows.filter(
          (r) => r.sla.name.toLowerCase().includes(text) || r.sla.metric.toLowerCase().includes(text),
        )
      : rows;
    return [...shown].sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      if (x === y) return a.sla.id - b.sla.id;
      if (x === undefined || x === null) return 1;
      if (y === undefined || y === null) return -1;
      if (typeof x === 'string') return x.localeCompare(y) * sort.dir;
      return (x < y ? -1 : 1) * sort.dir;
    });
  };

  const draw = () => {
    const list = sorted();
    const shown = list.slice(page * PAGE, (page + 1) * PAGE);
    const head = h(
      'tr',
      {},
      COLUMNS.map((c) =>
        h(
          'th',
          {
            scope: 'col',
            class: c.num ? 'num' : null,
            'aria-sort': sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : null,
          },
          h(
            'button',
            {
              type: 'button',
              onclick: () => {
                sort.dir = sort.key === c.key ? -sort.dir : 1;
                sort.key = c.key;
                draw();
              },
            },
            c.label,
            sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : '',
          ),
        ),
      ),
    );
    const body = shown.map((r) =>
      h(
        'tr',
        { dataset: { slaId: String(r.sla.id), state: r.state ?? '' } },
        h(
          'th',
          { scope: 'row' },
          h('a', { href: `#/sla/${r.sla.id}` }, r.sla.name),
          h('div', { class: 'muted' }, r.sla.metric),
        ),
        h('td', { class: 'state-cell' }, r.state === undefined ? '…' : stateBadge(r.state)),
        h('td', { class: 'num' }, num(r.value)),
        WINDOWS.map((w) => {
          const v = r.violations[w];
          return h(
            'td',
            {
              class: 'num',
              dataset: { window: w },
              title: v?.minutes === undefined ? null : `${v.minutes} violating minutes`,
            },
            v?.intervals === undefined ? (v?.error ? '—' : '…') : String(v.intervals),
          );
        }),
        h(
          'td',
          { class: 'num budget', dataset: { budget: r.budget === null ? '' : String(r.budget) } },
          r.sla.objective ? percent(r.budget) : h('span', { class: 'muted' }, 'no objective'),
        ),
      ),
    );
    table.replaceChildren(
      h(
        'caption',
        {},
        (list.length === rows.length ? `${rows.length} SLAs` : `${list.length} of ${rows.length} SLAs`) +
          (rows.length > EAGER_STATUS ? ' (states of the pages viewed)' : ''),
      ),
      h('thead', {}, head),
      h('tbody', {}, body),
    );
    const pages = Math.max(1, Math.ceil(list.length / PAGE));
    pager.replaceChildren(
      h('button', { type: 'button', disabled: page === 0, onclick: () => turn(-1) }, 'Previous'),
      h('span', {}, `Page ${page + 1} of ${pages}`),
      h('button', { type: 'button', disabled: page >= pages - 1, onclick: () => turn(1) }, 'Next'),
    );
    status.textContent = refreshedAt ? `Updated ${refreshedAt.toISOString().slice(11, 19)} UTC` : 'Loading…';
  };

  const loadShown = async () => {
    const shown = sorted().slice(page * PAGE, (page + 1) * PAGE);
    const unasked = shown.filter((r) => !r.statusAsked);
    for (const r of unasked) r.statusAsked = true;
    await pool(unasked, 4, async (r) => {
      Object.assign(r, await statusOf(r.sla, signal));
      draw();
    });
    // Each row's counts are asked once per refresh: a filter or page change asks only for rows not yet asked.
    const jobs = shown.flatMap((r) => WINDOWS.filter((w) => !r.asked.has(w)).map((w) => [r, w]));
    for (const [r, w] of jobs) r.asked.add(w);
    await pool(jobs, 4, async ([r, w]) => {
      r.violations[w] = await violationsOf(r.sla, w, signal);
      draw();
    });
  };

  const turn = (by) => {
    page += by;
    draw();
    loadShown();
  };

  const load = async () => {
    const [slas, slos] = await Promise.all([
      all('/slas?limit=500', 'after', signal),
      all('/slos?sort=remaining_budget&limit=500', 'next', signal),
    ]);
    const budgetOf = new Map(slos.map((s) => [s.id, s.budget?.budget?.remainingPercent ?? null]));
    const before = new Map(rows.map((r) => [r.sla.id, r]));
    const eager = slas.length <= EAGER_STATUS;
    const statuses = eager ? await pool(slas, 6, (sla) => statusOf(sla, signal)) : [];
    rows = slas.map((sla, i) => ({
      sla,
      // Beyond EAGER_STATUS, the previous state stays on screen until its row is shown and asks again.
      ...(eager
        ? statuses[i]
        : { state: before.get(sla.id)?.state, value: before.get(sla.id)?.value ?? null }),
      statusAsked: eager,
      budget: budgetOf.get(sla.id) ?? null,
      // The previous counts stay on screen until the new ones arrive.
      violations: before.get(sla.id)?.violations ?? {},
      asked: new Set(),
    }));
    refreshedAt = new Date();
    draw();
    await loadShown();
    view.dataset.loaded = 'true';
  };

  view.replaceChildren(
    h('h2', {}, 'SLAs'),
    h(
      'div',
      { class: 'toolbar' },
      status,
      h('label', { for: 'sla-filter' }, 'Filter '),
      filter,
      h('label', {}, auto, ' Auto-refresh every minute'),
      h('button', { type: 'button', onclick: () => load() }, 'Refresh now'),
    ),
    table,
    pager,
  );
  draw();
  await load();
  const timer = setInterval(() => {
    if (auto.checked) load().catch(() => {});
  }, REFRESH_MS);
  return () => clearInterval(timer);
}
