/**
 * The compiled query path: a read-only operation whose every field the catalog can build is answered by one
 * SQL statement that returns the response's JSON, instead of plugin-drizzle's query building and a resolver
 * per field. Anything else, and any failure (bad arguments, unknown slugs, a database error), is answered by
 * the ordinary executor, which then gives the same answer or the same typed error it always did.
 */
import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  getOperationAST,
  getVariableValues,
  locatedError,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Database, DatabaseKind, Statement } from '../../db/client.ts';
import { databaseError } from '../../db/errors.ts';
import { persistedHash } from '../../http/persisted.ts';
import { catalog } from './catalog.ts';
import { NotCompilable } from './selection.ts';
import { decodeMarkers, rootJson, Scope } from './sql-json.ts';

export type CompiledOperation = {
  query: SQL;
  nullMeansFallback: readonly string[];
  rootFields: ReadonlyMap<string, readonly FieldNode[]>;
  hasCursors: boolean;
  transforms: Scope['transforms'];
};

/** The statement answering `args`, or why there is none. */
export function compileOperation(
  args: ExecutionArgs,
  backend: DatabaseKind = 'postgres',
): CompiledOperation | { notCompiled: string } {
  const { schema, document, operationName, variableValues } = args;
  // The cost was checked before (src/graphql/query-cost.ts), on the operation `operationName` picks.
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'query') return { notCompiled: 'operation' };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {});
  if (coerced.errors) return { notCompiled: 'variables' };
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const scope = new Scope(schema, catalog, fragments, coerced.coerced, backend);
  try {
    const json = rootJson(scope, schema.getQueryType()!, operation.selectionSet);
    // The JSON comes back as text, to be sent as it is (`answerOf`); the keys whose null means "ask the
    // resolvers" are tested in SQL, so the text need not be parsed for them. `offset 0` keeps the answer a
    // subquery of its own, computed once: pulled up, it would be computed again for each test of a key.
    const fallback = scope.nullMeansFallback.length
      ? sql.join(
          scope.nullMeansFallback.map((key) => sql`json_typeof(d -> ${sql.raw(`'${key}'`)}) = 'null'`),
          sql` or `,
        )
      : sql`false`;
    return {
      query: sql`select d::text as data, ${fallback} as fallback from (select ${json} as d offset 0) answer`,
      nullMeansFallback: scope.nullMeansFallback,
      rootFields: scope.rootFields,
      hasCursors: scope.hasCursors,
      transforms: scope.transforms,
    };
  } catch (error) {
    // Argument errors (InputError...) are the resolvers' to report.
    return { notCompiled: error instanceof NotCompilable ? error.message : 'arguments' };
  }
}

/** Statements kept per document (one per set of variables), and prepared statement names handed out. */
const PLANS_PER_DOCUMENT = 32;
const MAX_PREPARED_STATEMENTS = 500;

type Plan = (Statement & Omit<CompiledOperation, 'query'>) | undefined;

/**
 * The statement for an operation, built once per document, operation and variables (Yoga's parser cache keeps
 * one document object per query text, so a repeated request finds its plan here). Repeated statements get a
 * name: PostgreSQL then parses and plans them once per connection. Both caches are bounded.
 */
function createPlanner(backend: DatabaseKind) {
  const dialect = new PgDialect();
  const plans = new WeakMap<DocumentNode, Map<string, Plan>>();
  const names = new Set<string>();
  return (args: ExecutionArgs): Plan => {
    const key = `${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
    let byVariables = plans.get(args.document);
    if (!byVariables) plans.set(args.document, (byVariables = new Map()));
    if (byVariables.has(key)) return byVariables.get(key);
    let plan: Plan;
    try {
      const compiled = compileOperation(args, backend);
      if (!('notCompiled' in compiled)) {
        const { sql: text, params } = dialect.sqlToQuery(compiled.query);
        const name = `mg_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
        if (names.size < MAX_PREPARED_STATEMENTS) names.add(name);
        plan = {
          text,
          values: params,
          name: names.has(name) ? name : undefined,
          nullMeansFallback: compiled.nullMeansFallback,
          rootFields: compiled.rootFields,
          hasCursors: compiled.hasCursors,
          transforms: compiled.transforms,
        };
      }
    } catch {
      // A request the compiler cannot even read (e.g. variables it fails on) is the executor's to answer.
      plan = undefined;
    }
    if (byVariables.size >= PLANS_PER_DOCUMENT) byVariables.delete(byVariables.keys().next().value!);
    byVariables.set(key, plan);
    return plan;
  };
}

