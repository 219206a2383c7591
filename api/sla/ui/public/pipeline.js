import { get, workflowLink } from './api.js';
import { duration, h, num, time } from './format.js';

/**
 * The ETL: the latest pipeline cycles (from Temporal, linked in its Web UI), the stored series per metric, the
 * dead letters kept and the execution time of each stage (fetch, analyze, publish, whole cycle) per metric;
 * refreshed every minute.
 */

const REFRESH_MS = 60_000;

function table(id, caption, columns, rows) {
  return h(
    'table',
    { id },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.cell(r))),
        ),
      ),
    ),
  );
}

async function draw(view, signal) {
  const window = '12h';
  const [p, etl] = await Promise.all([
    get('/pipeline/overview?cycles=20', signal),
    get(`/etl/execution-time?window=${window}`, signal),
  ]);
  const config = { temporalUiUrl: p.temporalUiUrl, namespace: p.namespace };
  const query = encodeURIComponent("WorkflowType='pipelineCycle'");
  const series = p.metrics.reduce((n, m) => n + m.seriesCount, 0);
  view.replaceChildren(
    h('h2', {}, 'Pipeline'),
    h(
      'dl',
      { class: 'figures' },
      [
        ['Stored series', num(series)],
        ['Metrics', String(p.metrics.length)],
        ['Dead letters kept', String(p.deadLetters.total)],
        ['Dead letters, last 24 h', String(p.deadLetters.last24h)],
      ].map(([l, v]) => h('div', { class: 'figure' }, h('dt', {}, l), h('dd', {}, v))),
    ),
    h(
      'p',
      {},
      h(
        'a',
        {
          href: `${p.temporalUiUrl}/namespaces/${encodeURIComponent(p.namespace)}/workflows?query=${query}`,
          rel: 'noreferrer',
        },
        'All pipeline cycles in the Temporal Web UI',
      ),
    ),
    p.cycles.length === 0
      ? h('p', {}, 'No pipeline cycle has run yet.')
      : table(
          'cycles',
          `Latest ${p.cycles.length} pipeline cycles`,
          [
            {
              label: 'Workflow',
              cell: (c) =>
                h(
                  'a',
                  { href: workflowLink(config, c.workflowId, c.runId), rel: 'noreferrer' },
                  c.workflowId,
                ),
            },
            { label: 'Status', cell: (c) => c.status.toLowerCase() },
            { label: 'Started', cell: (c) => time(c.startTime) },
            {
              label: 'Took',
              num: true,
              cell: (c) =>
                c.closeTime
                  ? duration((Date.parse(c.closeTime) - Date.parse(c.startTime)) / 1000)
                  : 'running',
            },
          ],
          p.cycles,
        ),
    table(
      'metrics',
      'Stored series per metric',
      [
        { label: 'Metric', cell: (m) => h('code', {}, m.metric) },
        { label: 'Series', num: true, cell: (m) => num(m.seriesCount) },
        { label: 'Last seen', cell: (m) => time(m.lastSeenAt) },
      ],
      p.metrics,
    ),
    etl.stages.length === 0
      ? h('p', {}, `No ETL execution time recorded in the last ${window}.`)
      : table(
          'etl',
          `ETL stage times, last ${window} (seconds)`,
          [
            { label: 'Metric', cell: (s) => h('code', {}, s.metric) },
            { label: 'Stage', cell: (s) => s.stage },
            { label: 'Count', num: true, cell: (s) => String(s.count) },
            { label: 'Mean', num: true, cell: (s) => num(s.meanSeconds) },
            { label: 'p95', num: true, cell: (s) => num(s.p95Seconds) },
            { label: 'Max', num: true, cell: (s) => num(s.maxSeconds) },
          ],
          etl.stages,
        ),
  );
  view.dataset.loaded = 'true';
}

export async function renderPipeline(view, _params, signal) {
  await draw(view, signal);
  const timer = setInterval(() => draw(view, signal).catch(() => {}), REFRESH_MS);
  return () => clearInterval(timer);
}
