/**
 * The response cache in this process's memory (without REDIS_URL), bounded by count and by bytes: least recently
 * used answers go first once there are MEMORY_CACHE_ENTRIES of them or their JSON passes MEMORY_CACHE_BYTES.
 * A count alone (the library's `createInMemoryCache`) let a thousand large answers stay: a neighborhood of 2,000
 * edges is about 150 KB of JSON and several times that as objects, so hundreds of MB in all.
 *
 * Eviction by entity works as the library's does: an index from each entity (`Model`, `Model:42`) to the answers
 * that contain it. Unlike the library's, the index forgets an entity once no kept answer contains it: the
 * library's keeps an empty set for every entity any answer ever held, which grows without bound as clients page
 * through a large graph.
 */
import type { Cache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Answers kept at most. */
export const MEMORY_CACHE_ENTRIES = 1000;
/** Characters of JSON kept at most (a cached answer's objects take a few times as many bytes). */
export const MEMORY_CACHE_BYTES = 16 * 2 ** 20;

export type MemoryCache = Cache & {
  /** What the cache holds: answers, their JSON's characters, entities in the eviction index (for tests). */
  stats(): { answers: number; bytes: number; entities: number };
};

export function createMemoryCache({
  maxEntries = MEMORY_CACHE_ENTRIES,
  maxBytes = MEMORY_CACHE_BYTES,
}: { maxEntries?: number; maxBytes?: number } = {}): MemoryCache {
  /** Entity -> the keys of the answers containing it; answer key -> its entities. */
  const answersOf = new Map<string, Set<string>>();
  const entitiesOf = new Map<string, string[]>();
  const forget = (key: string) => {
    for (const entity of entitiesOf.get(key) ?? []) {
      const keys = answersOf.get(entity);
      keys?.delete(key);
      if (keys?.size === 0) answersOf.delete(entity);
    }
    entitiesOf.delete(key);
  };
  // Every removal (replaced, least recently used, expired, evicted by entity) goes through `dispose`.
  const answers = new LRUCache<string, ExecutionResult>({
    max: maxEntries,
    maxSize: maxBytes,
    dispose: (_answer, key) => forget(key),
  });
  return {
    set(key, result, entities, ttl) {
      const size = Math.max(1, JSON.stringify(result).length);
      answers.set(key, result, { size, ...(Number.isFinite(ttl) && ttl > 0 ? { ttl } : {}) });
      // An answer larger than the whole budget is not kept, and has nothing to index.
      if (!answers.has(key)) return;
      const ids = new Set<string>();
      for (const { typename, id } of entities) {
        ids.add(typename);
        if (id !== undefined) ids.add(`${typename}:${id}`);
      }
      for (const entity of ids) {
        let keys = answersOf.get(entity);
        if (!keys) answersOf.set(entity, (keys = new Set()));
        keys.add(key);
      }
      entitiesOf.set(key, [...ids]);
    },
    get: (key) => answers.get(key) ?? null,
    invalidate(entities) {
      for (const { typename, id } of entities) {
        for (const key of [...(answersOf.get(id == null ? typename : `${typename}:${id}`) ?? [])]) {
          answers.delete(key);
        }
      }
    },
    stats: () => ({ answers: answers.size, bytes: answers.calculatedSize, entities: answersOf.size }),
  };
}
