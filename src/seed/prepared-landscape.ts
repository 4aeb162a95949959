/**
 * The prepared landscape (`data/landscape/every-eval-ever.prepared.gz`): the rows the importer writes when it loads
 * the landscape onto a fresh curated seed, kept so that a first start copies them in instead of parsing and
 * resolving 5,225 records again (src/seed/landscape.ts loads through the importer; this is its recorded outcome).
 *
 * What it holds is the load's audit trail, read back: every row the load inserts is an `insert` row of `change`
 * whose `after` is the row as inserted, in the order the importer's statements inserted them. The file keeps those
 * rows (ids included, timestamps left out) as runs of one table each, in COPY's text format, and a load replays
 * them with COPY, one run after the other, with the tables' triggers on: the audit triggers write the same
 * `change` rows (same ids, same order, this transaction's time and id), the search triggers the same search
 * documents, and the commit the same preferred results, as the importer's own statements did. The identity
 * sequences are then set where the importer left them, and the `seed_run` row is the importer's.
 *
 * It is only valid on the database it was made from: the curated seed just loaded (same seed runs, same sequences),
 * which `loadPreparedLandscape` checks before it writes anything; any other database goes through the importer.
 * And it is only right while the importer, the registry, the seed and the migrations write the rows it holds:
 * `npm run landscape:prepare` makes it again from the landscape file, and test/landscape.test.ts fails when the
 * shipped one differs from what that would write. Migrations are not part of the check: one that leaves the rows
 * alone (a function, an index) needs no new file, and one that changes them fails that test.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { withoutForeignKeys, withoutSecondaryIndexes } from '../db/bulk-load.ts';
import { type AppDb, createDatabase, type Database } from '../db/client.ts';
import * as t from '../db/schema.ts';
import { nameTransaction } from '../write/transaction.ts';
import { BULK_TABLES, defaultLandscapeFile, landscapeRunHash, loadLandscape } from './landscape.ts';
import { loadSeed } from './load.ts';
import { readSeed } from './read.ts';
import { projectPath } from '../paths.ts';

/** The prepared landscape shipped with the repository, made from `defaultLandscapeFile`. */
export const defaultPreparedFile = projectPath('data', 'landscape', 'every-eval-ever.prepared.gz');

const FORMAT = 'modelgraph prepared landscape 1';

/** What the database looks like before the load: a prepared landscape applies only to this state. */
type Base = {
  seedRuns: string[];
  /** Identity sequences: their last value, null when none was drawn. */
  sequences: Record<string, number | null>;
};

export type PreparedHeader = {
  format: typeof FORMAT;
  /** `seed_run.content_hash` of the load (the landscape file's sha256). */
  contentHash: string;
  base: Base;
  /** The sequences after the load. */
  sequences: Record<string, number | null>;
  /** Who wrote the rows, as the audit trail records it. */
  writer: { actor: string; operation: string };
  /** `seed_run.summary` of the load. */
  summary: Record<string, unknown>;
};

/** One COPY: rows of one table, in the order they were inserted. */
type Run = { table: string; columns: string[]; rows: string };

export type PreparedLandscape = { header: PreparedHeader; runs: Run[] };

type Row = Record<string, unknown>;
const rows = async <T = Row>(db: Pick<AppDb, 'execute'>, query: ReturnType<typeof sql>) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

async function baseOf(db: AppDb): Promise<Base> {
  const seedRuns = await rows<{ hash: string }>(db, sql`select content_hash as hash from seed_run order by id`);
  return {
    seedRuns: seedRuns.map((r) => r.hash),
    ...(await sequencesOf(db)),
  };
}

async function sequencesOf(db: AppDb): Promise<{ sequences: Record<string, number | null> }> {
  const found = await rows<{ name: string; value: string | null }>(
    db,
    sql`select sequencename as name, last_value as value from pg_sequences
        where schemaname = current_schema() order by sequencename`,
  );
  return { sequences: Object.fromEntries(found.map((s) => [s.name, s.value === null ? null : Number(s.value)])) };
}

/**
 * The columns a run copies: all but generated ones and those defaulting to `now()` (created and updated times),
 * which the load's own transaction fills in as the importer's did.
 */
async function copiedColumns(db: AppDb, table: string): Promise<string[]> {
  const found = await rows<{ name: string }>(
    db,
    sql`select a.attname as name from pg_attribute a
        left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = ${table}::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
          and coalesce(pg_get_expr(d.adbin, d.adrelid), '') <> 'now()'
        order by a.attnum`,
  );
  return found.map((c) => c.name);
}

/**
 * Loads the landscape through the importer onto a fresh in-memory database with the curated seed, and records
 * what it wrote. Refuses when the load does more than insert rows (an update or a delete has no replay here).
 */
