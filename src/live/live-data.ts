/**
 * Live data for one server process: the change feed (change-feed.ts) turned into batches that subscriptions
 * read and that evict the response cache (src/http/response-cache.ts).
 *
 * - Without Redis, each process handles every committed transaction itself: it reads the batch, evicts its own
 *   in-memory cache, and hands the batch to its own subscribers (Yoga's in-memory pub/sub).
 * - With Redis, the first instance to claim a transaction (SET NX) handles it for all: it evicts the shared
 *   cache in Redis and publishes the batch on a Redis channel (`@graphql-yoga/redis-event-target`), which
 *   every instance, itself included, hands to its subscribers. The others skip it.
 * Either way every instance hears every transaction from PostgreSQL, the CLI importer's included. On PGlite
 * there is only this process to hear (its data folder admits one process).
 *
 * With read replicas, a read right after the eviction may be answered by a replica that has not replayed the
 * transaction yet, and that old answer cached. So whoever evicted evicts the same answers again once every replica
 * that is up has replayed the primary's WAL up to where it was when the transaction was handled (asked every
 * REPLAY_POLL_MS; after REPLAY_WAIT_MS it evicts anyway and warns: a replica lagging that far serves old data
 * whatever the cache does).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from 'graphql-yoga';
import type { Database } from '../db/client.ts';
import { AUDITED_KINDS } from '../db/entities.ts';
import { lsnValue } from '../db/replicas.ts';
import type { Logger } from '../logger.ts';
import { openRedis, type RedisOptions, redisKey } from '../redis.ts';
import { createMemoryCache } from '../http/memory-cache.ts';
import { type Cache, createRedisResponseCache, evictionsOf } from '../http/response-cache.ts';
import { type ChangeBatch, listenForChanges, readChangeBatch } from './change-feed.ts';

/** Subscriptions one process serves at once (SSE and WebSocket together); the next one is refused. */
export const MAX_SUBSCRIPTIONS_PER_PROCESS = 1000;

/** Batches a subscriber may have waiting (a slow client); beyond, the oldest are dropped. */
const MAX_PENDING_BATCHES = 100;

/** How long an instance's claim on a transaction is kept in Redis, in seconds. */
const CLAIM_SECONDS = 600;

/** How often the replicas' replay position is asked while evictions wait for it. */
const REPLAY_POLL_MS = 100;

/** Longest an eviction waits for the replicas to replay a transaction. */
const REPLAY_WAIT_MS = 30_000;

type Evictions = ReturnType<typeof evictionsOf>;

/**
 * Evictions that wait until the replicas have replayed the WAL up to the primary's position when they were
 * added; in the order added (commit order), any number at once.
 */
function evictAfterReplay(
  database: Database,
  replicas: NonNullable<Database['replicas']>,
  cache: Cache,
  log: Logger | undefined,
) {
  const pending: { lsn: bigint; records: Evictions; since: number }[] = [];
  let looping = false;
  let closed = false;
  let loop: Promise<void> = Promise.resolve();
  const evict = async (count: number) => {
    for (const { records } of pending.splice(0, count)) await cache.invalidate(records);
  };
  const run = async () => {
    try {
      while (pending.length > 0 && !closed) {
        await sleep(REPLAY_POLL_MS);
        const replayed = await replicas.replayed();
        const waiting = replayed === null ? -1 : pending.findIndex(({ lsn }) => lsn > replayed);
        const due = waiting === -1 ? pending.length : waiting;
        await evict(due);
        if (pending.length > 0 && Date.now() - pending[0]!.since > REPLAY_WAIT_MS) {
          log?.warn(
            { waitedMs: Date.now() - pending[0]!.since },
            'response cache: the replicas have not replayed a transaction yet: evicting its answers anyway',
          );
          await evict(1);
        }
      }
    } catch (error) {
      log?.error({ err: error }, 'response cache: evicting after the replicas replayed failed; evicting now');
      await evict(pending.length).catch(() => {});
    } finally {
      looping = false;
    }
  };
  return {
    async add(records: Evictions) {
      const [row] = await database.query({ text: 'select pg_current_wal_lsn()::text as lsn', values: [] });
      pending.push({ lsn: lsnValue(row!.lsn as string), records, since: Date.now() });
      if (!looping && !closed) {
        looping = true;
        loop = run();
      }
    },
    /** Stops waiting: what waits is evicted now. */
    async close() {
      closed = true;
      await loop;
      await evict(pending.length);
    },
  };
}

export type LiveDataOptions = {
  database: Database;
  /** PostgreSQL: the primary's URL, for the listening connection (needed with read replicas). */
  databaseUrl?: string | undefined;
  /** Share events and the response cache through Redis. */
  redis?: RedisOptions | undefined;
  logger?: Logger | undefined;
  /** Keep a response cache that the change feed evicts. @default false */
  responseCache?: boolean;
  /** @default MAX_SUBSCRIPTIONS_PER_PROCESS */
  maxSubscriptions?: number;
};

export type LiveData = {
  /** The committed transactions from now on, until the iterator is returned. */
  changes(): AsyncIterableIterator<ChangeBatch>;
  /** The response cache this feed evicts (when asked for). */
  cache: Cache | undefined;
  /** Takes a subscription slot: returns its release, or undefined when the process serves its maximum. */
  acquire(): (() => void) | undefined;
  /** Subscriptions served now. */
  subscriptions(): number;
  /** Stops listening and ends every subscription. */
  close(): Promise<void>;
};

type PublishClient = Parameters<typeof createRedisEventTarget>[0]['publishClient'];

/**
 * The publishing client as the Redis event target uses it (`publish` only), with each publish's failure logged:
 * the event target does not wait for its publishes, so a rejected one (Redis gone between the claim and the
 * publish) would be an unhandled rejection, which ends a Node process. The event is lost, as with Redis down.
 */