/**
 * Errors the resolvers report in their own words, so the executor runs the operation again to say them: an
 * unknown slug in a filter (MGNF1), a value PostgreSQL cannot read (class 22), and, were the compiler ever to
 * build a wrong statement, syntax and undefined objects (class 42).
 */
function isResolversToReport(error: unknown): boolean {
  const code = databaseError(error)?.code;
  return code !== undefined && (code === 'MGNF1' || code.startsWith('22') || code.startsWith('42'));
}

type Row = { data?: string | null; fallback?: boolean } | undefined;

/** What running a plan's statement gave: its row, or the database's error. */
type Outcome = { row: Row } | { error: unknown };

async function runStatement(plan: NonNullable<Plan>, database: Pick<Database, 'query'>): Promise<Outcome> {
  try {
    return { row: (await database.query(plan))[0] as Row };
  } catch (error) {
    return { error };
  }
}

/** The answer when the statement answered the whole operation; `undefined` when the resolvers must answer. */
function answerOfRow(plan: NonNullable<Plan>, row: Row): ExecutionResult | undefined {
  if (typeof row?.data !== 'string' || row.fallback) return undefined;
  if (plan.hasCursors || plan.transforms.length > 0) {
    return { data: decodeMarkers(JSON.parse(row.data), plan.transforms) as Record<string, unknown> };
  }
  return answerOf(row.data);
}

/**
 * The result of `outcome`; `undefined` when the ordinary executor must answer instead. When the database fails
 * (down, cancelled, out of connections), every root field fails with it, as each root resolver would have: null,
 * with the error at its path, for the error masking to name.
 */
function resultOf(plan: NonNullable<Plan>, outcome: Outcome): ExecutionResult | undefined {
  if ('row' in outcome) return answerOfRow(plan, outcome.row);
  const { error } = outcome;
  if (isResolversToReport(error)) return undefined;
  const roots = [...plan.rootFields];
  const isTypename = (nodes: readonly FieldNode[]) => nodes[0]!.name.value === '__typename';
  return {
    data: Object.fromEntries(roots.map(([key, nodes]) => [key, isTypename(nodes) ? 'Query' : null])),
    errors: roots.filter(([, nodes]) => !isTypename(nodes)).map(([key, nodes]) => locatedError(error, nodes, [key])),
  };
}

/**
 * The answer whose body is `{"data":<the JSON PostgreSQL wrote>}`: Yoga serializes a result with the result's
 * own `stringify` when it has one, so the response JSON (up to megabytes for nested pages) is neither parsed
 * into objects nor serialized again. `data` is parsed only if something reads it (a plugin, a test); a copy of
 * the result (a plugin adding extensions) is serialized normally.
 */
export function answerOf(json: string): ExecutionResult {
  let data: ExecutionResult['data'];
  const answer = {
    get data() {
      return (data ??= JSON.parse(json) as ExecutionResult['data']);
    },
    stringify: (value: unknown) => (value === answer ? `{"data":${json}}` : JSON.stringify(value)),
  };
  return answer;
}

/** Requests known to be answered by their statement alone (see `createCompiledQueries`), at most. */
const MAX_KNOWN_REQUESTS = 256;

export type Params = { query?: unknown; operationName?: unknown; variables?: unknown };

/** A request's document, operation and variables, as one key; `undefined` for a request without a document. */
export function requestKey({ query, operationName, variables }: Params): string | undefined {
  if (typeof query !== 'string') return undefined;
  return `${query}\u0000${typeof operationName === 'string' ? operationName : ''}\u0000${JSON.stringify(variables ?? {})}`;
}

/** A request that sends no credential: its context is the anonymous viewer's, and authenticating it cannot fail. */
const isAnonymous = (request: Request) => request.headers.get('authorization') === null;

