/**
 * The HTTP application: GraphQL over HTTP (Yoga), GraphiQL, /health and /ready, and the Explorer web app at `/`. It does not listen;
 * `server.ts` does, and tests call `yoga.fetch` directly.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createYoga, type Plugin, useReadinessCheck } from 'graphql-yoga';
import { type AuthOptions, authenticate } from './auth/viewer.ts';
import type { Database } from './db/client.ts';
import { AuthenticationError } from './errors.ts';
import { unauthenticated } from './graphql/errors.ts';
import { type Context, createContext } from './graphql/context.ts';
import { schema } from './graphql/index.ts';
import { yogaLogger } from './graphql/error-log.ts';
import { createMaskError } from './graphql/mask-error.ts';
import { useCancelOnAbort } from './graphql/cancel-on-abort.ts';
import { createCompiledQueries } from './graphql/compiled/plugin.ts';
import { useMutationPreflight } from './graphql/mutation-preflight.ts';
import { type ReadRoutingOptions, useReadRouting } from './graphql/read-routing.ts';
import { reportAsValidationError, useRequestGuards } from './graphql/request-guards.ts';
import { useQueryCost } from './graphql/query-cost.ts';
import type { ExampleOperation } from './graphql/operations.ts';
import { useGraphiQLPages } from './http/graphiql.ts';
import { type ExplorerOptions, useExplorer, withExplorerOperations } from './http/explorer.ts';
import { corsOptions, type HttpOptions, httpPlugins, httpShared, requestBodyLimit } from './http/index.ts';
import { withFastLane } from './http/fast-lane.ts';
import { useCachedReads } from './http/response-cache.ts';
import type { LiveData } from './live/live-data.ts';
import type { Logger } from './logger.ts';
import { withTimeout } from './lib/timeout.ts';

export type AppOptions = {
  database: Database;
  logger?: Logger;
  /** Serve GraphiQL to browsers. @default true */
  graphiql?: boolean;
  /**
   * Serve the Explorer web app (web/, src/http/explorer.ts) at `/`, and allow its operations by hash whatever the
   * persisted operations' mode. @default false
   */
  explorer?: ExplorerOptions | boolean;
  /** Listed at /examples, each opening in GraphiQL; the first is a new visitor's tab. @default [] */
  exampleOperations?: ExampleOperation[];
  /** How writers authenticate besides API keys. @default {} (API keys only) */
  auth?: AuthOptions;
  /** Production limits and switches (src/http/index.ts): rate limit, body limit, persisted operations... */
  http?: HttpOptions;
  /**
   * Answer the operations it can with one compiled SQL statement (src/graphql/compiled/); off, every operation
   * goes through the resolvers. @default true
   */
  compiledQueries?: boolean;
  /**
   * Answer a repeated anonymous request by its known statement before parsing (src/graphql/compiled/plugin.ts);
   * never with replicas or the response cache. @default true
   */
  compiledRepeats?: boolean;
  /**
   * With read replicas (a database opened with `replicaUrls`): how long a client that wrote reads from the
   * primary, and the Redis that instances share that memory through (src/graphql/read-routing.ts). Ignored
   * without replicas: then Redis is never asked.
   */
  readRouting?: ReadRoutingOptions;
  /**
   * The change feed (src/live/live-data.ts, `startLiveData`): subscriptions follow it and it evicts the response
   * cache. Absent, the server serves no subscriptions and caches nothing. The caller closes it.
   */
  live?: LiveData | undefined;
  /** Cache anonymous reads in `live.cache` (src/http/response-cache.ts) for at most `ttlMs`. @default undefined (off) */
  responseCache?: { ttlMs: number } | undefined;
};

/**
 * Limits on the text of a query, checked during validation. Depth and cost are checked by the complexity
 * plugin (src/graphql/complexity.ts), which knows the page size of each connection.
 */
export const queryLimits = { maxAliases: 30, maxTokens: 5000, maxDirectives: 20 } as const;

/** /ready answers 503 when the database has not answered `select 1` within this. */
export const READY_TIMEOUT_MS = 2_000;

const READY_PATH = '/ready';

