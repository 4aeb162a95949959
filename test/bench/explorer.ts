/**
 * `npm run bench:explorer [-- --runs N] [-- --base URL] [-- --screenshots]`: the first view of each Explorer page
 * in headless Chromium. For each page: the time from navigation to the page's own content (a page-specific
 * selector, checked every animation frame in the page), and the JavaScript it loaded, as transferred (compressed)
 * bytes. Each page is opened in a fresh browser context (nothing cached), after a first pass over the pages has
 * warmed the server (its plan caches, the database's buffers), as any running server is warm; with `--runs N` the
 * measured pass is repeated and every run printed. Prints the load average before and after (the machine may be
 * shared); asserts nothing, but exits 1, saying what it shows, if a page showed an error or not its content
 * within 30 s, logged an error or asked another host than the server.
 *
 * It builds the Explorer and the server bundle (both cached), then starts the server as `npm start` does
 * (dist/server.js), embedded (PGlite) with the landscape seed, on a free port and a data folder of its own,
 * screenshots/.db/ (seeded on the first run, about half a minute; reused after). `--base URL` measures a server
 * already running instead. `--screenshots` (`npm run screenshots`) also writes a 1440×900 screenshot of each page
 * and the figures (figures.json) to screenshots/ (git-ignored). Bounded: it gives up after `--timeout` seconds
 * (default 300), stopping the server. Chromium: Debian's /usr/bin/chromium (test/helpers/browser.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium, watchedPage } from '../helpers/browser.ts';
import { freePort, root, spawnServer } from '../helpers/server-process.ts';

/** Each page: its name, path and what shows that its content is there. */
const PAGES: [string, string, string][] = [
  ['home', '/', '[data-testid=counts]'],
  ['search', '/search?q=tulu%203', '[data-testid=search-results] li'],
  ['model', '/model/tulu-3-405b', '[data-testid=lineage-graph] canvas'],
  ['benchmark', '/benchmark/gsm8k?key=2%2F2%2F8%2Ftrue%2F%2F%2F%2F', '[data-testid=pareto-chart] svg'],
  ['compare', '/compare?models=tulu-3-405b,deepseek-v3,gpt-4o', '[data-testid=compare-matrix]'],
  ['claims', '/claims?source=article', '[data-testid=claims] li'],
  ['organization', '/organization/allen-institute-for-ai', '[data-testid=best-scores]'],
  [
    'graph',
    '/graph/organization/allen-institute-for-ai?to=organization:deepseek',
    '[data-testid=neighborhood-graph] canvas',
  ],
];

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    runs: { type: 'string', default: '1' },
    screenshots: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '300' },
  },
});
if (!hasChromium) {
  console.error('bench:explorer: /usr/bin/chromium is missing (apt-get install chromium)');
  process.exit(1);
}
const RUNS = Number(values.runs);
const outDir = path.join(root, 'screenshots');
const loads = () =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(', ');

let stop = async () => {};
let browser: Browser | undefined;
const giveUp = setTimeout(
  () => {
    console.error(`bench:explorer: gave up after ${values.timeout} s`);
    void Promise.allSettled([browser?.close(), stop()]).then(() => process.exit(1));
  },
  Number(values.timeout) * 1000,
);
giveUp.unref();

console.log(`load average before: ${loads()}`);
execFileSync(process.execPath, ['src/scripts/explorer-build.mjs'], { cwd: root, stdio: 'inherit' });

let base = values.base;
if (!base) {
  execFileSync(process.execPath, ['src/scripts/build-server.mjs'], { cwd: root, stdio: 'inherit' });
  const port = await freePort();
  const server = spawnServer(
    { PORT: String(port), DATA_DIR: path.join(outDir, '.db'), SEED: 'landscape', LOG_LEVEL: 'info' },
    ['ignore', 'pipe', 'inherit'],
    { built: true },
  );
  let output = '';
  server.stdout?.on('data', (chunk) => (output += chunk));
  console.log('bench:explorer: starting the server (the first run seeds the landscape)…');
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (output.includes('serving GraphQL')) {
        clearInterval(check);
        resolve();
      } else if (server.exitCode !== null) {
        clearInterval(check);
        reject(new Error(`the server exited:\n${output}`));
      }
    }, 100);
  });
  base = `http://127.0.0.1:${port}`;
  stop = async () => {
    if (server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  };
}

