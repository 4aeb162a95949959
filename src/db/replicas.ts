/**
 * Read replicas (DATABASE_REPLICA_URLS): a pool that drizzle and the compiled query path use like a `pg.Pool`,
 * and that sends each statement to the primary or to a streaming replica.
 *
 * - A statement goes to a replica only inside `readFromReplica(fn)`: the server runs the execution of a GraphQL
 *   query operation there (src/graphql/read-routing.ts). Everything else (mutations, authentication, start-up,
 *   migrations, seeding, imports, scripts) runs outside it and uses the primary.
 * - Replicas take turns (round robin) among those not marked down.
 * - A replica whose connection fails (refused, reset, terminated, shut down, not accepting connections) is marked
 *   down for `retryMs`: the statement runs again on the primary, so the request does not fail, and reads skip
 *   the replica until then; the first read after that tries it again.
 * - A statement a replica refuses because it writes (SQLSTATE 25006, read-only transaction) runs on the primary,
 *   and the rest of that request's statements too, so that it reads what it wrote. A statement cancelled by a
 *   conflict with recovery (40001 on a standby) runs again on the primary.
 * Replicas lag behind the primary (asynchronous streaming replication): a read may miss a write of the last
 * moments. See README "Scaling out" for what the server does about it (stickiness after a mutation).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

export type PoolStats = { total: number; idle: number; waiting: number };

export type ReplicaStats = {
  /** `replica-1`, `replica-2`... in the order of DATABASE_REPLICA_URLS. */
  name: string;
  /** host:port/database, never credentials. */
  address: string;
  /** False from a connection failure until the replica answers again (a read after `retryMs`, or /ready). */
  up: boolean;
  /** Statements the replica answered. */
  statements: number;
  /** Statements that were meant for the replica and ran on the primary instead. */
  fallbacks: number;
  pool: PoolStats;
};

export type Replica = {
  name: string;
  address: string;
  pool: pg.Pool;
  downUntil: number;
  statements: number;
  fallbacks: number;
};

export type ReplicaEvents = {
  down?: (replica: Replica, error: unknown) => void;
  up?: (replica: Replica) => void;
};

type Route = { toReplica: boolean };
const routing = new AsyncLocalStorage<Route>();

/** Runs `fn` so that its statements read from a replica, when the database has one that is up. */
export function readFromReplica<T>(fn: () => T): T {
  return routing.run({ toReplica: true }, fn);
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const CONNECTION_ERRORS_DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** The connection to the server failed or was cut: the replica is down, not the statement wrong. */
export function isConnectionFailure(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (CONNECTION_ERRORS.has(code) || CONNECTION_ERRORS_DNS.has(code)) return true;
    // connection_exception, admin/crash shutdown, cannot connect now (starting up or shutting down).
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
  }
  return typeof message === 'string' && /^Connection terminated/.test(message);
}

/** What to do when a replica fails a statement: run it on the primary, and whether the replica is down. */
function fallback(error: unknown): { retry: boolean; down: boolean; stayOnPrimary: boolean } {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (isConnectionFailure(error)) return { retry: true, down: true, stayOnPrimary: false };
  // The pool of the replica is exhausted (pg-pool's acquire timeout): the primary may have room.
  if (error instanceof Error && /timeout exceeded when trying to connect/.test(error.message)) {
    return { retry: true, down: false, stayOnPrimary: false };
  }
  if (code === '25006') return { retry: true, down: false, stayOnPrimary: true };
  if (code === '40001') return { retry: true, down: false, stayOnPrimary: false };
  return { retry: false, down: false, stayOnPrimary: false };
}

type QueryFn = (...args: unknown[]) => Promise<unknown>;

/**
 * Looks like a pg.Pool to drizzle (its name ends in "Pool": drizzle's node-postgres session checks for it before
 * taking a connection for a transaction) and to `Database.query`.
 */
export class ReplicaRoutingPool {
  private turn = 0;

  constructor(
    private readonly primary: pg.Pool,
    readonly replicas: readonly Replica[],
    private readonly retryMs: number,
    private readonly events: ReplicaEvents = {},
  ) {}

