import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetHistory } from '../../../demo/fleet.ts';
import { artefactsDir, launchChromium, openDashboard, recordRequests } from '../../support/browser.ts';
import { storeFleetRuns } from '../../support/dashboard.ts';
import { testEnv, uniqueName, wholeMinutesAgo } from '../../support/env.ts';
import { backfillFleet, created, type SlaHarness, startSla, TEST_TOKEN } from '../../support/sla.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

/**
 * The dashboard in a real browser (Debian's headless Chromium through playwright-core), served by the SLA
 * manager on a real port over a backfilled fleet with stored analysis runs. What a user would check: the overview
 * lists the SLAs with their states, an SLA page draws every series and shades exactly the violation intervals the
 * REST API reports, every page loads only from 127.0.0.1. Screenshots go to $VIGIL_STACK_DIR/artefacts/.
 */

quietTemporalRuntime();
const env = testEnv();
const end = wholeMinutesAgo(3);
const endS = end.getTime() / 1000;
const metric = uniqueName('vigil_test_ui').replaceAll('-', '_');
const job = 'ui';
const MAX = 5000;
const options = {
  metric,
  job,
  hosts: 5,
  end: endS,
  hours: 25,
  episodes: [
    // h4 above the max for the last 30 minutes: firing with for 5m, pending with for 1h.
    { host: 4, from: endS - 30 * 60 + 60, to: endS, value: 6000 },
    // h2 above it for 40 minutes, 3 hours ago: an interval in the 12h window only.
    { host: 2, from: endS - 3 * 3600, to: endS - 3 * 3600 + 39 * 60, value: 6000 },
  ],
};

let h: SlaHarness;
let base: string;
let browser: Browser;
const ids: Record<'firing' | 'pending' | 'ok' | 'absent', number> = {
  firing: 0,
  pending: 0,
  ok: 0,
  absent: 0,
};
/** An SLA with an objective: its budget shows once the SLO counting workflow has counted its minutes. */
let budgetId: number;
const requested: string[] = [];

async function page(): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const urls = recordRequests(p);
  p.on('close', () => requested.push(...urls));
  return p;
}

