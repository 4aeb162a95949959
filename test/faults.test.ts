/**
 * Faults between the server and PostgreSQL (PostgreSQL only: PGlite runs in the process). Connections are cut
 * by a TCP proxy while transactions hold clients checked out of the pool.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDatabase, type Database } from '../src/db/client.ts';
import { postgresUrl } from './helpers/backends.ts';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.ts';
import { createThrowawayDatabase } from './helpers/throwaway-database.ts';

describe.runIf(postgresUrl)('PostgreSQL connection faults', () => {
  let proxy: TcpProxy;
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const throwaway = await createThrowawayDatabase(postgresUrl!);
    drop = throwaway.drop;
    const url = new URL(throwaway.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    database = await createDatabase({ url: url.toString(), poolSize: 20 });
  });

  afterAll(async () => {
    await database?.close();
    await proxy?.close();
    await drop?.();
  });

  test('connections cut during 20 open transactions fail those transactions, not the process', async () => {
    let entered = 0;
    let allInside = () => {};
    const inside = new Promise<void>((resolve) => (allInside = resolve));
    const writers = Array.from({ length: 20 }, () =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        if (++entered === 20) allInside();
        // Held open until the cut: the client is checked out of the pool when its socket is reset.
        await tx.execute(sql`select pg_sleep(30)`);
      }),
    );
    await inside;
    proxy.cut();
    const outcomes = await Promise.allSettled(writers);
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    // The pool dropped the broken clients: new work gets fresh connections through the proxy.
    await database.ping();
    const result = (await database.db.execute(sql`select 42 as answer`)) as unknown as { rows: { answer: number }[] };
    expect(result.rows[0]!.answer).toBe(42);
  });
});
