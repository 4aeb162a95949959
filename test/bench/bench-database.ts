/**
 * The database `npm run bench` measures: the synthetic graph at a scale, in a database of its own on the
 * PostgreSQL server of DATABASE_URL (`modelgraph_bench_s<scale>`), generated once and reused while the generator
 * is unchanged (a fingerprint of its statements is kept as the database's comment). `dropGraphDatabase` or
 * `dropdb modelgraph_bench_s<scale>` removes it.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createDatabase } from '../../src/db/client.ts';
import { graphStatements } from './synthetic-graph.ts';

export const graphDatabaseName = (scale: number) => `modelgraph_bench_s${String(scale).replace('.', '_')}`;

function withDatabase(url: string, name: string): string {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

async function admin<T>(baseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The graph's database URL; generates the graph (a few minutes at scale 1) unless an identical one is there. */
export async function ensureGraphDatabase(
  baseUrl: string,
  scale: number,
  log: (line: string) => void,
): Promise<{ url: string; name: string; generated: boolean }> {
  const name = graphDatabaseName(scale);
  const statements = graphStatements(scale);
  const fingerprint = `modelgraph bench graph, scale ${scale}, generator ${createHash('sha256').update(statements.join('\n')).digest('hex').slice(0, 16)}`;
  const url = withDatabase(baseUrl, name);
  const existing = await admin(baseUrl, async (client) => {
    const { rows } = await client.query<{ comment: string | null }>(
      `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
      [name],
    );
    return rows[0];
  });
  if (existing?.comment === fingerprint) return { url, name, generated: false };
  await admin(baseUrl, async (client) => {
    if (existing) {
      log(`${name} holds another generator's graph (or an unfinished one): dropping it`);
      await client.query(`drop database ${name} with (force)`);
    }
    await client.query(`create database ${name}`);
  });
  log(`generating the synthetic graph at scale ${scale} in ${name}...`);
  const started = performance.now();
  const database = await createDatabase({ url, poolSize: 2 });
  try {
    await database.migrate();
    for (const statement of statements) await database.db.execute(sql.raw(statement));
  } finally {
    await database.close();
  }
  // Marked complete only now: an interrupted generation is dropped and redone next time.
  await admin(baseUrl, (client) => client.query(`comment on database ${name} is '${fingerprint}'`));
  log(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { url, name, generated: true };
}

export async function dropGraphDatabase(baseUrl: string, name: string): Promise<void> {
  await admin(baseUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
}
