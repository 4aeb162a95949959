/**
 * The migrations produce exactly the SQL objects of src/db/sql: on a freshly migrated database, every function,
 * view, trigger and index is defined (pg_get_functiondef, pg_get_viewdef, pg_get_triggerdef, pg_get_indexdef)
 * as on a database whose SQL objects were dropped and rebuilt from those files, and every such object is created
 * by one of the files. So a reader of src/db/sql sees what runs, and a change made to a file without a migration
 * (or the other way round) fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AppDb, createDatabase, migrationsFolder } from '../src/db/client.ts';
import { readSqlFiles, splitStatements } from '../src/db/sql/files.ts';
import { backendKinds, openBackend } from './helpers/backends.ts';

/** Definitions by "<kind> <name>", and the names of the objects src/db/sql must create (not drizzle's). */
type Catalog = { definitions: Map<string, string>; sqlObjects: string[] };

const rows = async <T>(db: AppDb, query: ReturnType<typeof sql>) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** Indexes drizzle-kit creates from src/db/schema.ts: those of the latest snapshot. */
function schemaIndexNames(): Set<string> {
  const latest = readdirSync(migrationsFolder).sort().at(-1) as string;
  const snapshot = JSON.parse(readFileSync(path.join(migrationsFolder, latest, 'snapshot.json'), 'utf8')) as {
    ddl: { entityType: string; name: string }[];
  };
  return new Set(snapshot.ddl.filter((entity) => entity.entityType === 'indexes').map((entity) => entity.name));
}

/** Every extension, function, view, trigger and index of the public schema, by kind and name, with its definition. */
async function readCatalog(db: AppDb): Promise<Catalog> {
  const objects = await rows<{ key: string; name: string; definition: string; drizzle: boolean }>(
    db,
    sql`
      select 'extension ' || e.extname as key, e.extname as name,
             e.extversion || ' in ' || e.extnamespace::regnamespace as definition, false as drizzle
      from pg_extension e where e.extname <> 'plpgsql'
      union all
      select 'function ' || p.oid::regprocedure, 'function ' || p.proname, pg_get_functiondef(p.oid), false
      from pg_proc p
      where p.pronamespace = 'public'::regnamespace
        and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
      union all
      select 'view ' || c.relname, 'view ' || c.relname, pg_get_viewdef(c.oid), false
      from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('v', 'm')
      union all
      select 'trigger ' || t.tgname || ' on ' || c.relname, 'trigger ' || t.tgname, pg_get_triggerdef(t.oid), false
      from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where not t.tgisinternal and c.relnamespace = 'public'::regnamespace
      union all
      -- Indexes of primary keys and unique constraints are drizzle's too.
      select 'index ' || c.relname, 'index ' || c.relname, pg_get_indexdef(c.oid),
             exists (select 1 from pg_constraint k where k.conindid = c.oid)
      from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'i'`,
  );
  const schemaIndexes = schemaIndexNames();
  return {
    definitions: new Map(objects.map((object) => [object.key, object.definition])),
    sqlObjects: objects
      .filter((object) => !object.key.startsWith('extension ') && !object.drizzle)
      .filter((object) => !(object.key.startsWith('index ') && schemaIndexes.has(object.name.slice('index '.length))))
      .map((object) => object.name)
      .sort(),
  };
}

/** The objects the files create, by the same names ("function x", "view x", "trigger x", "index x"). */
function namesCreatedByFiles(): string[] {
  const pattern =
    /create\s+(?:or\s+replace\s+)?(?:constraint\s+)?(function|view|trigger|index)\s+(?:if\s+not\s+exists\s+)?"?(\w+)"?/gi;
  return readSqlFiles()
    .flatMap((file) => [...file.sql.matchAll(pattern)].map((match) => `${match[1]!.toLowerCase()} ${match[2]}`))
    .sort();
}

/**
 * Drops what src/db/sql creates (extensions, functions, views, triggers, indexes drizzle does not know, with
 * whatever depends on them), then runs the files, statement by statement as the migrator would.
 */
