/**
 * `npm start`: builds what is stale, the Explorer (src/scripts/explorer-build.mjs) and the server's bundle
 * (src/scripts/build-server.mjs), each in a process of its own, then runs the server (dist/server.js) in this
 * process. When nothing changed, both checks take a few ms here, instead of two more Node processes started one
 * after the other before the server's (`prestart`, then `build-server.mjs && node dist/server.js`: about 0.1 s
 * each on a quiet machine, more on a busy one). Started with the server's Node flags (package.json, the Dockerfile,
 * test/helpers/server-process.ts); the workers of `--workers N` run this file again and go straight to the server.
 * Plain JavaScript, so that it runs before anything is built.
 */
import { execFileSync } from 'node:child_process';
import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { bundleIsStale } from './build-server.mjs';
import { explorerIsUpToDate } from './explorer-build.mjs';

if (cluster.isPrimary) {
  const run = (script) =>
    execFileSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], { stdio: 'inherit' });
  if (!explorerIsUpToDate()) run('./explorer-build.mjs');
  if (bundleIsStale()) run('./build-server.mjs');
}
await import('../../dist/server.js');
