/**
 * The response cache for anonymous reads (Yoga's response-cache plugin): in this process's memory, or in Redis
 * (shared by every instance) when REDIS_URL is set. A cached answer is evicted by the change feed
 * (src/live/): a changed entity evicts every answer that contains it (the plugin records the `__typename` and
 * `id` of each object in an answer); a created or deleted one evicts every answer holding its type; an entity
 * a changed row references (its foreign keys, before and after: a new model's developers, the organizations a
 * model moved between) evicts every answer containing it, since what it counts or lists changed; and any
 * write evicts the answers of root fields that are not a lookup of one object (lists, counts, leaderboards,
 * comparisons, claims, search, the audit trail), whose content no single contained object accounts for.
 * Answers are marked `extensions.responseCache.hit`, and counted in /metrics.
 */
import { createRedisCache } from '@envelop/response-cache-redis';
import { type Cache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  getNamedType,
  getNullableType,
  getOperationAST,
  type GraphQLSchema,
  isListType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import { entities } from '../db/entities.ts';
import type { ChangeBatch } from '../live/change-feed.ts';
import { type Logger, throttledWarning } from '../logger.ts';

export type { Cache };

/** The pseudo-type every answer of a root field other than a one-object lookup is recorded under. */
export const DERIVED_ANSWERS = 'Query';

/**
 * The cache in Redis (@envelop/response-cache-redis), on a connection whose `keyPrefix` keeps its keys in this
 * deployment's namespace. Evicting a whole type reads the type's set of answers instead of the library's
 * `KEYS <type>:*`, which would scan the whole Redis (and, with a key prefix, find nothing).
 *
 * Redis not answering never fails a request: while the connection is not ready, or a command fails, reads are
 * answered from the database and not cached (a warning, at most one a minute). An eviction that fails leaves
 * answers in Redis that it should have removed: from then on nothing is read from Redis until every key of the
 * namespace is deleted, which is tried as soon as the connection is ready again.
 */
export function createRedisResponseCache(redis: Redis, logger?: Logger): Cache {
  const base = createRedisCache({ redis }) as Cache;
  const unavailable = throttledWarning(logger, 'Redis does not answer: answers are not cached until it does');
  const ready = () => redis.status === 'ready';
  /** Evictions that failed; the namespace is stale until emptied after the last of them. */
  let failedEvictions = 0;
  let emptiedAfter = 0;
  const stale = () => failedEvictions > emptiedAfter;
  let emptying: Promise<void> | undefined;
  const empty = () =>
    (emptying ??= (async () => {
      const since = failedEvictions;
      // SCAN's pattern does not get the connection's key prefix; DEL's keys do.
      const prefix = redis.options.keyPrefix ?? '';
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.del(keys.map((key) => key.slice(prefix.length)));
      } while (cursor !== '0');
      emptiedAfter = since;
    })()
      .catch(unavailable)
      .finally(() => (emptying = undefined)));
  redis.on('ready', () => {
    if (stale()) void empty();
  });
  return {
    async get(key) {
      if (!ready()) return undefined;
      if (stale()) {
        void empty();
        return undefined;
      }
      try {
        return await base.get(key);
      } catch (error) {
        unavailable(error);
        return undefined;
      }
    },
    async set(...args) {
      if (!ready() || stale()) return;
      try {
        await base.set(...args);
      } catch (error) {
        unavailable(error);
      }
    },
    async invalidate(records) {
      try {
        if (!ready()) throw new Error(`connection ${redis.status}`);
        const byId = [];
        for (const record of records) {
          if (record.id != null) {
            byId.push(record);
            continue;
          }
          const answers = await redis.smembers(record.typename);
          await redis.del([record.typename, ...answers.flatMap((answer) => [answer, `operations:${answer}`])]);
        }
        if (byId.length) await base.invalidate(byId);
      } catch (error) {
        failedEvictions += 1;
        unavailable(error);
      }
    },
  };
}

const typeNameOf = (kind: string): string | undefined => entities[kind as keyof typeof entities]?.typeName;

