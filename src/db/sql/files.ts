/**
 * The SQL that drizzle's schema cannot declare (extensions, functions, views, triggers, indexes on function
 * calls), one file per topic in this folder, run in the order of their numbered names after the tables exist.
 * Each file holds the current definition of its objects: a reader never reconstructs one from the migrations.
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
import { fileURLToPath } from 'node:url';

export const sqlDir = fileURLToPath(new URL('.', import.meta.url));

/** drizzle's statement separator in migrations, also used in these files. */
export const STATEMENT_BREAKPOINT = '--> statement-breakpoint';

/** The files in the order they run: by name (`10-extensions.sql`, `20-search.sql`, ...). */
export function readSqlFiles(): { name: string; sql: string }[] {
  return readdirSync(sqlDir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(new URL(name, import.meta.url), 'utf8') }));
}

/** All files as one migration body, each under its name, a breakpoint between files. */
export function sqlMigration(): string {
  const header =
    '-- The SQL objects of the baseline: src/db/sql/*.sql concatenated by `npm run db:sql`. Read (and change)\n' +
    '-- them there; a change gets a migration of its own (src/db/sql/files.ts).\n';
  return readSqlFiles()
    .map((file) => `-- src/db/sql/${file.name}\n${file.sql.trimEnd()}\n`)
    .join(`${STATEMENT_BREAKPOINT}\n\n`)
    .replace(/^/, `${header}\n`);
}

/** Statements as drizzle's migrator runs them (one at a time), without those that are only comments. */
export function splitStatements(text: string): string[] {
  return text
    .split(STATEMENT_BREAKPOINT)
    .filter((statement) => statement.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('--')));
}
