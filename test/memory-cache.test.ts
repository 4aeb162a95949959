/**
 * The in-memory response cache (src/http/memory-cache.ts) stays within its bounds: by bytes as well as by count,
 * and its eviction index forgets the entities of answers it no longer holds. The cache's behaviour behind the
 * HTTP app (hits, evictions by the change feed) is test/response-cache.test.ts's.
 */
import { describe, expect, test } from 'vitest';
import { createMemoryCache, MEMORY_CACHE_BYTES, MEMORY_CACHE_ENTRIES } from '../src/http/memory-cache.ts';

const HOUR = 3_600_000;
/** An answer of about `chars` characters of JSON naming model `id`. */
const answer = (id: number, chars = 100) => ({ data: { model: { id: `Model:${id}`, notes: 'x'.repeat(chars) } } });

describe('in-memory response cache', () => {
  test('large answers are dropped, least recently used first, once their JSON passes the byte budget', () => {
    const cache = createMemoryCache();
    const size = 2 ** 20;
    const count = Math.ceil((2 * MEMORY_CACHE_BYTES) / size);
    expect(count).toBeLessThan(MEMORY_CACHE_ENTRIES);
    for (let i = 0; i < count; i++) cache.set(`q${i}`, answer(i, size), [{ typename: 'Model', id: i }], HOUR);
    const { answers, bytes } = cache.stats();
    expect(bytes).toBeLessThanOrEqual(MEMORY_CACHE_BYTES);
    expect(answers).toBeLessThan(count);
    expect(cache.get('q0')).toBeNull();
    expect(cache.get(`q${count - 1}`)).toEqual(answer(count - 1, size));
  });

  test('an answer larger than the whole budget is not kept', () => {
    const cache = createMemoryCache({ maxBytes: 1000 });
    cache.set('big', answer(1, 2000), [{ typename: 'Model', id: 1 }], HOUR);
    expect(cache.get('big')).toBeNull();
    expect(cache.stats()).toEqual({ answers: 0, bytes: 0, entities: 0 });
  });

  test('the eviction index holds only the entities of kept answers', () => {
    const cache = createMemoryCache({ maxEntries: 10 });
    // Paging through a graph: every answer names entities no other answer does.
    for (let i = 0; i < 1000; i++) cache.set(`q${i}`, answer(i), [{ typename: 'Model', id: i }], HOUR);
    // The 10 kept answers' `Model:<id>` and the `Model` type.
    expect(cache.stats()).toMatchObject({ answers: 10, entities: 11 });
    cache.invalidate([{ typename: 'Model', id: 995 }]);
    expect(cache.get('q995')).toBeNull();
    expect(cache.get('q996')).not.toBeNull();
    expect(cache.stats()).toMatchObject({ answers: 9, entities: 10 });
    cache.invalidate([{ typename: 'Model' }]);
    expect(cache.stats()).toEqual({ answers: 0, bytes: 0, entities: 0 });
  });

  test('an answer set again under its key is indexed by its new entities only', () => {
    const cache = createMemoryCache();
    cache.set('q', answer(1), [{ typename: 'Model', id: 1 }], HOUR);
    cache.set('q', answer(2), [{ typename: 'Model', id: 2 }], HOUR);
    cache.invalidate([{ typename: 'Model', id: 1 }]);
    expect(cache.get('q')).toEqual(answer(2));
    expect(cache.stats().entities).toBe(2);
  });
});