  /** The replica for the next statement, or undefined for the primary. */
  private pick(): Replica | undefined {
    const route = routing.getStore();
    if (!route?.toReplica || this.replicas.length === 0) return undefined;
    const now = Date.now();
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(this.turn + i) % this.replicas.length]!;
      if (replica.downUntil <= now) {
        this.turn = (this.turn + i + 1) % this.replicas.length;
        return replica;
      }
    }
    return undefined;
  }

  private answered(replica: Replica) {
    replica.statements += 1;
    this.markUp(replica);
  }

  private markUp(replica: Replica) {
    if (replica.downUntil !== 0) {
      replica.downUntil = 0;
      this.events.up?.(replica);
    }
  }

  private markDown(replica: Replica, error: unknown) {
    const wasUp = replica.downUntil === 0;
    replica.downUntil = Date.now() + this.retryMs;
    if (wasUp) this.events.down?.(replica, error);
  }

  private failed(replica: Replica, error: unknown): boolean {
    const { retry, down, stayOnPrimary } = fallback(error);
    if (!retry) return false;
    replica.fallbacks += 1;
    if (down) this.markDown(replica, error);
    if (stayOnPrimary) {
      const route = routing.getStore();
      if (route) route.toReplica = false;
    }
    return true;
  }

  query(...args: unknown[]): Promise<unknown> {
    const replica = this.pick();
    const onPrimary = () => (this.primary.query as QueryFn)(...args);
    if (!replica) return onPrimary();
    return (replica.pool.query as QueryFn)(...args).then(
      (result) => {
        this.answered(replica);
        return result;
      },
      (error: unknown) => {
        if (this.failed(replica, error)) return onPrimary();
        throw error;
      },
    );
  }

  /** A connection (drizzle's transactions): a replica's when reading, the primary's when the replica fails to connect. */
  async connect(): Promise<pg.PoolClient> {
    const replica = this.pick();
    if (!replica) return this.primary.connect();
    try {
      const client = await replica.pool.connect();
      this.answered(replica);
      return client;
    } catch (error) {
      if (this.failed(replica, error)) return this.primary.connect();
      throw error;
    }
  }

  /**
   * Asks every replica `select 1` (on /ready): one that answers is marked up at once, one whose connection fails
   * is marked down, so that the health shown follows the replicas even while no query reads.
   */
  async probe(timeoutMs: number): Promise<ReplicaStats[]> {
    await Promise.all(
      this.replicas.map(async (replica) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' })), timeoutMs);
        });
        try {
          await Promise.race([replica.pool.query('select 1'), timeout]);
          this.markUp(replica);
        } catch (error) {
          if (isConnectionFailure(error)) this.markDown(replica, error);
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return this.stats();
  }

  /**
   * How far every replica that is up has replayed the primary's WAL: the least of their replay positions
   * (`pg_last_wal_replay_lsn()`), or null when there is no replica to wait for (all down, or none in recovery).
   * A replica whose connection fails is marked down and left out.
   */
  async replayed(): Promise<bigint | null> {
    const positions = await Promise.all(
      this.replicas
        .filter((replica) => replica.downUntil <= Date.now())
        .map(async (replica) => {
          try {
            const { rows } = await replica.pool.query<{ lsn: string | null }>(
              'select pg_last_wal_replay_lsn()::text as lsn',
            );
            const lsn = rows[0]?.lsn;
            return lsn ? lsnValue(lsn) : null;
          } catch (error) {
            if (isConnectionFailure(error)) this.markDown(replica, error);
            return null;
          }
        }),
    );
    const known = positions.filter((position) => position !== null);
    return known.length ? known.reduce((least, position) => (position < least ? position : least)) : null;
  }

  stats(): ReplicaStats[] {
    return this.replicas.map(({ name, address, pool, downUntil, statements, fallbacks }) => ({
      name,
      address,
      up: downUntil === 0,
      statements,
      fallbacks,
      pool: { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount },
    }));
  }
}

/** A WAL position (`pg_lsn` as text, `16/B374D848`) as a number, to compare positions. */
export function lsnValue(lsn: string): bigint {
  const [high = '0', low = '0'] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** host:port/database of a PostgreSQL URL, never its user or password. */
export function databaseAddress(url: string): string {
  const { hostname, port, pathname } = new URL(url);
  return `${hostname}:${port || 5432}${pathname}`;
}
