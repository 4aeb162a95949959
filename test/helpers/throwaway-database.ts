/**
 * A PostgreSQL database of its own for one test suite or benchmark, on the server of `baseUrl`; `drop()`
 * removes it again. No vitest import, so benchmarks can use it too.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export async function createThrowawayDatabase(baseUrl: string, prefix = 'modelgraph_test') {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