async function api(url: string) {
  const res = await h.app.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** GET /slas/:id/budget once the SLO counting workflow has stored a first evaluation (503 until then). */
async function budgetOf(id: number) {
  for (let i = 0; i < 120; i++) {
    const res = await h.app.inject({ method: 'GET', url: `/slas/${id}/budget` });
    if (res.statusCode === 200) return res.json();
    expect(res.statusCode, res.body).toBe(503);
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`SLA ${id} has no budget after 2 minutes`);
}

function labelText(labels: Record<string, string>): string {
  return `{${Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`)
    .join(', ')}}`;
}

beforeAll(async () => {
  await backfillFleet(env, options);
  // The clock pinned just after the last sample, so every page and the API agree on "now".
  h = await startSla(env, { now: () => new Date(end.getTime() + 30_000) });
  await storeFleetRuns(
    h.database,
    fleetHistory(options),
    new Date(end.getTime() + 60_000),
    uniqueName('cycle'),
  );
  const sla = (name: string, body: Record<string, unknown>) =>
    created(h.app, '/slas', { name: uniqueName(`ui-${name}`), metric, max: MAX, ...body });
  ids.firing = (await sla('firing', { matchers: [{ label: 'job', value: job }], for: '5m' })).id;
  ids.pending = (await sla('pending', { matchers: [{ label: 'job', value: job }], for: '1h' })).id;
  ids.ok = (await sla('ok', { matchers: [{ label: 'job', value: job }], max: 100_000 })).id;
  ids.absent = (await sla('absent', { matchers: [{ label: 'job', value: 'nobody' }] })).id;
  budgetId = (
    await sla('budget', {
      matchers: [{ label: 'job', value: job }],
      for: '5m',
      objective: { target: 0.99, window: '7d' },
    })
  ).id;
  base = await h.app.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

describe('dashboard in Chromium', () => {
  it('the overview lists the seeded SLAs with their states and violation counts', async () => {
    const p = await page();
    await openDashboard(p, `${base}/ui/`);
    // Other tests' SLAs share the database: the filter narrows the table to this test's metric.
    await p.getByLabel('Filter').fill(metric);
    expect(await p.locator('#sla-table tbody tr').count()).toBe(5);
    for (const [state, id] of Object.entries(ids)) {
      const row = p.locator(`#sla-table tr[data-sla-id="${id}"]`);
      await expect.poll(() => row.getAttribute('data-state')).toBe(state);
      expect(await row.locator('.state-cell').textContent()).toBe(state);
    }
    for (const window of ['1h', '3h', '12h']) {
      const report = await api(`/slas/${ids.firing}/violations?window=${window}&limit=1`);
      const cell = p.locator(`#sla-table tr[data-sla-id="${ids.firing}"] td[data-window="${window}"]`);
      await expect.poll(() => cell.textContent()).toBe(String(report.totals.intervals));
    }
    const noObjective = p.locator(`#sla-table tr[data-sla-id="${ids.ok}"] td.budget`);
    expect(await noObjective.textContent()).toBe('no objective');
    // Sorting by name puts the rows in name order.
    await p.getByRole('button', { name: /^SLA/ }).click();
    const seeded = await Promise.all(
      [...Object.values(ids), budgetId].map(async (id) => (await api(`/slas/${id}`)).name as string),
    );
    const names = await p.locator('#sla-table tbody th a').allTextContents();
    expect(names).toEqual([...seeded].sort());
    await p.screenshot({ path: join(artefactsDir(), 'dashboard-overview.png'), fullPage: true });
    await p.close();
  });

  it('an SLA with an objective shows its remaining budget, on the overview and on its page', async () => {
    await budgetOf(budgetId);
    const slo = (await api('/slos?sort=remaining_budget&limit=500')).items.find(
      (i: { id: number }) => i.id === budgetId,
    );
    const p = await page();
    await openDashboard(p, `${base}/ui/`);
    await p.getByLabel('Filter').fill(metric);
    const cell = p.locator(`#sla-table tr[data-sla-id="${budgetId}"] td.budget`);
    expect(Number(await cell.getAttribute('data-budget'))).toBe(slo.budget.budget.remainingPercent);
    expect(await cell.textContent()).toMatch(/ %$/);
    await p.close();
    const q = await page();
    await openDashboard(q, `${base}/ui/#/sla/${budgetId}`);
    expect(await q.getByRole('heading', { name: 'Error budget' }).count()).toBe(1);
    expect(await q.locator('.figure', { hasText: 'Budget left' }).locator('dd').textContent()).toMatch(/ %$/);
    expect(await q.locator('.figure', { hasText: 'Burn rate 1h' }).count()).toBe(1);
    // The budget and burn-rate charts: one point per past hour the REST history has, drawn on their canvases.
    const history = await api(`/slas/${budgetId}/budget/history?hours=24`);
    for (const [name, labels] of [
      ['budget', ['budget left %']],
      ['burn', ['burn 1h', 'burn 6h', 'page 14.4×', 'page 6×', 'ticket 1×']],
    ] as const) {
      const figure = q.locator(`figure[data-chart="${name}"]`);
      await expect.poll(() => figure.count()).toBe(1);
      expect(await figure.getAttribute('data-points')).toBe(String(history.points.length));
      expect(await figure.locator('.u-legend .u-series .u-label').allInnerTexts()).toEqual(
        expect.arrayContaining([...labels]),
      );
      const opaque = (await q.evaluate(`(() => {
        const canvas = document.querySelector('figure[data-chart="${name}"] canvas');
        const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
        return n;
      })()`)) as number;
      expect(opaque, name).toBeGreaterThan(500);
    }
    await q.screenshot({ path: join(artefactsDir(), 'dashboard-sla-budget.png'), fullPage: true });
    await q.close();
  });

  it('an SLA page draws every series and shades exactly the REST API’s violation intervals', async () => {
    const p = await page();
    await openDashboard(p, `${base}/ui/#/sla/${ids.firing}`);
    const series = await api(`/slas/${ids.firing}/series?hours=12&limit=20`);
    const figures = p.locator('figure.chart');
    await expect.poll(() => figures.count()).toBe(5);
    expect(await p.locator('figure.chart figcaption').allInnerTexts()).toEqual(
      series.series.map((s: { labels: Record<string, string>; forecast: { firstBreachAt: string | null } }) =>
        expect.stringContaining(labelText(s.labels)),
      ),
    );
    // The legend names what is drawn: samples, trend and forecast of each series.
    for (let i = 0; i < 5; i++) {
      const legend = await figures.nth(i).locator('.u-legend .u-series .u-label').allInnerTexts();
      expect(legend).toEqual(expect.arrayContaining(['value', 'HP trend', 'forecast']));
      expect(await figures.nth(i).getAttribute('data-points')).toBe(
        String(series.series[i].samples.t.length),
      );
    }
    // Each canvas has been drawn on: thousands of opaque pixels, in more than a couple of colours.
    // (Code run in the page is passed as text: it is browser code, typed by no lib of this project.)
    const drawn = (await p.evaluate(`[...document.querySelectorAll('figure.chart canvas')].map((canvas) => {
      const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let opaque = 0;
      const colours = new Set();
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 3] > 0) {
          opaque++;
          colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
        }
      }
      return { opaque, colours: colours.size };
    })`)) as { opaque: number; colours: number }[];
    expect(drawn).toHaveLength(5);
    for (const d of drawn) {
      expect(d.opaque).toBeGreaterThan(2000);
      expect(d.colours).toBeGreaterThan(3);
    }

    // Shaded intervals and the violation tables equal the REST API's, window by window.
    for (const window of ['1h', '3h', '12h']) {
      const report = await api(`/slas/${ids.firing}/violations?window=${window}&limit=500`);
      const want = report.series.flatMap(
        (s: { labels: Record<string, string>; intervals: { start: string; end: string; kind: string }[] }) =>
          s.intervals.map((iv) => ({
            series: labelText(s.labels),
            start: iv.start,
            end: iv.end,
            kind: iv.kind,
          })),
      );
      expect(want.length).toBeGreaterThan(0);
      const rows = await p.evaluate(
        `[...document.querySelectorAll('table.violations[data-window="${window}"] tbody tr')].map((tr) => ({ ...tr.dataset }))`,
      );
      expect(rows).toEqual(want);
      const link = p.locator(`a[href*="${encodeURIComponent(report.workflowId)}"]`);
      expect(await link.count()).toBe(1);
      if (window !== '12h') continue;
      const shaded = await p.evaluate(
        `[...document.querySelectorAll('figure.chart')].map((f) => [f.dataset.seriesKey, JSON.parse(f.dataset.shaded)])`,
      );
      expect(shaded).toEqual(
        (series.series as { key: string; labels: Record<string, string> }[]).map((s) => [
          s.key,
          want
            .filter((w: { series: string }) => w.series === labelText(s.labels))
            .map((w: { start: string; end: string }) => [w.start, w.end]),
        ]),
      );
    }
    // Keyboard: a focused chart moves its cursor, and the legend reads out the sample under it.
    const fourth = figures.nth(3);
    await fourth.focus();
    await p.keyboard.press('End');
    const valueText = () => fourth.locator('.u-legend .u-series').nth(1).locator('.u-value').textContent();
    expect(await valueText()).not.toBe('--');

    // A forecast with prediction intervals is drawn as a band between them (none is stored yet: drawn from a
    // series made here with the page's own chart module).
    const band = await p.evaluate(`(async () => {
      const { seriesChart } = await import('/ui/chart.js');
      const t = Array.from({ length: 60 }, (_, i) => 1700000000 + i * 60);
      const v = t.map((_, i) => 100 + i);
      const draw = async (withBand) => {
        const host = document.createElement('div');
        host.style.width = '800px';
        document.body.append(host);
        const forecast = { t: t.map((x) => x + 3600), v, lower: withBand ? v.map((x) => x - 40) : null,
          upper: withBand ? v.map((x) => x + 40) : null, firstBreachAt: null };
        seriesChart(host, { key: 'k', labels: { host: 'band' }, samples: { t, v }, trend: null, forecast },
          { metric: 'm', min: null, max: null, start: t[0], end: t[59] + 3600, intervals: [] });
        await new Promise((r) => requestAnimationFrame(() => r()));
        const canvas = host.querySelector('canvas');
        const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let opaque = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i] > 0) opaque++;
        const labels = [...host.querySelectorAll('.u-legend .u-label')].map((e) => e.textContent);
        host.remove();
        return { opaque, labels };
      };
      return { without: await draw(false), with: await draw(true) };
    })()`);
    const { with: banded, without } = band as Record<
      'with' | 'without',
      { opaque: number; labels: string[] }
    >;
    expect(banded.labels).toEqual(expect.arrayContaining(['forecast', 'forecast lower', 'forecast upper']));
    expect(without.labels).not.toContain('forecast lower');
    expect(banded.opaque).toBeGreaterThan(without.opaque + 5000);

    await p.screenshot({ path: join(artefactsDir(), 'dashboard-sla.png'), fullPage: true });
    // Down to a small laptop screen nothing needs a horizontal scroll: the charts resize to their column.
    await p.setViewportSize({ width: 1280, height: 720 });
    await expect
      .poll(() => p.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'))
      .toBe(0);
    await p.screenshot({ path: join(artefactsDir(), 'dashboard-sla-1280.png') });
    await p.close();
  });

  it('the pipeline page shows the stored series per metric and the dead letters', async () => {
    const p = await page();
    await openDashboard(p, `${base}/ui/#/pipeline`);
    const overview = await api('/pipeline/overview?cycles=20');
    const row = p.locator('tr', { has: p.locator(`code:text-is("${metric}")`) });
    expect(await row.locator('td').nth(1).textContent()).toBe('5');
    await expect.poll(() => p.getByText('Dead letters kept').count()).toBe(1);
    const kept = p.locator('.figure', { hasText: 'Dead letters kept' }).locator('dd');
    expect(await kept.textContent()).toBe(String(overview.deadLetters.total));
    await p.screenshot({ path: join(artefactsDir(), 'dashboard-pipeline.png'), fullPage: true });
    await p.close();
  });

  it('with reads closed, the pages ask for the token and then load', async () => {
    const closed = await startSla(env, { openReads: false, withoutWorker: true });
    try {
      const closedBase = await closed.app.listen({ host: '127.0.0.1', port: 0 });
      const p = await page();
      await p.goto(`${closedBase}/ui/#/pipeline`);
      await p.getByLabel(/API token/).waitFor();
      await p.getByLabel(/API token/).fill(TEST_TOKEN);
      await p.getByRole('button', { name: 'Use token' }).click();
      await p.waitForSelector('#view[data-loaded="true"]');
      expect(await p.getByRole('heading', { name: 'Pipeline' }).count()).toBe(1);
      await p.close();
    } finally {
      await closed.stop();
    }
  });

  it('no page requested anything outside 127.0.0.1', () => {
    expect(requested.length).toBeGreaterThan(20);
    const outside = requested.filter((u) => !u.startsWith('data:') && new URL(u).hostname !== '127.0.0.1');
    expect(outside).toEqual([]);
  });
});