type Figure = { page: string; run: number; firstViewMs: number; scriptBytes: number; scripts: number };
/** How long a page may take to show its content before it counts as failed. */
const PAGE_TIMEOUT_MS = 30_000;
/** Pages that did not show their content (or logged an error), with what they showed instead. */
const failures: string[] = [];

/** What a page shows in its main content, for a failure's message. */
const shownText = (page: Page) =>
  page
    .locator('main')
    .innerText({ timeout: 1_000 })
    .then(
      (text) => text.replace(/\s+/g, ' ').slice(0, 300),
      () => '(no main content)',
    );
const figures: Figure[] = [];
if (values.screenshots) mkdirSync(outDir, { recursive: true });
try {
  browser = await launchChromium();
  for (const [name, pagePath, ready] of PAGES) {
    const { page } = await watchedPage(browser, base);
    await page.goto(pagePath);
    await page
      .locator(`${ready}, .status.error`)
      .first()
      .waitFor({ timeout: PAGE_TIMEOUT_MS })
      .catch(() => undefined);
    if (!(await page.locator(ready).count()))
      failures.push(`${name} (warm-up): no ${ready}; it shows: ${await shownText(page)}`);
    await page.context().close();
  }
  for (let run = 1; run <= RUNS; run++) {
    for (const [name, pagePath, ready] of PAGES) {
      const { page, errors, foreignRequests } = await watchedPage(browser, base);
      const scripts: Promise<number>[] = [];
      page.on('requestfinished', (request) => {
        if (request.resourceType() === 'script') scripts.push(request.sizes().then((sizes) => sizes.responseBodySize));
      });
      // Not awaited: it polls every frame in the page from the start of the navigation, and resolves with the
      // page's clock (performance.now() counts from the navigation's start) when the content is first there.
      // An error the page shows (web/src/components/Status.tsx) ends the wait too, and fails the page.
      const shown = page
        .waitForFunction(
          (selector) =>
            (document.querySelector(selector) || document.querySelector('.status.error')) && performance.now(),
          ready,
          { polling: 'raf', timeout: PAGE_TIMEOUT_MS },
        )
        .then(
          (handle) => handle.jsonValue() as Promise<number>,
          () => undefined,
        );
      await page.goto(pagePath, { waitUntil: 'commit' });
      const shownAt = await shown;
      if (shownAt === undefined || !(await page.locator(ready).count())) {
        failures.push(`${name} (run ${run}): no ${ready}; it shows: ${await shownText(page)}`);
        await page.context().close();
        continue;
      }
      const firstViewMs = Math.round(shownAt);
      await page.waitForLoadState('load');
      const sizes = await Promise.all(scripts);
      figures.push({
        page: name,
        run,
        firstViewMs,
        scriptBytes: sizes.reduce((sum, size) => sum + size, 0),
        scripts: sizes.length,
      });
      if (values.screenshots && run === 1) {
        // Let graph layouts and fonts settle before the picture (nothing is measured after this).
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: path.join(outDir, `${name}.png`) });
      }
      if (errors.length || foreignRequests.length)
        failures.push(`${name}: ${[...errors, ...foreignRequests.map((url) => `foreign request ${url}`)].join('\n')}`);
      await page.context().close();
    }
  }
} finally {
  await browser?.close();
  await stop();
}

console.table(
  figures.map(({ page, run, firstViewMs, scriptBytes, scripts }) => ({
    page,
    ...(RUNS > 1 ? { run } : {}),
    'first view (ms)': firstViewMs,
    'JavaScript (KiB, transferred)': +(scriptBytes / 1024).toFixed(1),
    scripts,
  })),
);
console.log(`load average after: ${loads()}`);
if (values.screenshots) {
  writeFileSync(path.join(outDir, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`screenshots: ${PAGES.length} pages in ${path.relative(process.cwd(), outDir) || '.'}/`);
}
for (const failure of failures) console.error(`bench:explorer: ${failure}`);
process.exit(failures.length ? 1 : 0);
