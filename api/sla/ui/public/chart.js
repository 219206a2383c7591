import { h, labelText, num, time } from './format.js';
import uPlot from './vendor/uPlot.esm.js';

/**
 * One series' chart (uPlot on a canvas: thousands of points draw in a few milliseconds): its samples, the HP
 * trend, the latest forecast (a band between `lower` and `upper` when the model gives prediction intervals), the
 * SLA's bounds as dashed lines, its violation intervals shaded and the first predicted breach as a marker. Times
 * are shown in UTC. The figure is focusable: arrow keys move the cursor sample by sample, Home/End jump.
 */

const COLORS = {
  value: '#1f5fbf',
  trend: '#6d28d9',
  forecast: '#b45309',
  band: 'rgba(180, 83, 9, 0.18)',
  bound: '#b3121c',
  shade: 'rgba(179, 18, 28, 0.14)',
  breach: '#b3121c',
};

const HEIGHT = 260;

const utc = (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');
/** A time tick as `HH:MM` (UTC), with the date at midnight. */
const hhmm = (ts) => {
  const iso = new Date(ts * 1000).toISOString();
  return iso.slice(11, 16) === '00:00' ? iso.slice(5, 10) : iso.slice(11, 16);
};

/** The legend's time entry, shared by every chart: the cursor's minute in UTC. */
const TIME_SERIES = {
  label: 'time (UTC)',
  value: (_u, ts) => (ts === null ? '--' : new Date(ts * 1000).toISOString().slice(0, 16).replace('T', ' ')),
};

/** A time axis in UTC and a value axis labelled `label`, alike on every chart. */
function axes(label) {
  return [
    {
      label: 'time (UTC)',
      stroke: '#1b1f24',
      grid: { stroke: '#e5e7eb' },
      values: (_u, ticks) => ticks.map(hhmm),
    },
    {
      label,
      stroke: '#1b1f24',
      size: 70,
      grid: { stroke: '#e5e7eb' },
      values: (_u, ticks) => ticks.map(num),
    },
  ];
}

/** `[t, v]` clipped to t ≥ from (a run's trend may start before the chart's range). */
function clip(t, v, from) {
  let i = 0;
  while (i < t.length && t[i] < from) i++;
  return [t.slice(i), v.slice(i)];
}

/**
 * @param {HTMLElement} host where the figure goes
 * @param {object} s one series of GET /slas/:id/series
 * @param {{ metric: string, min: number|null, max: number|null, start: number, end: number,
 *   intervals: {start: string, end: string, kind: string}[] }} o
 */
export function seriesChart(host, s, o) {
  const tables = [[s.samples.t, s.samples.v]];
  const series = [TIME_SERIES, { label: 'value', stroke: COLORS.value, width: 1 }];
  const bands = [];
  if (s.trend) {
    tables.push(clip(s.trend.t, s.trend.v, o.start));
    series.push({ label: 'HP trend', stroke: COLORS.trend, width: 2 });
  }
  const f = s.forecast;
  if (f && f.t.length > 0) {
    tables.push([f.t, f.v]);
    series.push({
      label: 'forecast',
      stroke: COLORS.forecast,
      width: 2,
      dash: [6, 4],
      points: { show: true },
    });
    if (Array.isArray(f.lower) && Array.isArray(f.upper)) {
      tables.push([f.t, f.lower], [f.t, f.upper]);
      series.push(
        { label: 'forecast lower', stroke: COLORS.forecast, width: 1 },
        { label: 'forecast upper', stroke: COLORS.forecast, width: 1 },
      );
      bands.push({ series: [series.length - 1, series.length - 2], fill: COLORS.band });
    }
  }
  const data = tables.length === 1 ? tables[0] : uPlot.join(tables);
  const shaded = o.intervals.map((iv) => ({
    start: Date.parse(iv.start) / 1000,
    end: Date.parse(iv.end) / 1000,
  }));
  const breachAt = f?.firstBreachAt ? Date.parse(f.firstBreachAt) / 1000 : null;
  const bounds = [o.min, o.max].filter((b) => b !== null);

  const last = s.samples.v.at(-1);
  const caption = labelText(s.labels);
  const summary =
    `${o.metric}${caption}: ${s.samples.t.length} samples, last ${num(last)}; ` +
    `bounds ${o.min === null ? 'none' : num(o.min)} to ${o.max === null ? 'none' : num(o.max)}; ` +
    `${o.intervals.length} violation interval(s) shaded` +
    (breachAt ? `; first predicted breach ${time(f.firstBreachAt)}` : '');
  const figure = h(
    'figure',
    {
      class: 'chart',
      tabindex: 0,
      'aria-label': summary,
      dataset: {
        seriesKey: s.key,
        points: String(s.samples.t.length),
        shaded: JSON.stringify(o.intervals.map((iv) => [iv.start, iv.end])),
      },
    },
    h(
      'figcaption',
      {},
      caption,
      breachAt ? h('span', { class: 'note' }, ` — first predicted breach ${time(f.firstBreachAt)}`) : null,
      s.trend ? null : h('span', { class: 'note' }, ' — no HP trend stored for this range'),
    ),
  );
  host.append(figure);

  const drawShading = (u) => {
    const { ctx, bbox } = u;
    ctx.save();
    ctx.fillStyle = COLORS.shade;
    for (const iv of shaded) {
      const x0 = Math.max(bbox.left, u.valToPos(iv.start, 'x', true));
      const x1 = Math.min(bbox.left + bbox.width, u.valToPos(iv.end, 'x', true));
      if (x1 > x0) ctx.fillRect(x0, bbox.top, x1 - x0, bbox.height);
    }
    ctx.restore();
  };
  const drawMarks = (u) => {
    const { ctx, bbox } = u;
    ctx.save();
    ctx.lineWidth = 1.5 * uPlot.pxRatio;
    ctx.strokeStyle = COLORS.bound;
    ctx.setLineDash([8 * uPlot.pxRatio, 5 * uPlot.pxRatio]);
    for (const b of bounds) {
      const y = u.valToPos(b, 'y', true);
      ctx.beginPath();
      ctx.moveTo(bbox.left, y);
      ctx.lineTo(bbox.left + bbox.width, y);
      ctx.stroke();
    }
    if (breachAt !== null) {
      const x = u.valToPos(breachAt, 'x', true);
      ctx.strokeStyle = COLORS.breach;
      ctx.setLineDash([2 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
      ctx.beginPath();
      ctx.moveTo(x, bbox.top);
      ctx.lineTo(x, bbox.top + bbox.height);
      ctx.stroke();
    }
    ctx.restore();
  };

  const width = () => Math.max(320, figure.clientWidth - 16);
  const u = new uPlot(
    {
      width: width(),
      height: HEIGHT,
      tzDate: utc,
      series,
      bands,
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      scales: {
        x: {
          time: true,
          range: (_u, lo, hi) => [Math.min(lo ?? o.start, o.start), Math.max(hi ?? o.end, o.end)],
        },
        y: {
          range: (_u, lo, hi) => {
            const low = Math.min(lo ?? Number.POSITIVE_INFINITY, ...bounds);
            const high = Math.max(hi ?? Number.NEGATIVE_INFINITY, ...bounds);
            if (!Number.isFinite(low) || !Number.isFinite(high)) return [0, 1];
            const pad = (high - low) * 0.05 || Math.abs(high) * 0.05 || 1;
            return [low - pad, high + pad];
          },
        },
      },
      axes: axes(o.metric),
      hooks: { drawClear: [drawShading], draw: [drawMarks] },
    },
    data,
    figure,
  );

  let idx = data[0].length - 1;
  figure.addEventListener('keydown', (e) => {
    const n = data[0].length;
    if (n === 0) return;
    if (e.key === 'ArrowLeft') idx = Math.max(0, idx - 1);
    else if (e.key === 'ArrowRight') idx = Math.min(n - 1, idx + 1);
    else if (e.key === 'Home') idx = 0;
    else if (e.key === 'End') idx = n - 1;
    else return;
    e.preventDefault();
    u.setCursor({ left: u.valToPos(data[0][idx], 'x'), top: u.bbox.height / uPlot.pxRatio / 2 });
  });
  // Redrawn only when the width changes (the observer also reports the first layout, already drawn).
  let drawnWidth = u.width;
  const resize = new ResizeObserver(() => {
    const w = width();
    if (w === drawnWidth) return;
    drawnWidth = w;
    u.setSize({ width: w, height: HEIGHT });
  });
  resize.observe(figure);
  return {
    destroy: () => {
      resize.disconnect();
      u.destroy();
    },
  };
}

/**
 * The objective's history (GET /slas/:id/budget/history): the remaining budget, and the 1h and 6h burn rates
 * against the SRE workbook's thresholds (14.4× pages fast, 6× pages slow, 1× spends exactly the budget), as of the
 * end of each past hour.
 * @param {HTMLElement} host where the figures go
 * @param {{ points: {at: string, remainingPercent: number|null, burn1h: number|null, burn6h: number|null}[] }} history
 */
export function budgetCharts(host, history) {
  const t = history.points.map((p) => Date.parse(p.at) / 1000);
  const flat = (v) => t.map(() => v);
  const specs = [
    {
      name: 'budget',
      title: 'Error budget left (%) at the end of each hour',
      axis: '% of budget left',
      series: [{ label: 'budget left %', stroke: COLORS.value, width: 2 }],
      data: [history.points.map((p) => p.remainingPercent)],
    },
    {
      name: 'burn',
      title: 'Burn rate over the last 1h and 6h at the end of each hour, with the alert thresholds',
      axis: 'burn rate (× budget)',
      series: [
        { label: 'burn 1h', stroke: COLORS.value, width: 2 },
        { label: 'burn 6h', stroke: COLORS.trend, width: 2 },
        { label: 'page 14.4×', stroke: COLORS.bound, width: 1, dash: [6, 4] },
        { label: 'page 6×', stroke: COLORS.forecast, width: 1, dash: [6, 4] },
        { label: 'ticket 1×', stroke: '#4b5563', width: 1, dash: [2, 3] },
      ],
      data: [
        history.points.map((p) => p.burn1h),
        history.points.map((p) => p.burn6h),
        flat(14.4),
        flat(6),
        flat(1),
      ],
    },
  ];
  return specs.map((spec) => {
    const figure = h(
      'figure',
      {
        class: 'chart',
        tabindex: 0,
        'aria-label': spec.title,
        dataset: { chart: spec.name, points: String(t.length) },
      },
      h('figcaption', {}, spec.title),
    );
    host.append(figure);
    const width = () => Math.max(320, figure.clientWidth - 16);
    const u = new uPlot(
      {
        width: width(),
        height: 200,
        tzDate: utc,
        series: [TIME_SERIES, ...spec.series],
        legend: { live: true },
        axes: axes(spec.axis),
      },
      [t, ...spec.data],
      figure,
    );
    const resize = new ResizeObserver(() => {
      const w = width();
      if (w !== u.width) u.setSize({ width: w, height: 200 });
    });
    resize.observe(figure);
    return {
      destroy: () => {
        resize.disconnect();
        u.destroy();
      },
    };
  });
}
