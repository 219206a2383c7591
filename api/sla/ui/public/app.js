import { HttpError, setToken } from './api.js';
import { errorText, h } from './format.js';
import { renderOverview } from './overview.js';
import { renderPipeline } from './pipeline.js';
import { renderSla } from './sla.js';

/**
 * The dashboard's router: `#/` the SLA overview, `#/sla/<id>` one SLA (`?hours=24` for a day), `#/pipeline` the ETL. Each page renders into
 * the view and returns its cleanup (timers); leaving a page aborts its requests.
 */

const view = document.getElementById('view');
const tokenForm = document.getElementById('token-form');
let current = { abort: new AbortController(), cleanup: () => {} };

function route() {
  const hash = location.hash || '#/';
  const sla = /^#\/sla\/([0-9]+)(?:\?hours=(12|24))?$/.exec(hash);
  if (sla) return { page: renderSla, params: { id: Number(sla[1]), hours: sla[2] ?? '12' }, nav: '#/' };
  if (hash === '#/pipeline') return { page: renderPipeline, params: {}, nav: '#/pipeline' };
  return { page: renderOverview, params: {}, nav: '#/' };
}

async function show() {
  current.abort.abort();
  current.cleanup();
  const abort = new AbortController();
  current = { abort, cleanup: () => {} };
  const { page, params, nav } = route();
  for (const a of document.querySelectorAll('nav a')) {
    if (a.getAttribute('href') === nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  view.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  view.dataset.ready = 'false';
  delete view.dataset.loaded;
  try {
    current.cleanup = (await page(view, params, abort.signal)) ?? (() => {});
  } catch (err) {
    if (abort.signal.aborted) return;
    if (err instanceof HttpError && err.status === 401) tokenForm.hidden = false;
    view.replaceChildren(errorText(err));
  }
  view.dataset.ready = 'true';
}

tokenForm.addEventListener('submit', (e) => {
  e.preventDefault();
  setToken(document.getElementById('token').value);
  tokenForm.hidden = true;
  show();
});
window.addEventListener('hashchange', show);
show();
