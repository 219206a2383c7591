import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * The real browser the dashboard tests and benchmark drive: Debian's headless Chromium (installed by
 * scripts/provision/system.sh), through playwright-core, which never downloads a browser of its own.
 */

export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: scripts/provision/system.sh installs Debian's chromium package`);
  }
  // Root (CI containers) cannot use Chromium's sandbox; the pages are our own, served from 127.0.0.1.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, chromiumSandbox: false });
}

/** Where the test stack keeps test artefacts (screenshots): $VIGIL_STACK_DIR/artefacts. */
export function artefactsDir(): string {
  const dir = join(process.env.VIGIL_STACK_DIR ?? resolve('.vigil', 'test'), 'artefacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Every URL the page requests, in order (documents, scripts, styles, fetches, images). */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** Opens a dashboard page and waits until it says it has loaded everything it shows. */
export async function openDashboard(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('#view[data-loaded="true"]', { timeout: 60_000 });
}
