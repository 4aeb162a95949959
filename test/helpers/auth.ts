/**
 * API keys for tests that write: `withApiKeys(backend)` is vitest's `test` with a `keys` fixture, an editor's and an
 * admin's key (created once per database) and the actor names the audit trail records for them.
 */
import { test } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys.ts';
import type { Database } from '../../src/db/client.ts';
import type { TestBackend } from './backends.ts';

export type ApiKeys = {
  /** The editor's secret, for `executeAs`. */
  editor: string;
  admin: string;
  /** The audit trail's actor of a write with the editor's key: `api-key:<id> (<name>)`. */
  editorActor: string;
  adminActor: string;
};

export type KeyNames = { editor: string; admin: string };

const created = new WeakMap<Database, Map<string, Promise<ApiKeys>>>();

/** An editor's and an admin's key named `names` in `database`, created on the first call and reused after. */
export function apiKeys(database: Database, names: KeyNames = { editor: 'edith', admin: 'ada' }): Promise<ApiKeys> {
  const byNames = created.get(database) ?? new Map<string, Promise<ApiKeys>>();
  created.set(database, byNames);
  const id = `${names.editor}/${names.admin}`;
  let keys = byNames.get(id);
  if (!keys) {
    keys = (async () => {
      const editor = await createApiKey(database.db, { name: names.editor, role: 'editor' });
      const admin = await createApiKey(database.db, { name: names.admin, role: 'admin' });
      return {
        editor: editor.secret,
        admin: admin.secret,
        editorActor: `api-key:${editor.id} (${names.editor})`,
        adminActor: `api-key:${admin.id} (${names.admin})`,
      };
    })();
    byNames.set(id, keys);
  }
  return keys;
}

/** `test` with a `keys` fixture holding the keys of `apiKeys` in the suite's backend. */
export function withApiKeys(backend: () => TestBackend, names?: KeyNames) {
  return test.extend<{ keys: ApiKeys }>({
    // The empty pattern is vitest's: it reads which other fixtures a fixture needs from it.
    keys: async ({}, use) => {
      await use(await apiKeys(backend().database, names));
    },
  });
}
