/**
 * `npm run keys -- create --name <who> --role editor|admin` prints a new API key once (only its hash is
 * stored); `npm run keys -- list` lists keys without secrets; `npm run keys -- revoke <id or prefix>`.
 * On the embedded database, stop the server first: PGlite's data folder has one owner at a time.
 */
import { parseArgs } from 'node:util';
import { createApiKey, listApiKeys, revokeApiKey, roles, type Role } from '../auth/api-keys.ts';
import { runWithDatabase } from './cli.ts';

const usage = `usage:
  npm run keys -- create --name <who> --role ${roles.join('|')}
  npm run keys -- list
  npm run keys -- revoke <id or prefix>`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, role: { type: 'string' } },
});
const [command, target] = positionals;

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

if (command === 'create') {
  if (!values.name?.trim()) fail('create needs --name');
  if (!roles.includes(values.role as Role)) fail(`create needs --role ${roles.join(' or ')}`);
} else if (command === 'revoke') {
  if (!target) fail('revoke needs the id or prefix of a key');
} else if (command !== 'list') {
  fail(command ? `unknown command "${command}"` : 'missing command');
}

await runWithDatabase(async (database) => {
  await database.migrate();
  const db = database.db;
  if (command === 'create') {
    const key = await createApiKey(db, { name: (values.name as string).trim(), role: values.role as Role });
    console.log(`created key ${key.id} (${key.name}, ${key.role}). Store it now; it cannot be shown again:`);
    console.log(key.secret);
  } else if (command === 'revoke') {
    const revoked = await revokeApiKey(db, target as string);
    if (revoked.length === 0) {
      console.error(`no active key with id or prefix "${target}"`);
      process.exitCode = 1;
    }
    for (const key of revoked) console.log(`revoked key ${key.id} (${key.name}, ${key.prefix}…)`);
  } else {
    const keys = await listApiKeys(db);
    if (keys.length === 0) console.log('no API keys');
    for (const key of keys) {
      const state = key.revokedAt ? `revoked ${key.revokedAt}` : 'active';
      console.log(`${key.id}\t${key.prefix}…\t${key.role}\t${key.name}\tcreated ${key.createdAt}\t${state}`);
    }
  }
});
