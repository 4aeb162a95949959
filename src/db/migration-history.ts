/**
 * The unreleased migrations were squashed into one baseline (drizzle/): a database migrated with the old
 * history has none of today's migrations recorded, and drizzle's migrator would run the baseline over its
 * tables and stop at the first CREATE TYPE ("already exists"). Say what happened instead.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { AppDb } from './client.ts';

/**
 * The migrations of `migrationsFolder` the database has not recorded as applied, by name (all of them on a new
 * database). Throws when the database has applied migrations, none of which is in `migrationsFolder`.
 */
export async function pendingMigrations(db: AppDb, migrationsFolder: string): Promise<string[]> {
  const rows = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  const [table] = await rows<{ present: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  const local = readdirSync(migrationsFolder).filter((name) =>
    existsSync(path.join(migrationsFolder, name, 'migration.sql')),
  );
  if (!table?.present) return local;
  const applied = (await rows<{ name: string | null }>(sql`select name from drizzle.__drizzle_migrations`)).map(
    (row) => row.name,
  );
  const pending = local.filter((name) => !applied.includes(name));
  if (applied.length === 0 || pending.length < local.length) return pending;
  throw new Error(
    `The database was migrated with an older migration history (${applied.length} migrations, none of which ` +
      'exists any more: they were squashed into one baseline before the first release). Start from an empty ' +
      'database: delete the PGlite data folder (DATA_DIR, .data/ by default), or drop and recreate the PostgreSQL database.',
  );
}
