import { get, HttpError, workflowLink } from './api.js';
import { budgetCharts, seriesChart } from './chart.js';
import { duration, errorText, h, labelText, num, percent, stateBadge, time } from './format.js';

/**
 * One SLA: per series a chart of the last 12 or 24 hours (samples, HP trend, bounds, the last 12 h's violation
 * intervals shaded, the latest forecast and its first predicted breach), the violation intervals over 1h/3h/12h
 * from the on-demand check workflows (linked in the Temporal Web UI), and the error budget and burn rates when the
 * SLA has an objective.
 */

const WINDOWS = ['1h', '3h', '12h'];
const SHADED_WINDOW = '12h';

async function orProblem(promise) {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) throw err;
    return { error: err };
  }
}

function bounds(sla) {
  const parts = [];
  if (sla.min !== null) parts.push(`≥ ${num(sla.min)}`);
  if (sla.max !== null) parts.push(`≤ ${num(sla.max)}`);
  return parts.join(' and ');
}

function figures(items) {
  return h(
    'dl',
    { class: 'figures' },
    items.map(([label, value]) => h('div', { class: 'figure' }, h('dt', {}, label), h('dd', {}, value))),
  );
}

function violationsSection(window, v, config) {
  const title = h('h3', { id: `violations-${window}` }, `Violations, last ${window}`);
  if (v.error) return [title, errorText(v.error)];
  const rows = v.series.flatMap((s) =>
    s.intervals.map((iv) =>
      h(
        'tr',
        { dataset: { series: labelText(s.labels), start: iv.start, end: iv.end, kind: iv.kind } },
        h('td', {}, h('code', {}, labelText(s.labels))),
        h('td', {}, iv.kind === 'above_max' ? 'above max' : 'below min'),
        h('td', {}, time(iv.start)),
        h('td', {}, time(iv.end)),
        h('td', { class: 'num' }, duration(iv.durationSeconds)),
        h('td', { class: 'num' }, String(iv.samples)),
        h('td', { class: 'num' }, num(iv.extreme)),
        h('td', {}, iv.fired ? 'yes' : 'no'),
      ),
    ),
  );
  const t = v.totals;
  return [
    title,
    h(
      'p',
      { class: 'muted' },
      `${t.intervals} interval(s), ${t.violatingMinutes} violating minute(s), ${t.violatingSeries} of ${t.series} series; `,
      config
        ? h(
            'a',
            { href: workflowLink(config, v.workflowId, v.runId), rel: 'noreferrer' },
            `check ${v.workflowId} in Temporal`,
          )
        : `check ${v.workflowId}`,
      v.next ? ' (first page of series only)' : '',
    ),
    rows.length === 0
      ? h('p', {}, 'No violation in this window.')
      : h(
          'table',
          { class: 'violations', dataset: { window } },
          h('caption', {}, `Violation intervals, last ${window}`),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Series', 'Kind', 'Start', 'End', 'Duration', 'Samples', 'Extreme', 'Fired'].map((c) =>
                h('th', { scope: 'col' }, c),
              ),
            ),
          ),
          h('tbody', {}, rows),
        ),
  ];
}

function budgetSection(budget, burn) {
  const title = h('h3', {}, 'Error budget');
  if (budget.error) return [title, h('p', { class: 'muted' }, budget.error.message)];
  const b = budget.budget;
  const rates = burn.error ? {} : burn.burnRates;
  return [
    title,
    figures([
      ['Objective', `${budget.objective.target * 100} % over ${budget.objective.window}`],
      ['Compliance', budget.compliance === null ? '—' : percent(budget.compliance * 100)],
      ['Budget left', percent(b.remainingPercent)],
      ['Bad minutes allowed', num(b.allowed)],
      ['Bad minutes spent', num(b.consumed)],
      ...Object.entries(rates).map(([w, r]) => [`Burn rate ${w}`, r === null ? '—' : num(r)]),
      ['Exhausted at (1h rate)', time(budget.exhaustion?.at1h)],
    ]),
  ];
}

