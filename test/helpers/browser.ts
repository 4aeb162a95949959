/**
 * Chromium for the Explorer's browser tests and `npm run screenshots`: Debian's /usr/bin/chromium driven by
 * playwright-core (a test tool's own browser download cannot run here). Every page is watched: console errors,
 * uncaught exceptions and failed requests (not those the page aborted itself) are collected, and any request to
 * another host than the app's is refused and recorded, so a test can assert that nothing leaves 127.0.0.1. No
 * vitest import: the screenshots script uses it too.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Flags that keep Chromium off the network except for the pages it is told to open. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
  '--no-default-browser-check',
];

/** Launches Chromium; Playwright gives it a fresh temporary profile (--user-data-dir) each time. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export type WatchedPage = {
  page: Page;
  /** Console errors and uncaught exceptions, in order. */
  errors: string[];
  /** Requests to any other origin than `base` (refused). */
  foreignRequests: string[];
};

/** A new page at `viewport` that may only talk to `base` (e.g. http://127.0.0.1:1234). */
export async function watchedPage(
  browser: Browser,
  base: string,
  viewport = { width: 1440, height: 900 },
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, baseURL: base, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  const origin = new URL(base).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || new URL(url).origin === origin) return route.continue();
    foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText;
    // ERR_ABORTED: the page itself gave up on the request (it navigated away, or a component stopped waiting).
    if (new URL(request.url()).origin === origin && reason !== 'net::ERR_ABORTED')
      errors.push(`request failed: ${request.url()} (${reason})`);
  });
  return { page, errors, foreignRequests };
}