/**
 * The compiled path as two Yoga plugins:
 * - `execution` answers at execution time: the operation Yoga parsed, validated and checked (cost, context) is
 *   answered by its plan's statement, or by the resolvers (`executeFn`);
 * - `repeats`, first in the plugin list, answers a request that `execution` already answered, with its plan,
 *   before Yoga parses, validates, builds a context and executes. Those steps give the same outcome for the same
 *   document, operation name and variables (the cost reads no context; an anonymous request's context cannot
 *   fail), so only anonymous requests with a key `execution` answered are taken. The HTTP steps (request id,
 *   metrics, rate limit, CSRF, body limit, persisted operations, parameter checks) run as for any request; the
 *   statement runs under the request's cancellation. When the statement does not answer the whole operation
 *   (a null that means "ask the resolvers", an error), the request goes the ordinary way with the statement's
 *   outcome handed to `execution`, which uses it instead of running the statement again: errors, masking and
 *   logging are the ordinary path's. Not for a database with replicas (read routing picks the server at
 *   execution) nor with the response cache (which answers repeats itself): `answerRepeats: false` then.
 */
export function createCompiledQueries(
  database: Pick<Database, 'query' | 'kind' | 'runForRequest'>,
  { answerRepeats = true }: { answerRepeats?: boolean } = {},
): { repeats?: Plugin; execution: Plugin; answerKnown?: AnswerKnown } {
  const plan = createPlanner(database.kind);
  const known = new Map<string, NonNullable<Plan>>();
  /**
   * Outcomes got before Yoga executed, for `execution` to use: by the request's context (`repeats`), or by the
   * node:http request the context carries as `req` (`answerKnown`, src/http/fast-lane.ts).
   */
  const handedOver = new WeakMap<object, { plan: NonNullable<Plan>; outcome: Outcome }>();

  /** The answer of a known request by its statement; else the outcome is handed over and `undefined` returned. */
  async function answerKnownBy(
    key: string,
    planned: NonNullable<Plan>,
    signal: AbortSignal,
    handOverTo: object,
  ): Promise<ExecutionResult | undefined> {
    const outcome = await database.runForRequest(signal, () => runStatement(planned, database));
    const result = 'row' in outcome ? answerOfRow(planned, outcome.row) : undefined;
    if (result) return result;
    // Known again once the ordinary path answers it by its statement alone.
    known.delete(key);
    handedOver.set(handOverTo, { plan: planned, outcome });
    return undefined;
  }

  const repeats: Plugin = {
    onParams({ params, request, paramsHandler, setParamsHandler }) {
      // A document sent with its hash registers it (APQ) when it validates, which this path skips.
      if (!isAnonymous(request) || (typeof params.query === 'string' && persistedHash(params.extensions))) return;
      // Called once every onParams hook has run (persisted operations resolved, parameters checked).
      setParamsHandler(async (payload) => {
        const key = requestKey(payload.params);
        const planned = key === undefined ? undefined : known.get(key);
        if (!planned) return paramsHandler(payload);
        const result = await answerKnownBy(key!, planned, payload.request.signal, payload.context);
        return result ?? paramsHandler(payload);
      });
    },
  };

  const execution: Plugin = {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args: ExecutionArgs) => {
        const planned = plan(args);
        if (!planned) return executeFn(args);
        const context = args.contextValue as { request?: Request; params?: Params; req?: object };
        const earlier = handedOver.get(context) ?? (context.req && handedOver.get(context.req));
        const outcome = earlier?.plan === planned ? earlier.outcome : await runStatement(planned, database);
        const result = resultOf(planned, outcome);
        if (!result) return executeFn(args);
        const key = answerRepeats && 'row' in outcome && context.params && requestKey(context.params);
        if (key && context.request && isAnonymous(context.request)) {
          if (known.size >= MAX_KNOWN_REQUESTS) known.delete(known.keys().next().value!);
          known.set(key, planned);
        }
        return result;
      });
    },
  };
  /** `repeats` for a request read outside Yoga: see `AnswerKnown`. */
  const answerKnown: AnswerKnown = (key, signal, request) => {
    const planned = known.get(key);
    return planned ? answerKnownBy(key, planned, signal, request) : undefined;
  };
  return answerRepeats ? { repeats, execution, answerKnown } : { execution };
}

/**
 * The answer of an anonymous request (by its `requestKey`) that `execution` answered before by its statement alone, run under `signal`;
 * `undefined` when the request is not known, or when the statement no longer answers all of it: then its outcome
 * is kept for `execution`, which finds it by the node:http `request` in Yoga's context (`req`).
 */
export type AnswerKnown = (
  /** The request's `requestKey`. */
  key: string,
  signal: AbortSignal,
  request: object,
) => Promise<ExecutionResult | undefined> | undefined;