export async function prepareLandscape(landscapeFile = defaultLandscapeFile): Promise<PreparedLandscape> {
  const database = await createDatabase({});
  try {
    await database.migrate();
    await loadSeed(database.db, await readSeed());
    const db = database.db;
    const base = await baseOf(db);
    const load = await loadLandscape(db, { file: landscapeFile });
    if (!load.loaded) throw new Error(`the landscape was not loaded: ${load.report?.problems[0]?.message}`);
    const firstChange = (base.sequences.change_id_seq ?? 0) + 1;
    const changes = await rows<{ id: string; table: string; action: string; actor: string; operation: string }>(
      db,
      sql`select id, table_name as table, action, actor, operation from change where id >= ${firstChange} order by id`,
    );
    const other = changes.find((c) => c.action !== 'insert');
    if (other)
      throw new Error(`the landscape load ${other.action}s a ${other.table} row; only inserts can be replayed`);
    const writers = new Set(changes.map((c) => JSON.stringify([c.actor, c.operation])));
    if (writers.size !== 1) throw new Error(`the landscape's rows have ${writers.size} writers, not one`);
    const [actor, operation] = JSON.parse([...writers][0]!) as [string, string];

    const runs: Run[] = [];
    for (let start = 0; start < changes.length;) {
      const table = changes[start]!.table;
      let end = start;
      while (end < changes.length && changes[end]!.table === table) end++;
      const columns = await copiedColumns(db, table);
      const list = columns.map((c) => `r.${quote(c)}`).join(', ');
      // COPY TO: the rows in COPY's text format, as PostgreSQL prints them (PGlite hands them back as a blob).
      const copied = (await (database.db as unknown as { $client: CopyClient }).$client.query(
        `copy (select ${list} from change c cross join lateral jsonb_populate_record(null::${quote(table)}, c.after) r
               where c.id between ${changes[start]!.id} and ${changes[end - 1]!.id} order by c.id) to '/dev/blob'`,
      )) as { blob?: Blob };
      runs.push({ table, columns, rows: copied.blob ? await copied.blob.text() : '' });
      start = end;
    }
    // Nothing else needs replaying: every write to a graph table is audited (src/db/sql/60-audit.sql), and the
    // rest (search documents, preferences) is derived by the triggers and the commit that the replay runs again.
    const [run] = await rows<{ summary: Record<string, unknown> }>(
      db,
      sql`select summary from seed_run where content_hash = ${load.contentHash}`,
    );
    return {
      header: {
        format: FORMAT,
        contentHash: load.contentHash,
        base,
        ...(await sequencesOf(db)),
        writer: { actor, operation },
        summary: run!.summary,
      },
      runs,
    };
  } finally {
    await database.close();
  }
}

type CopyClient = { query(text: string, values?: unknown[], options?: { blob?: Blob }): Promise<unknown> };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The file: a header line of JSON, then each run as `COPY table (columns)`, its rows, and COPY's `\.`. */
export function writePrepared({ header, runs }: PreparedLandscape): Buffer {
  const parts = [`${JSON.stringify(header)}\n`];
  for (const run of runs) parts.push(`COPY ${run.table} (${run.columns.join(', ')})\n`, run.rows, '\\.\n');
  return gzipSync(parts.join(''), { level: 9 });
}

export function readPrepared(bytes: Buffer): PreparedLandscape {
  const text = gunzipSync(bytes).toString('utf8');
  const headerEnd = text.indexOf('\n');
  const header = JSON.parse(text.slice(0, headerEnd)) as PreparedHeader;
  if (header.format !== FORMAT) throw new Error(`not a prepared landscape of this version: ${header.format}`);
  const runs: Run[] = [];
  // A COPY text row never starts with `\.` followed by a line end: that is COPY's own end marker.
  for (const block of text.slice(headerEnd + 1).split(/^\\\.\n/m)) {
    if (!block) continue;
    const lineEnd = block.indexOf('\n');
    const match = /^COPY (\w+) \(([\w, ]+)\)$/.exec(block.slice(0, lineEnd));
    if (!match) throw new Error(`prepared landscape: unexpected line ${block.slice(0, 80)}`);
    runs.push({ table: match[1]!, columns: match[2]!.split(', '), rows: block.slice(lineEnd + 1) });
  }
  return { header, runs };
}

/** Why a prepared landscape does not apply to this database (null: it does). */
export async function preparedMismatch(
  database: Database,
  prepared: PreparedLandscape,
  landscapeFile: Buffer,
): Promise<string | null> {
  if (!database.copyFrom) return 'the database cannot COPY from memory (PostgreSQL)';
  if (prepared.header.contentHash !== landscapeRunHash(landscapeFile)) return 'made from another landscape file';
  const base = await baseOf(database.db);
  if (JSON.stringify(base) !== JSON.stringify(prepared.header.base)) {
    return 'the database is not the fresh curated seed it was made on (seed runs or sequences differ)';
  }
  return null;
}

/**
 * Replays a prepared landscape (see above) in one transaction. The caller has checked `preparedMismatch`.
 * PGlite only: its single connection runs these statements in order, so an explicit BEGIN holds them together
 * with the COPYs, which go to the client itself.
 */
export async function loadPreparedLandscape(database: Database, { header, runs }: PreparedLandscape): Promise<void> {
  const { db, copyFrom } = database;
  if (!copyFrom) throw new Error('loadPreparedLandscape needs a database that can COPY from memory');
  await db.execute(sql`begin`);
  try {
    await nameTransaction(db, header.writer);
    const tables = [...new Set(runs.map((run) => run.table))];
    await withoutSecondaryIndexes(db, BULK_TABLES, () =>
      withoutForeignKeys(db, tables, async () => {
        for (const run of runs) await copyFrom(`${quote(run.table)} (${run.columns.map(quote).join(', ')})`, run.rows);
      }),
    );
    // The run's mark first: it draws its id from the sequence that the next statements set where the load left it.
    await db.insert(t.seedRun).values({ contentHash: header.contentHash, summary: header.summary });
    for (const [name, value] of Object.entries(header.sequences)) {
      if (value !== null) await db.execute(sql`select setval(${name}::regclass, ${value})`);
    }
    await db.execute(sql`commit`);
  } catch (error) {
    await db.execute(sql`rollback`).catch(() => {});
    throw error;
  }
}

/** The shipped prepared landscape, or undefined when the repository has none. */
export async function readShippedPrepared(file = defaultPreparedFile): Promise<PreparedLandscape | undefined> {
  try {
    return readPrepared(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
