/**
 * Files the server reads at run time (migrations, seed, registry, SQL, example operations) are found from the
 * project's folder, the one holding package.json, not from each module's own location: the same paths work when
 * the code runs from src/ (tsx, the tests) and from the built dist/server.js (`npm start`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project, from its parts: `projectPath('data', 'seed')`. */
export const projectPath = (...parts: string[]): string => path.join(projectRoot, ...parts);