export async function renderSla(view, { id, hours: initialHours }, signal) {
  const charts = [];
  const budgetChartList = [];
  // Every read starts at once: the page waits for the slowest, not for their sum. Only the SLA itself is required;
  // any other read that fails shows its problem in its own place.
  const seriesUrl = (hours) => `/slas/${id}/series?hours=${hours}&limit=20`;
  const slaP = get(`/slas/${id}`, signal);
  const configP = orProblem(get('/ui/config.json', signal));
  const seriesP = orProblem(get(seriesUrl(initialHours), signal));
  const violationsP = Promise.all(
    WINDOWS.map((w) => orProblem(get(`/slas/${id}/violations?window=${w}&limit=500`, signal))),
  );
  const statusP = orProblem(get(`/slas/${id}/status?limit=1&samples=1`, signal));
  const forecastP = orProblem(get(`/slas/${id}/forecast?limit=1`, signal));
  // The reads above are awaited below; until then a rejection is not unhandled.
  for (const p of [configP, seriesP, violationsP, statusP, forecastP]) p.catch(() => {});
  const sla = await slaP;
  const budgetP = sla.objective ? orProblem(get(`/slas/${id}/budget`, signal)) : null;
  const burnP = sla.objective ? orProblem(get(`/slas/${id}/burn-rate`, signal)) : null;
  const historyP = sla.objective ? orProblem(get(`/slas/${id}/budget/history?hours=24`, signal)) : null;

  const hours = h(
    'select',
    { id: 'hours' },
    h('option', { value: '12' }, 'last 12 hours'),
    h('option', { value: '24' }, 'last 24 hours'),
  );
  hours.value = initialHours;
  const chartsHost = h('div', { class: 'charts' });
  const chartNote = h('p', { class: 'muted' });
  const summary = h('div');
  const violationsHost = h('section', { 'aria-label': 'Violations' });
  const budgetHost = h('section', { 'aria-label': 'Error budget' });

  view.replaceChildren(
    h('p', {}, h('a', { href: '#/' }, '← All SLAs')),
    h('h2', {}, sla.name),
    h(
      'p',
      { class: 'muted' },
      h('code', {}, `${sla.metric}{${sla.matchers.map((m) => `${m.label}${m.op}"${m.value}"`).join(', ')}}`),
      ` ${bounds(sla)}, for ${sla.for}`,
      sla.description ? ` — ${sla.description}` : '',
    ),
    summary,
    budgetHost,
    h('h3', {}, 'Series'),
    h('div', { class: 'toolbar' }, h('label', { for: 'hours' }, 'Range '), hours, chartNote),
    chartsHost,
    violationsHost,
  );

  const drawCharts = (data, shaded) => {
    for (const c of charts.splice(0)) c.destroy();
    if (data.error) {
      chartsHost.replaceChildren(errorText(data.error));
      return;
    }
    const intervalsOf = new Map();
    for (const s of shaded.error ? [] : shaded.series) intervalsOf.set(labelText(s.labels), s.intervals);
    chartsHost.replaceChildren();
    // How long drawing takes, for bench/dashboard.ts (performance.getEntriesByName('vigil:charts')).
    performance.mark('vigil:charts-start');
    const start = Date.parse(data.start) / 1000;
    const end = Date.parse(data.end) / 1000;
    for (const s of data.series) {
      charts.push(
        seriesChart(chartsHost, s, {
          metric: sla.metric,
          min: data.min,
          max: data.max,
          start,
          end,
          intervals: intervalsOf.get(labelText(s.labels)) ?? [],
        }),
      );
    }
    performance.measure('vigil:charts', 'vigil:charts-start');
    chartNote.textContent =
      `${data.series.length} of ${data.total} series` +
      (data.next ? ' (the first 20)' : '') +
      `; shaded: violation intervals of the last ${SHADED_WINDOW}; dashed red: bounds.`;
    if (data.series.length === 0) chartsHost.append(h('p', {}, 'No series has a sample in this range.'));
  };

  const [status, forecast, budget, burn, history] = await Promise.all([
    statusP,
    forecastP,
    budgetP,
    burnP,
    historyP,
  ]);
  const state = status.error ? 'unknown' : status.total === 0 ? 'absent' : status.state;
  summary.replaceChildren(
    figures([
      ['State', stateBadge(state)],
      [
        'Series ok / pending / firing',
        status.error ? '—' : `${status.counts.ok} / ${status.counts.pending} / ${status.counts.firing}`,
      ],
      ['Value now (worst series)', status.error ? '—' : num(status.series[0]?.value)],
      ['First predicted breach', forecast.error ? '—' : time(forecast.firstBreachAt)],
      [
        'Series predicted to breach',
        forecast.error ? '—' : `${forecast.breachingSeries} of ${forecast.forecastSeries}`,
      ],
    ]),
  );
  summary.dataset.state = state;
  if (budget) budgetHost.replaceChildren(...budgetSection(budget, burn));
  if (history && !history.error && history.points.length > 0) {
    const historyHost = h('div', { class: 'charts' });
    budgetHost.append(historyHost);
    budgetChartList.push(...budgetCharts(historyHost, history));
  }

  const [violations, series, config] = await Promise.all([violationsP, seriesP, configP]);
  const shaded = violations[WINDOWS.indexOf(SHADED_WINDOW)];
  drawCharts(series, shaded);
  hours.addEventListener('change', () => {
    orProblem(get(seriesUrl(hours.value), signal)).then((data) => drawCharts(data, shaded));
  });
  violationsHost.replaceChildren(
    ...WINDOWS.flatMap((w, i) => violationsSection(w, violations[i], config.error ? null : config)),
  );
  view.dataset.loaded = 'true';
  return () => {
    for (const c of [...charts, ...budgetChartList]) c.destroy();
  };
}