export function createApp({
  database,
  logger,
  graphiql = true,
  explorer = false,
  exampleOperations = [],
  auth = {},
  http = {},
  compiledQueries = true,
  compiledRepeats = true,
  readRouting = {},
  live,
  responseCache,
}: AppOptions) {
  const maxRequestBodySize = requestBodyLimit(http);
  const explorerOptions = explorer === true ? {} : explorer || undefined;
  // The Explorer's own operations are always allowed where it is served (src/http/explorer.ts).
  const persisted = explorerOptions ? withExplorerOperations(http.persisted, explorerOptions) : http.persisted;
  const cachedReads = responseCache && live?.cache;
  // Repeated requests answered before parsing (src/graphql/compiled/plugin.ts), except where the server is picked
  // at execution (replicas) or the response cache answers repeats.
  const compiled = compiledQueries
    ? createCompiledQueries(database, { answerRepeats: compiledRepeats && !database.replicas && !cachedReads })
    : undefined;
  const shared = httpShared(http, database);
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    context: async ({ request }) =>
      createContext({
        db: database.db,
        live,
        viewer: await authenticate(request.headers.get('authorization'), { db: database.db, auth }).catch(
          (error: unknown) => {
            throw error instanceof AuthenticationError ? unauthenticated(error) : error;
          },
        ),
      }),
    logging: logger ? yogaLogger(logger.child({ component: 'yoga' })) : false,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    cors: corsOptions(http),
    // Checked by useRequestBodyLimit (src/http/body-limit.ts), which counts only bodies without a length.
    maxRequestBodySize: false,
    maskedErrors: { maskError: createMaskError({ maxRequestBodyBytes: maxRequestBodySize }) },
    // Served by useGraphiQLPages (src/http/graphiql.ts): rendered and compressed once, examples listed apart.
    graphiql: false,
    plugins: [
      // First: its onParams hook sees the request's own parameters, before persisted operations resolve a hash.
      ...(compiled?.repeats ? [compiled.repeats] : []),
      ...httpPlugins({ ...http, persisted }, shared),
      ...(graphiql
        ? [useGraphiQLPages({ endpoint: '/graphql', title: 'modelgraph', examples: exampleOperations })]
        : []),
      ...(explorerOptions ? [useExplorer(explorerOptions)] : []),
      useRequestGuards({ maxTokens: queryLimits.maxTokens }),
      // On the client's document, before the response cache adds fields to it and before any field runs.
      useQueryCost(),
      useMutationPreflight(),
      // Before useCancelOnAbort, which wraps the execution this one picks (compiled SQL or resolvers).
      ...(compiled ? [compiled.execution] : []),
      useCancelOnAbort(database),
      ...(database.replicas ? [useReadRouting(readRouting)] : []),
      // After the execution is picked (compiled or resolvers): the cache wraps whichever it is.
      ...(cachedReads ? useCachedReads({ cache: cachedReads, ttlMs: responseCache.ttlMs }, schema) : []),
      EnvelopArmorPlugin({
        // Reported, not thrown: a thrown validation error would reach the client without a code, as HTTP 200.
        maxAliases: {
          n: queryLimits.maxAliases,
          propagateOnRejection: false,
          onReject: [reportAsValidationError],
        },
        // A parse error (GRAPHQL_PARSE_FAILED, as Yoga marks those).
        maxTokens: { n: queryLimits.maxTokens },
        maxDirectives: {
          n: queryLimits.maxDirectives,
          propagateOnRejection: false,
          onReject: [reportAsValidationError],
        },
        maxDepth: { enabled: false },
        costLimit: { enabled: false },
        // The schema is public and introspectable: "did you mean" hints help people typing in GraphiQL.
        blockFieldSuggestion: { enabled: false },
      }),
      onlyAt(
        READY_PATH,
        useReadinessCheck({
          endpoint: READY_PATH,
          // Not ready when the database fails or stalls; the body says so without the driver's message.
          check: async ({ fetchAPI }) => {
            const ready = await withTimeout(database.ping(), READY_TIMEOUT_MS).then(
              () => true,
              (error: unknown) => {
                logger?.warn({ reason: error instanceof Error ? error.message : String(error) }, 'not ready');
                return false;
              },
            );
            if (!ready) {
              return fetchAPI.Response.json({ ready: false, reason: 'The database does not answer.' }, { status: 503 });
            }
            // Replicas are not needed to answer (reads fall back to the primary): listed, and probed so that a
            // replica back up is used again, but never a reason to be unready.
            if (!database.replicas) return true;
            const replicas = await database.replicas.probe(READY_TIMEOUT_MS);
            return fetchAPI.Response.json({
              ready: true,
              replicas: replicas.map(({ name, address, up }) => ({ name, address, up })),
            });
          },
        }),
      ),
    ],
  });
  // The fast lane takes the requests `repeats` would answer; not when persisted operations refuse documents.
  const lane =
    compiled?.answerKnown && persisted?.mode !== 'allow-list'
      ? withFastLane(yoga, {
          endpoint: yoga.graphqlEndpoint,
          answerKnown: compiled.answerKnown,
          ...shared,
          maxRequestBodyBytes: maxRequestBodySize,
        })
      : yoga;
  /** The node:http listener to serve the app with (`createServer(app.nodeListener)`): Yoga behind the fast lane. */
  return Object.assign(yoga, { nodeListener: lane as (request: IncomingMessage, response: ServerResponse) => void });
}

/**
 * `plugin`'s onRequest for requests to `path` only, as Yoga's readiness check tests them (the URL ends with it,
 * or its path is it): that plugin then tests every other request's URL against a URLPattern too, which only an
 * URL of that exact path matches, at ~4 % of a compiled request's CPU (a profile of Q1 under load).
 */
function onlyAt<T extends Plugin<any>>(path: string, plugin: T): T {
  const { onRequest } = plugin;
  if (!onRequest) return plugin;
  return {
    ...plugin,
    onRequest: (payload) =>
      payload.request.url.endsWith(path) || payload.url.pathname === path ? onRequest(payload) : undefined,
  };
}

export type App = ReturnType<typeof createApp>;