/** What a committed transaction evicts (see the module's comment). */
export function evictionsOf(batch: ChangeBatch): { typename: string; id?: string }[] {
  const records: { typename: string; id?: string }[] = [{ typename: DERIVED_ANSWERS }];
  const entity = (typename: string, id: number) => records.push({ typename, id: encodeGlobalID(typename, id) });
  if (batch.truncated) {
    for (const typename of batch.types.map(typeNameOf)) if (typename) records.push({ typename });
    return records;
  }
  for (const change of batch.changes) {
    const typename = typeNameOf(change.type);
    if (!typename) continue;
    entity(typename, change.id);
    if (change.action !== 'update') records.push({ typename });
  }
  // A result's dataset and model show it (their results, best scores).
  for (const id of batch.datasetIds) entity('Dataset', id);
  for (const id of batch.modelIds) entity('Model', id);
  // The entities the changed rows reference count or list them (an organization's models, a dataset's results).
  for (const { type, id } of batch.references) {
    const typename = typeNameOf(type);
    if (typename) entity(typename, id);
  }
  for (const typename of batch.referencedTypes.map(typeNameOf)) if (typename) records.push({ typename });
  return records;
}

/** Root fields answering one object (`model(slug:)`, `node(id:)`): what they hold is recorded entity by entity. */
function lookupRootFields(schema: GraphQLSchema): Set<string> {
  const objects = new Set([...Object.values(entities).map((entity) => entity.typeName as string), 'Node']);
  const fields = Object.values(schema.getQueryType()?.getFields() ?? {});
  return new Set(
    fields
      .filter((field) => !isListType(getNullableType(field.type)) && objects.has(getNamedType(field.type).name))
      .map((field) => field.name)
      .concat('__typename'),
  );
}

/** The root fields an operation selects, through fragments. */
function rootFieldsOf(document: DocumentNode, operationName: string | null | undefined): string[] {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const names: string[] = [];
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.push(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  const operation = getOperationAST(document, operationName);
  if (operation) visit(operation.selectionSet);
  return names;
}

export type ResponseCacheOptions = {
  cache: Cache;
  /** How long an answer is kept at most, in milliseconds. */
  ttlMs: number;
};

/** Only anonymous requests are cached: a writer's answers may show what only writers see. */
const cacheable = (request: Request) => !request.headers.get('authorization');

export function useCachedReads({ cache, ttlMs }: ResponseCacheOptions, schema: GraphQLSchema): Plugin[] {
  const lookups = lookupRootFields(schema);
  // Answers of other root fields, between the execution and the cache's `set`.
  const derived = new WeakSet<object>();
  const recording: Cache = {
    set: (key, result, records, ttl) =>
      cache.set(key, result, derived.has(result) ? [...records, { typename: DERIVED_ANSWERS }] : records, ttl),
    get: (key) => cache.get(key),
    invalidate: (records) => cache.invalidate(records),
  };
  return [
    {
      // Runs after the compiled query path picked the execution, before the cache wraps it: a compiled answer
      // (JSON text serialized as it is, src/graphql/compiled/plugin.ts `answerOf`) becomes plain data, from
      // which the cache strips the `__typename`/`id` it added to the query and reads the entities.
      onExecute({ args, executeFn, setExecuteFn }) {
        const { request } = args.contextValue as { request?: Request };
        if (!request || !cacheable(request)) return;
        setExecuteFn(async (executionArgs: ExecutionArgs) => {
          const answer = (await executeFn(executionArgs)) as ExecutionResult;
          if (Symbol.asyncIterator in answer) return answer;
          const result = 'stringify' in answer ? { data: answer.data } : answer;
          if (rootFieldsOf(executionArgs.document, executionArgs.operationName).some((field) => !lookups.has(field))) {
            derived.add(result);
          }
          return result;
        });
      },
    },
    useResponseCache({
      cache: recording,
      ttl: ttlMs,
      session: () => null,
      enabled: cacheable,
      // Mutations are never anonymous; the change feed evicts what they change.
      invalidateViaMutation: false,
      includeExtensionMetadata: true,
    }),
  ];
}
