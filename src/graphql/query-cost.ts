/**
 * The cost and depth limits (src/graphql/complexity.ts), checked once per request on the document the client
 * sent, before any plugin rewrites it and before either execution path (compiled SQL or resolvers) starts.
 * A query above a limit is refused whole with one QUERY_TOO_COMPLEX error and no SQL sent.
 * Subscriptions are checked when they subscribe (src/graphql/types/subscription.ts).
 */
import { type DefinitionNode, type FragmentDefinitionNode, getOperationAST, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { costChecked, costError } from './complexity.ts';

export function useQueryCost(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation || operation.operation === 'subscription') return;
      const fragments = args.document.definitions.filter(
        (d: DefinitionNode): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
      );
      const ctx = args.contextValue as object;
      let error;
      try {
        error = costError(
          args.schema,
          operation,
          fragments,
          (args.variableValues ?? {}) as Record<string, unknown>,
          ctx,
        );
      } catch {
        // Variables that do not fit the operation: the executor refuses them (and the resolvers' check remains).
        return;
      }
      costChecked.add(ctx);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
