/**
 * Connections to the Redis that instances share (REDIS_URL): the response cache, rate-limit counters,
 * subscription events and read routing's clients that just wrote use it. Each caller opens its own connection (a subscribing connection can do nothing
 * else) and closes it; nothing connects on import.
 */
import { Redis } from 'ioredis';
import type { Config } from './config.ts';

export type RedisOptions = NonNullable<Config['redis']>;

/**
 * Opens a connection named for its use (shown by `CLIENT LIST`). Commands wait while Redis is unreachable and
 * fail after a few retries instead of hanging a request; the connection keeps reconnecting with backoff.
 * A `keyPrefix` is prepended to every key its commands name.
 */
export function openRedis({ url }: RedisOptions, name: string, { keyPrefix }: { keyPrefix?: string } = {}): Redis {
  return new Redis(url, {
    connectionName: `modelgraph-${name}`,
    // Prepended by ioredis to every key of every command (not to KEYS/SCAN patterns), for libraries that take a
    // connection and name their keys themselves.
    ...(keyPrefix === undefined ? {} : { keyPrefix }),
    maxRetriesPerRequest: 2,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
}

/** The key (or channel) `name` in this deployment's namespace. */
export function redisKey({ keyPrefix }: RedisOptions, name: string): string {
  return `${keyPrefix}${name}`;
}
