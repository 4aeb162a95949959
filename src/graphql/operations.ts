/**
 * The example operations in `schema/operations/`: GraphiQL opens with them as tabs, the README shows them,
 * and the tests run them.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectPath } from '../paths.ts';

export const operationsDir = projectPath('schema', 'operations') + path.sep;

export type ExampleOperation = { name: string; query: string; variables?: string };

/** Each `<name>.graphql`, with the variables of a sibling `<name>.variables.json` when there is one. */
export async function loadExampleOperations(dir: string = operationsDir): Promise<ExampleOperation[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.graphql')).sort();
  return Promise.all(
    files.map(async (file) => {
      const name = file.replace(/\.graphql$/, '');
      const query = await readFile(path.join(dir, file), 'utf8');
      const variables = await readFile(path.join(dir, `${name}.variables.json`), 'utf8').catch(() => undefined);
      return variables === undefined ? { name, query } : { name, query, variables };
    }),
  );
}
