/**
 * The HTTP application: GraphQL over HTTP (Yoga), GraphiQL, /health and /ready. It does not listen;
 * `server.ts` does, and tests call `yoga.fetch` directly.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import type { Database } from './db/client.ts';
import { type Context, createContext } from './graphql/context.ts';
import { schema } from './graphql/index.ts';
import type { ExampleOperation } from './graphql/operations.ts';
import type { Logger } from './logger.ts';

export type AppOptions = {
  database: Database;
  logger?: Logger;
  /** Serve GraphiQL to browsers. @default true */
  graphiql?: boolean;
  /** Tabs GraphiQL opens with. @default [] */
  exampleOperations?: ExampleOperation[];
};

/** Query limits, enforced during validation before anything executes. */
export const queryLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxTokens: 5000,
  maxDirectives: 20,
  maxCost: 50_000,
} as const;

export function createApp({ database, logger, graphiql = true, exampleOperations = [] }: AppOptions) {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    context: () => createContext({ db: database.db }),
    logging: logger ? logger.child({ component: 'yoga' }) : false,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: graphiql
      ? {
          title: 'modelgraph',
          defaultTabs: exampleOperations.map((op) => ({ query: op.query, ...(op.variables ? { variables: op.variables } : {}) })),
        }
      : false,
    // Served from node_modules: the default GraphiQL page loads its assets from a CDN.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    plugins: [
      EnvelopArmorPlugin({
        maxDepth: { n: queryLimits.maxDepth },
        maxAliases: { n: queryLimits.maxAliases },
        maxTokens: { n: queryLimits.maxTokens },
        maxDirectives: { n: queryLimits.maxDirectives },
        costLimit: { maxCost: queryLimits.maxCost },
      }),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          await database.ping();
        },
      }),
    ],
  });
}

export type App = ReturnType<typeof createApp>;
