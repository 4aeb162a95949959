/**
 * The cost and depth limits (src/graphql/complexity.ts), checked once per request on the document the client
 * sent, before any plugin rewrites it and before either execution path (compiled SQL or resolvers) starts.
 * A query above a limit is refused whole with one QUERY_TOO_COMPLEX error and no SQL sent.
 * Subscriptions are checked when they subscribe (src/graphql/types/subscription.ts).
 */
import { type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, getOperationAST, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { costChecked, costError, queryCost } from './complexity.ts';

type Cost = ReturnType<typeof queryCost>;

/** Costs kept per document (one per operation name and variables); Yoga's parser cache reuses document objects. */
const COSTS_PER_DOCUMENT = 32;

export function useQueryCost(): Plugin {
  // The cost depends only on the document, the operation and the variables (fieldComplexity reads no context).
  const costs = new WeakMap<DocumentNode, Map<string, Cost>>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const { document, operationName, schema } = args;
      const operation = getOperationAST(document, operationName);
      if (!operation || operation.operation === 'subscription') return;
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
      let byVariables = costs.get(document);
      if (!byVariables) costs.set(document, (byVariables = new Map()));
      let cost = byVariables.get(key);
      if (!cost) {
        const fragments = document.definitions.filter(
          (d: DefinitionNode): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
        );
        try {
          cost = queryCost(schema, operation, fragments, variables, args.contextValue as object);
        } catch {
          // Variables that do not fit the operation: the executor refuses them (and the resolvers' check remains).
          return;
        }
        if (byVariables.size < COSTS_PER_DOCUMENT) byVariables.set(key, cost);
      }
      costChecked.add(args.contextValue as object);
      const error = costError(cost);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
