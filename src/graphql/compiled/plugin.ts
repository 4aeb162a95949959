/**
 * The compiled query path: a read-only operation whose every field the catalog can build is answered by one
 * SQL statement that returns the response's JSON, instead of plugin-drizzle's query building and a resolver
 * per field. Anything else, and any failure (bad arguments, unknown slugs, a database error), is answered by
 * the ordinary executor, which then gives the same answer or the same typed error it always did.
 */
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { type SQL, sql } from 'drizzle-orm';
import {
  type ExecutionArgs,
  type ExecutionResult,
  type FragmentDefinitionNode,
  Kind,
  getOperationAST,
  getVariableValues,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { COMPLEXITY_LIMITS } from '../complexity.ts';
import type { Context } from '../context.ts';
import { catalog } from './catalog.ts';
import { NotCompilable } from './selection.ts';
import { rootJson, Scope } from './sql-json.ts';

export type CompiledOperation = { query: SQL; nullMeansFallback: readonly string[] };

/** The statement answering `args`, or why there is none. */
export function compileOperation(args: ExecutionArgs): CompiledOperation | { notCompiled: string } {
  const { schema, document, operationName, variableValues, contextValue } = args;
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = getOperationAST(document, operationName);
  // One operation per document: the complexity count below reads the first one.
  if (!operation || operation.operation !== 'query' || operations.length !== 1) return { notCompiled: 'operation' };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {});
  if (coerced.errors) return { notCompiled: 'variables' };
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const scope = new Scope(schema, catalog, fragments, coerced.coerced);
  try {
    const json = rootJson(scope, schema.getQueryType()!, operation.selectionSet);
    // The executor checks the cost in the first root resolver; this path has none, so it checks here.
    const cost = complexityFromQuery(document, { schema, variables: variableValues ?? {}, ctx: contextValue ?? {} });
    if (cost.complexity > COMPLEXITY_LIMITS.complexity || cost.depth > COMPLEXITY_LIMITS.depth) {
      return { notCompiled: 'complexity' };
    }
    return { query: sql`select ${json} as data`, nullMeansFallback: scope.nullMeansFallback };
  } catch (error) {
    // Argument errors (InputError...) are the resolvers' to report.
    return { notCompiled: error instanceof NotCompilable ? error.message : 'arguments' };
  }
}

/** Runs `compiled`; `undefined` when the ordinary executor must answer instead. */
async function runCompiled(compiled: CompiledOperation, context: Context): Promise<ExecutionResult | undefined> {
  let data: Record<string, unknown> | undefined;
  try {
    const result = (await context.db.execute(compiled.query)) as unknown as {
      rows: { data: Record<string, unknown> }[];
    };
    data = result.rows[0]?.data;
  } catch {
    return undefined;
  }
  if (!data || compiled.nullMeansFallback.some((key) => data[key] === null)) return undefined;
  return { data };
}

export function useCompiledQueries(): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args: ExecutionArgs) => {
        let compiled: ReturnType<typeof compileOperation>;
        try {
          compiled = compileOperation(args);
        } catch {
          // A request the compiler cannot even read (e.g. variables it fails on) is the executor's to answer.
          return executeFn(args);
        }
        if ('notCompiled' in compiled) return executeFn(args);
        return (await runCompiled(compiled, args.contextValue as Context)) ?? executeFn(args);
      });
    },
  };
}
