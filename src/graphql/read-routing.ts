/**
 * Which GraphQL operations read from the replicas (DATABASE_REPLICA_URLS, src/db/replicas.ts): a query
 * operation's execution does, unless its client sent a mutation in the last `stickyMs`; then it reads from the
 * primary, so that a client sees its own writes despite replication lag. A mutation runs entirely on the
 * primary, its payload included. Everything outside an execution (authentication, /ready, the Explorer's files)
 * uses the primary. A client is what the rate limit counts (its credential, else its address).
 *
 * The clients that recently wrote are remembered in this process (an LRU), and with `redis` (REDIS_URL) also in
 * Redis, so that behind a load balancer a client's query that reaches another instance or worker than its
 * mutation did still reads the primary:
 * - A mutation marks its client in both, from its start (a query sent alongside may already need the write) and
 *   again from its end, each time for `stickyMs` (`SET key 1 PX stickyMs`). Its answer waits for Redis to take
 *   the second mark, at most `timeoutMs` (DATABASE_REPLICA_STICKY_REDIS_TIMEOUT_MS),
 *   so that the client's next request finds it wherever it lands.
 * - A query reads the primary when this process remembers its client; otherwise it asks Redis (one `PTTL`, at
 *   most `timeoutMs`); a client Redis remembers is then remembered here too, for what is left of its time.
 * - While Redis does not answer (down, reconnecting, slow), nothing waits for it: each process goes by its own
 *   memory, as without Redis, and logs a warning (at most one a minute). Reads never fail for Redis.
 */
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { readFromReplica } from '../db/replicas.ts';
import { clientKey } from '../http/rate-limit.ts';
import { type Logger, throttledWarning } from '../logger.ts';
import { withTimeout } from '../lib/timeout.ts';

export type ReadRoutingOptions = {
  /** How long after a mutation the same client's queries read from the primary (0: never). @default 5000 */
  stickyMs?: number;
  /** See TRUST_PROXY_HOPS (src/config.ts): how the client's address is found. @default 0 */
  trustProxyHops?: number;
  /**
   * Share the clients that recently wrote through Redis, under `keyPrefix` (one key per client); the caller opens
   * and closes the connection. @default undefined (this process's memory only)
   */
  redis?: StickyRedis | undefined;
};

export type StickyRedis = {
  /** The commands used: `SET ... PX` and `PTTL`, and `status` (only a `ready` connection is asked). */
  client: Pick<Redis, 'status' | 'set' | 'pttl'>;
  keyPrefix: string;
  logger?: Logger | undefined;
  /** Longest a request waits for Redis before going by this process's memory. @default 100 */
  timeoutMs?: number;
};

/** Clients remembered at most (the least recently writing go first). */
const MAX_STICKY_CLIENTS = 10_000;

/** The clients that wrote in Redis: marks and lookups that never throw and never wait longer than the timeout. */
function sharedMemory({ client, keyPrefix, logger, timeoutMs = 100 }: StickyRedis, stickyMs: number) {
  const unavailable = throttledWarning(
    logger,
    'Redis does not answer: a client reads its own writes only on the instance that ran its mutation until it does',
  );
  /** Runs `command` if the connection is ready (a command sent while ioredis reconnects would wait in its queue). */
  const ask = async <T>(command: () => Promise<T>): Promise<T | undefined> => {
    try {
      if (client.status !== 'ready') throw new Error(`connection ${client.status}`);
      return await withTimeout(command(), timeoutMs);
    } catch (error) {
      unavailable(error);
      return undefined;
    }
  };
  return {
    /** Marks `key` as having written now; resolves once Redis took it (or gave up: never rejects). */
    mark: (key: string) => ask(() => client.set(`${keyPrefix}${key}`, '1', 'PX', stickyMs)),
    /** How long `key` stays marked in Redis, in ms: 0 when it is not marked or Redis does not answer. */
    remaining: async (key: string) => {
      const ms = await ask(() => client.pttl(`${keyPrefix}${key}`));
      return ms !== undefined && ms > 0 ? ms : 0;
    },
  };
}

export function useReadRouting({ stickyMs = 5_000, trustProxyHops = 0, redis }: ReadRoutingOptions = {}): Plugin {
  const wrote = stickyMs > 0 ? new LRUCache<string, true>({ max: MAX_STICKY_CLIENTS, ttl: stickyMs }) : undefined;
  const shared = wrote && redis ? sharedMemory(redis, stickyMs) : undefined;
  return {
    onExecute({ args, setExecuteFn, executeFn }) {
      const kind = getOperationAST(args.document, args.operationName)?.operation;
      const context = args.contextValue as { request?: Request };
      const client = () => (context.request ? clientKey(context.request, context, trustProxyHops) : 'unknown');
      if (kind === 'mutation') {
        if (!wrote) return;
        const key = client();
        // From the start (a query sent alongside may already need the write) and again from the end.
        wrote.set(key, true);
        if (!shared) {
          return {
            onExecuteDone() {
              wrote.set(key, true);
            },
          };
        }
        void shared.mark(key);
        setExecuteFn(async (executeArgs) => {
          try {
            return await executeFn(executeArgs);
          } finally {
            wrote.set(key, true);
            await shared.mark(key);
          }
        });
        return;
      }
      if (kind !== 'query') return;
      if (!wrote) {
        setExecuteFn((executeArgs) => readFromReplica(() => executeFn(executeArgs)));
        return;
      }
      const key = client();
      if (wrote.has(key)) return;
      if (!shared) {
        setExecuteFn((executeArgs) => readFromReplica(() => executeFn(executeArgs)));
        return;
      }
      setExecuteFn(async (executeArgs) => {
        const remaining = await shared.remaining(key);
        if (remaining === 0) return readFromReplica(() => executeFn(executeArgs));
        wrote.set(key, true, { ttl: remaining });
        return executeFn(executeArgs);
      });
    },
  };
}
