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
 */
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from 'graphql-yoga';
import type { Database } from '../db/client.ts';
import { AUDITED_KINDS } from '../db/entities.ts';
import type { Logger } from '../logger.ts';
import { openRedis, type RedisOptions, redisKey } from '../redis.ts';
import { type Cache, createMemoryCache, createRedisResponseCache, evictionsOf } from '../http/response-cache.ts';
import { type ChangeBatch, listenForChanges, readChangeBatch } from './change-feed.ts';

/** Subscriptions one process serves at once (SSE and WebSocket together); the next one is refused. */
export const MAX_SUBSCRIPTIONS_PER_PROCESS = 1000;

/** Batches a subscriber may have waiting (a slow client); beyond, the oldest are dropped. */
const MAX_PENDING_BATCHES = 100;

/** How long an instance's claim on a transaction is kept in Redis, in seconds. */
const CLAIM_SECONDS = 600;

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
  const topic = redis ? redisKey(redis, 'changes') : 'changes';
  const pubsub = createPubSub<Record<string, [ChangeBatch]>>(
    connections
      ? {
          eventTarget: createRedisEventTarget({
            publishClient: connections.publish,
            subscribeClient: connections.subscribe,
          }),
        }
      : {},
  );
  const cache = responseCache
    ? connections?.cache
      ? createRedisResponseCache(connections.cache)
      : createMemoryCache()
    : undefined;

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
    if (connections) {
      const claimed = await connections.publish.set(
        redisKey(redis!, `change-feed:${transactionId}`),
        '1',
        'EX',
        CLAIM_SECONDS,
        'NX',
      );
      if (claimed !== 'OK') return;
    }
    const batch = await readChangeBatch(database, transactionId);
    await cache?.invalidate(evictionsOf(batch));
    pubsub.publish(topic, batch);
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
      await incoming.return?.();
      for (const connection of Object.values(connections ?? {})) connection?.disconnect();
    },
  };
}
