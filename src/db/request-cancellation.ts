/**
 * Ends a request's database work when its HTTP client goes away. The request's execution runs inside
 * `run(signal, fn)`; AsyncLocalStorage follows it through promises, DataLoader batches and timers, so the pool
 * knows which request each statement belongs to. Once the signal aborts:
 * - the statements the request is running are cancelled on the server (`pg_cancel_backend` of the backends of
 *   the connections it holds), and those connections are closed instead of returned to the pool, so a late
 *   cancel can never hit another request's statement;
 * - no statement or transaction of the request starts any more: it fails as a cancelled statement would.
 * Statements outside a request (start-up, scripts, /ready) are not touched. PGlite (`refuseAfterAbort`) is one
 * connection inside this process whose running statement cannot be cancelled: there the request only starts no
 * more statements.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

type RequestScope = { signal: AbortSignal; clients: Set<pg.PoolClient>; cancelled: Set<pg.PoolClient> };

/** What the request sees when it tries to start a statement after its client left: a cancelled statement. */
export class RequestAbortedError extends Error {
  /** SQLSTATE query_canceled, as PostgreSQL reports a cancelled statement: the errors the request gets agree. */
  readonly code = '57014';
  constructor() {
    super('canceling statement: the client of this request went away');
    this.name = 'RequestAbortedError';
  }
}

/**
 * Wraps `pool.query` and `pool.connect` so that statements run inside `run` belong to its request.
 * `cancelBackends` cancels the statements running on the given backend process ids.
 */
export function cancelOnAbort(pool: pg.Pool, cancelBackends: (pids: number[]) => Promise<void>) {
  const storage = new AsyncLocalStorage<RequestScope>();
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<pg.PoolClient>;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;

  async function checkout(scope: RequestScope): Promise<pg.PoolClient> {
    if (scope.signal.aborted) throw new RequestAbortedError();
    const client = await connect();
    const release = client.release.bind(client);
    // A connection a cancel was sent for is closed: the cancel may still arrive after its statement ended.
    client.release = (error?: Error | boolean) => {
      scope.clients.delete(client);
      release(error ?? scope.cancelled.has(client));
    };
    if (scope.signal.aborted) {
      client.release();
      throw new RequestAbortedError();
    }
    scope.clients.add(client);
    return client;
  }

  pool.query = ((...args: unknown[]) => {
    const scope = storage.getStore();
    // Callback-style calls are the driver's own; drizzle uses promises.
    if (!scope || args.some((arg) => typeof arg === 'function')) return query(...args);
    return checkout(scope).then(async (client) => {
      try {
        const result = await client.query(args[0] as pg.QueryConfig, args[1] as unknown[]);
        client.release();
        return result;
      } catch (error) {
        // As pg-pool's own `query` does: a connection whose statement failed is not reused.
        client.release(error as Error);
        throw error;
      }
    });
  }) as typeof pool.query;

  pool.connect = ((...args: unknown[]) => {
    const scope = storage.getStore();
    if (!scope || args.length) return connect(...args);
    return checkout(scope);
  }) as typeof pool.connect;

  function onAbort(scope: RequestScope) {
    const running = [...scope.clients];
    for (const client of running) scope.cancelled.add(client);
    const pids = running.map((client) => (client as { processID?: number }).processID).filter((pid) => pid != null);
    // The request has nobody to answer; a failed cancel leaves the statement to the statement timeout.
    if (pids.length) cancelBackends(pids as number[]).catch(() => {});
  }

  return {
    /** Runs `fn` (a request's execution) so that its statements are cancelled when `signal` aborts. */
    run<T>(signal: AbortSignal, fn: () => T): T {
      const scope: RequestScope = { signal, clients: new Set(), cancelled: new Set() };
      const abort = () => onAbort(scope);
      signal.addEventListener('abort', abort, { once: true });
      const result = storage.run(scope, fn);
      if (result instanceof Promise) {
        return result.finally(() => signal.removeEventListener('abort', abort)) as T;
      }
      return result;
    },
  };
}

/**
 * PGlite: after the signal aborts, the request's statements and transactions are refused when they are asked
 * for. Statements inside a transaction use the transaction's own methods, so a transaction already begun still
 * commits or rolls back.
 */
export function refuseAfterAbort(client: { query: unknown; transaction: unknown }) {
  const storage = new AsyncLocalStorage<AbortSignal>();
  for (const method of ['query', 'transaction'] as const) {
    const original = (client[method] as (...args: unknown[]) => Promise<unknown>).bind(client);
    client[method] = (...args: unknown[]) =>
      storage.getStore()?.aborted ? Promise.reject(new RequestAbortedError()) : original(...args);
  }
  return {
    /** Runs `fn` (a request's execution) so that its statements are refused once `signal` aborts. */
    run: <T>(signal: AbortSignal, fn: () => T): T => storage.run(signal, fn),
  };
}
