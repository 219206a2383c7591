/** Small DOM and text helpers shared by the pages. */

/** An element with attributes and children (strings become text, never HTML). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A label set as PromQL writes it, keys sorted: `{host="h1", job="x"}`. */
export function labelText(labels) {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`);
  return `{${parts.join(', ')}}`;
}

const compact = new Intl.NumberFormat('en', { maximumSignificantDigits: 4, notation: 'compact' });
const plain = new Intl.NumberFormat('en', { maximumFractionDigits: 3 });

export function num(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return Math.abs(v) >= 1e5 ? compact.format(v) : plain.format(v);
}

export function percent(v) {
  return v === null || v === undefined ? '—' : `${plain.format(v)} %`;
}

/** An instant as `YYYY-MM-DD HH:MM UTC`. */
export function time(iso) {
  if (!iso) return '—';
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.round(seconds / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function stateBadge(state) {
  return h('span', { class: `state state-${state}` }, state);
}

export function errorText(err) {
  return h('p', { class: 'error', role: 'alert' }, `Could not load: ${err.message}`);
}
