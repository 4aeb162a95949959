/**
 * The schema: every module of types/ and mutations/ registers itself on the builder when imported. All of them
 * are imported, types first, each folder by name, so a new entity's modules need no line here.
 */
import { readdirSync } from 'node:fs';
import { builder } from './builder.ts';

for (const folder of ['types', 'mutations']) {
  const dir = new URL(`./${folder}/`, import.meta.url);
  const modules = readdirSync(dir).filter((name) => name.endsWith('.ts'));
  for (const name of modules.sort()) await import(/* @vite-ignore */ new URL(name, dir).href);
}

export const schema = builder.toSchema();