export function loggedPublishes(client: Pick<PublishClient, 'publish'>, log?: Logger): PublishClient {
  const publish = (channel: string, message: string) =>
    client.publish(channel, message).catch((error: unknown) => {
      log?.warn({ err: error, channel }, 'change feed: Redis did not take an event: subscribers elsewhere miss it');
      return 0;
    });
  return { publish } as unknown as PublishClient;
}

export async function startLiveData({
  database,
  databaseUrl,
  redis,
  logger,
  responseCache = false,
  maxSubscriptions = MAX_SUBSCRIPTIONS_PER_PROCESS,
}: LiveDataOptions): Promise<LiveData> {
  const log = logger?.child({ component: 'live' });
  const connections = redis
    ? {
        publish: openRedis(redis, 'events-publish'),
        subscribe: openRedis(redis, 'events-subscribe'),
        cache: responseCache ? openRedis(redis, 'response-cache', { keyPrefix: redisKey(redis, 'cache:') }) : undefined,
      }
    : undefined;
  // Connection errors are retried by ioredis and reported by the commands that fail.
  for (const connection of Object.values(connections ?? {})) connection?.on('error', () => {});
  const topic = redis ? redisKey(redis, 'changes') : 'changes';
  const pubsub = createPubSub<Record<string, [ChangeBatch]>>(
    connections
      ? {
          eventTarget: createRedisEventTarget({
            publishClient: loggedPublishes(connections.publish, log),
            subscribeClient: connections.subscribe,
          }),
        }
      : {},
  );
  const cache = responseCache
    ? connections?.cache
      ? createRedisResponseCache(connections.cache, log)
      : createMemoryCache()
    : undefined;

  const afterReplay =
    cache && database.replicas ? evictAfterReplay(database, database.replicas, cache, log) : undefined;

  // One subscription to the topic per process, handed to each local subscriber.
  // Each local subscriber: how to deliver a batch to it, and how to end it (on close).
  const subscribers = new Map<(batch: ChangeBatch) => void, () => void>();
  const incoming = pubsub.subscribe(topic);
  void (async () => {
    for await (const batch of incoming) for (const deliver of subscribers.keys()) deliver(batch);
  })().catch((error: unknown) => log?.error({ err: error }, 'change feed: delivery stopped'));
  // The topic's SUBSCRIBE is sent when the iteration above starts; waiting for it here means that a
  // transaction committed once start-up is over reaches this instance.
  if (connections) await connections.subscribe.subscribe(topic);

  const handle = async (transactionId: string) => {
    let publish = true;
    if (connections) {
      const claimed = await connections.publish
        .set(redisKey(redis!, `change-feed:${transactionId}`), '1', 'EX', CLAIM_SECONDS, 'NX')
        .catch((error: unknown) => {
          log?.warn(
            { err: error, transactionId },
            'change feed: Redis does not answer: evicting here, no event published for this transaction',
          );
          return undefined;
        });
      // Another instance has it.
      if (claimed === null) return;
      // Unclaimed for Redis not answering: the cache, failing to evict, empties itself once Redis is back.
      publish = claimed === 'OK';
    }
    const batch = await readChangeBatch(database, transactionId);
    const evictions = evictionsOf(batch);
    await cache?.invalidate(evictions);
    if (publish) pubsub.publish(topic, batch);
    await afterReplay?.add(evictions);
  };
  // In commit order, one at a time.
  let queue = Promise.resolve();
  const listener = await listenForChanges(database, {
    url: databaseUrl,
    logger: log,
    onTransaction: (transactionId) => {
      queue = queue
        .then(() => handle(transactionId))
        .catch((error: unknown) =>
          log?.error({ err: error, transactionId }, 'change feed: a transaction was not handled'),
        );
    },
    // Transactions may have gone unheard: evict every cached answer.
    onGap: () => {
      const everything: ChangeBatch = {
        transactionId: '',
        changes: [],
        truncated: true,
        types: AUDITED_KINDS,
        datasetIds: [],
        modelIds: [],
        references: [],
        referencedTypes: [],
      };
      void Promise.resolve(cache?.invalidate(evictionsOf(everything))).catch(() => {});
    },
  });

  let active = 0;
  return {
    cache,
    changes() {
      const pending: ChangeBatch[] = [];
      let wake: (() => void) | undefined;
      let done = false;
      const deliver = (batch: ChangeBatch) => {
        if (pending.push(batch) > MAX_PENDING_BATCHES) pending.shift();
        wake?.();
      };
      const end = () => {
        done = true;
        subscribers.delete(deliver);
        wake?.();
      };
      subscribers.set(deliver, end);
      const finish = async () => {
        end();
        return { done: true as const, value: undefined };
      };
      return {
        [Symbol.asyncIterator]() {
          return this;
        },
        async next() {
          while (!done && pending.length === 0) await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          if (done) return { done: true as const, value: undefined };
          return { done: false as const, value: pending.shift()! };
        },
        return: finish,
        throw: async (error?: unknown) => {
          await finish();
          throw error;
        },
      };
    },
    acquire() {
      if (active >= maxSubscriptions) return undefined;
      active += 1;
      let released = false;
      return () => {
        if (!released) active -= 1;
        released = true;
      };
    },
    subscriptions: () => active,
    async close() {
      for (const end of [...subscribers.values()]) end();
      await listener.close();
      await queue;
      await afterReplay?.close();
      await incoming.return?.();
      // QUIT after the commands in flight (the topic's UNSUBSCRIBE), rather than cut them off.
      await Promise.all(
        Object.values(connections ?? {}).map((connection) => connection?.quit().catch(() => connection.disconnect())),
      );
    },
  };
}