async function rebuildFromFiles(db: AppDb) {
  const schemaIndexes = [...schemaIndexNames()];
  const drops = await rows<{ statement: string }>(
    db,
    sql`
      select format('drop extension if exists %I cascade', extname) as statement
      from pg_extension where extname <> 'plpgsql'
      union all
      select format('drop view if exists %s cascade', c.oid::regclass)
      from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('v', 'm')
      union all
      select format('drop function if exists %s cascade', p.oid::regprocedure)
      from pg_proc p
      where p.pronamespace = 'public'::regnamespace
        and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
      union all
      select format('drop trigger if exists %I on %s', t.tgname, t.tgrelid::regclass)
      from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where not t.tgisinternal and c.relnamespace = 'public'::regnamespace
      union all
      select format('drop index if exists %s', c.oid::regclass)
      from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'i'
        and not exists (select 1 from pg_constraint k where k.conindid = c.oid)
        and c.relname <> all (${`{${schemaIndexes.join(',')}}`}::text[])`,
  );
  for (const { statement } of drops) await db.execute(sql.raw(statement));
  const [left] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from pg_proc where pronamespace = 'public'::regnamespace`,
  );
  expect(left?.n).toBe(0);
  for (const file of readSqlFiles()) {
    for (const statement of splitStatements(file.sql)) {
      try {
        await db.execute(sql.raw(statement));
      } catch (error) {
        throw new Error(`src/db/sql/${file.name}: ${(error as Error).message}\n${statement}`, { cause: error });
      }
    }
  }
}

describe.each(backendKinds)('migrations [%s]', (kind) => {
  let migrated: Catalog;
  let rebuilt: Catalog;
  beforeAll(async () => {
    const fresh = await openBackend(kind, { seed: false });
    try {
      migrated = await readCatalog(fresh.database.db);
    } finally {
      await fresh.close();
    }
    const other = await openBackend(kind, { seed: false });
    try {
      await rebuildFromFiles(other.database.db);
      rebuilt = await readCatalog(other.database.db);
    } finally {
      await other.close();
    }
  });

  test('every function, view, trigger and index is defined as in src/db/sql', () => {
    const [before, after] = [migrated.definitions, rebuilt.definitions];
    const differences = [...new Set([...before.keys(), ...after.keys()])]
      .sort()
      .filter((key) => before.get(key) !== after.get(key))
      .map((key) => ({ object: key, migrations: before.get(key) ?? null, files: after.get(key) ?? null }));
    expect(differences).toEqual([]);
    expect(before.size).toBeGreaterThan(100);
  });

  test('every function, view, trigger and hand-written index is created by a file of src/db/sql', () => {
    const created = new Set(namesCreatedByFiles());
    const objects = migrated.sqlObjects;
    expect(objects.filter((name) => !created.has(name))).toEqual([]);
    expect([...created].filter((name) => !objects.includes(name))).toEqual([]);
    // What the analyst features rely on, by name (a file dropped from the folder would drop these).
    expect(objects).toEqual(
      expect.arrayContaining([
        'function preferred_results',
        'function refresh_result_preferences',
        'trigger result_preference_refresh_at_commit',
        'function model_beats_at',
        'function graph_neighbors',
        'function search_text_words',
        'function require_known_slugs',
        'function audit_row',
        'view model_beats',
        'view graph_edge',
        'trigger model_audit_inserts',
        'index search_document_model_lexemes_idx',
        'trigger model_search_document',
      ]),
    );
  });
});

describe('migration history', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  beforeAll(async () => {
    database = await createDatabase({});
  });
  afterAll(async () => {
    await database?.close();
  });

  test('a database migrated with the squashed history is refused with a clear message', async () => {
    await database.db.execute(sql`create schema drizzle`);
    await database.db.execute(
      sql`create table drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint, name text)`,
    );
    await database.db.execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at, name) values ('x', 0, '20261129001729_init')`,
    );
    await expect(database.migrate()).rejects.toThrow(/older migration history.*delete the PGlite data folder/s);
  });
});

describe.each(backendKinds)('a restart on a migrated database [%s]', (kind) => {
  let backend: Awaited<ReturnType<typeof openBackend>>;
  beforeAll(async () => {
    backend = await openBackend(kind, { seed: false });
  }, 120_000);
  afterAll(async () => {
    await backend?.close();
  });

  test('reads what the database recorded and leaves drizzle’s migrator out: nothing is pending', async () => {
    const applied = await rows<{ name: string }>(
      backend.database.db,
      sql`select name from drizzle.__drizzle_migrations`,
    );
    const local = readdirSync(migrationsFolder).filter((name) => !name.includes('.'));
    expect(applied.map((row) => row.name).sort()).toEqual(local.sort());
    backend.statements.reset();
    await backend.database.migrate();
    // The look at the history: whether drizzle's table exists, and the names it holds. Drizzle's migrator would
    // go on to create its schema and table "if not exists", read the catalog and open a transaction, for nothing.
    expect(backend.statements.statements).toHaveLength(2);
    expect(backend.statements.statements.join('\n')).not.toMatch(/create schema|information_schema|pg_attribute/i);
  });
});
