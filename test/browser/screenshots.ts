/**
 * `npm run screenshots`: a 1440×900 screenshot of each Explorer page, into screenshots/ (git-ignored), and the
 * first-view figures of each page: the time from navigation to the page's content being shown (cold cache, a
 * fresh browser context per page, after a first pass over the pages has warmed the server) and the compressed
 * bytes of JavaScript it loaded.
 *
 * It builds the Explorer (cached), then starts the server as `npm start` does, with the landscape seed, on a free
 * port and a database of its own in screenshots/.db/ (seeded on the first run, reused after). `-- --base URL`
 * uses a server already running instead. Chromium: Debian's /usr/bin/chromium (test/helpers/browser.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, root, spawnServer } from '../helpers/server-process.ts';
import { hasChromium, launchChromium, watchedPage } from '../helpers/browser.ts';

/** Each page: its file name, path and what shows that it is ready. */
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

const { values } = parseArgs({ options: { base: { type: 'string' } } });
if (!hasChromium) {
  console.error('screenshots: /usr/bin/chromium is missing (apt-get install chromium)');
  process.exit(1);
}
const outDir = path.join(root, 'screenshots');
mkdirSync(outDir, { recursive: true });

execFileSync(process.execPath, ['src/scripts/explorer-build.mjs'], { cwd: root, stdio: 'inherit' });

let base = values.base;
let stop = async () => {};
if (!base) {
  const port = await freePort();
  const server = spawnServer({ PORT: String(port), DATA_DIR: path.join(outDir, '.db'), SEED: 'landscape' }, [
    'ignore',
    'pipe',
    'inherit',
  ]);
  let output = '';
  server.stdout?.on('data', (chunk) => (output += chunk));
  console.log('screenshots: starting the server (the first run seeds the landscape, about a minute)…');
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
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  };
}

const browser = await launchChromium();
const figures: { page: string; firstViewMs: number; scriptBytes: number; scripts: number }[] = [];
let failed = false;
try {
  // A first pass warms the server (its plan caches, the database's buffers) as any running server is warm;
  // the second is measured, each page in a fresh browser context (nothing cached).
  for (const [, pagePath, ready] of PAGES) {
    const { page } = await watchedPage(browser, base);
    await page.goto(pagePath);
    await page.locator(ready).first().waitFor({ timeout: 60_000 });
    await page.context().close();
  }
  for (const [name, pagePath, ready] of PAGES) {
    const { page, errors, foreignRequests } = await watchedPage(browser, base);
    let scriptBytes = 0;
    let scripts = 0;
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts += 1;
      scriptBytes += Number(response.headers()['content-length'] ?? 0);
    });
    await page.goto(pagePath);
    await page.locator(ready).first().waitFor({ timeout: 60_000 });
    // performance.now() counts from the start of the navigation.
    const firstViewMs = Math.round(await page.evaluate(() => performance.now()));
    figures.push({ page: name, firstViewMs, scriptBytes, scripts });
    // Let graph layouts and fonts settle before the picture (nothing is measured after this).
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(outDir, `${name}.png`) });
    if (errors.length || foreignRequests.length) {
      failed = true;
      console.error(`${name}: ${[...errors, ...foreignRequests.map((url) => `foreign request ${url}`)].join('\n')}`);
    }
    await page.context().close();
  }
} finally {
  await browser.close();
  await stop();
}

console.table(
  figures.map(({ page, firstViewMs, scriptBytes, scripts }) => ({
    page,
    'first view (ms)': firstViewMs,
    'JavaScript (KiB, compressed)': +(scriptBytes / 1024).toFixed(1),
    scripts,
  })),
);
// The machine's load, to read the times by (they stretch on a busy machine).
console.log(
  `load average: ${loadavg()
    .map((load) => load.toFixed(2))
    .join(', ')}`,
);
writeFileSync(path.join(outDir, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
console.log(`screenshots: ${PAGES.length} pages in ${path.relative(process.cwd(), outDir) || '.'}/`);
process.exit(failed ? 1 : 0);
