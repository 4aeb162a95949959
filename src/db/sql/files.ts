/**
 * The SQL that drizzle's schema cannot declare (extensions, functions, views, triggers, indexes on function
 * calls), one file per topic in this folder, run in the order of their numbered names after the tables exist.
 * Each file holds the current definition of its objects: a reader never reconstructs one from the migrations.
 * One set is written from the entity registry instead (`auditTriggers`): the audit triggers of each entity table.
 *
 * The migrations must produce exactly these definitions (test/migrations.test.ts). The baseline's custom
 * migration is their concatenation (`npm run db:sql`). To change an object later:
 *   1. edit its file here (every statement is `create or replace` / `if not exists`, so the file can be run as
 *      it is on a development database);
 *   2. `npx drizzle-kit generate --custom --name <what-changed>` and paste the changed statements into the new
 *      migration (plus a `drop` first where `create or replace` cannot do it: a function's return type, a view's
 *      columns, a removed object);
 *   3. `npx vitest run test/migrations.test.ts`: it fails until the migrations produce the file's definitions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getTableName } from 'drizzle-orm';
import { AUDITED_KINDS, entities } from '../entities.ts';
import { projectPath } from '../../paths.ts';

export const sqlDir = projectPath('src', 'db', 'sql') + path.sep;

/** drizzle's statement separator in migrations, also used in these files. */
export const STATEMENT_BREAKPOINT = '--> statement-breakpoint';

/** The files in the order they run: by name (`10-extensions.sql`, `20-search.sql`, ...), then `auditTriggers()`. */
export function readSqlFiles(): { name: string; sql: string }[] {
  const files = readdirSync(sqlDir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(sqlDir, name), 'utf8') }));
  return [...files, { name: 'entities.ts (audit triggers)', sql: auditTriggers() }];
}

/**
 * The audit triggers of every registry kind with `audited: true` (60-audit.sql defines their functions): on the
 * entity's table (the id is `id`) and on its `<entity>_source` table (the entity's id is `entity_id`). Written
 * from the registry so that a new entity is audited by `npm run db:sql`, not by a hand-written list.
 */
export function auditTriggers(): string {
  const triggers = (table: string, kind: string, idColumn: string) => [
    `CREATE OR REPLACE TRIGGER ${table}_audit AFTER UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_row('${kind}', '${idColumn}');`,
    `CREATE OR REPLACE TRIGGER ${table}_audit_inserts AFTER INSERT ON ${table} REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION audit_inserts('${kind}', '${idColumn}');`,
  ];
  const statements = AUDITED_KINDS.flatMap((kind) => {
    const { sources } = entities[kind];
    return [
      ...triggers(kind, kind, 'id'),
      ...(sources === null ? [] : triggers(getTableName(sources), kind, 'entity_id')),
    ];
  });
  return (
    '-- The audit triggers of the entity tables and their source links, one pair per table: written by\n' +
    '-- src/db/sql/files.ts from the kinds of src/db/entities.ts with `audited: true`.\n' +
    statements.join(`\n${STATEMENT_BREAKPOINT}\n`) +
    '\n'
  );
}

/** All files as one migration body, each under its name, a breakpoint between files. */
export function sqlMigration(): string {
  const header =
    "-- The SQL objects: src/db/sql/*.sql and the registry's audit triggers, concatenated by `npm run db:sql`.\n" +
    '-- Read (and change) them there. Every statement is idempotent, so this may run over an older version.\n';
  return readSqlFiles()
    .map((file) => `-- src/db/${file.name.endsWith('.sql') ? 'sql/' : ''}${file.name}\n${file.sql.trimEnd()}\n`)
    .join(`${STATEMENT_BREAKPOINT}\n\n`)
    .replace(/^/, `${header}\n`);
}

/** Statements as drizzle's migrator runs them (one at a time), without those that are only comments. */
export function splitStatements(text: string): string[] {
  return text
    .split(STATEMENT_BREAKPOINT)
    .filter((statement) => statement.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('--')));
}
