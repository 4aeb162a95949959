/**
 * Query cost, estimated before execution from the shape of the query: a connection or a list with `first` costs
 * its page size times its selection, other lists a fixed factor. This caps the rows one request can make the database return.
 * Graph traversals also cost the work of their walk (`traversalCost`), which no selection shows: an alias of
 * `neighborhood` selecting one boolean still walks up to `depth` levels of `limit` nodes.
 */
import {
  type ComplexityErrorFn,
  ComplexityErrorKind,
  complexityFromQuery,
  type FieldComplexityValue,
} from '@pothos/plugin-complexity';
import {
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';
import { GRAPH_LIMITS } from '../analytics/graph.ts';
import { LINEAGE_LIMITS } from '../analytics/lineage.ts';
import { ClientError } from './errors.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination.ts';

/** Limits of a single operation. */
export const COMPLEXITY_LIMITS = { complexity: 50_000, depth: 15 } as const;

/** Assumed length of a plain list (relations such as `Model.techniques` are short). */
const LIST_MULTIPLIER = 10;

/**
 * Estimated work of one traversal, in the units of the complexity limit, before its selection is counted.
 * - neighborhood: each level of the breadth-first walk expands a frontier of up to `limit` nodes (the walk stops
 *   once it knows more), so `depth` x `limit` node expansions at 20 each. One walk at the maxima (depth 3,
 *   500 nodes: 30,000) fits the limit; ten at depth 2 and 500 nodes, or thirty at depth 3 (default limit), do not.
 * - path: each hop of `maxHops` widens a bidirectional search that may visit up to 25,000 nodes: 1,000 per hop.
 * - ancestors/descendants: up to `maxDepth` levels of lineage edges per model, 10 each; a list of models
 *   multiplies it by the page size.
 * Arguments past their maxima are counted at the maximum: the field refuses them itself (BAD_USER_INPUT).
 */
export const TRAVERSAL_COST = { neighborhoodPerNodeLevel: 20, pathPerHop: 1_000, lineagePerLevel: 10 } as const;

/** `value` (or `fallback` when unset) within [1, max]. */
function counted(value: unknown, fallback: number, max: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  return Math.min(Math.max(Math.trunc(n), 1), max);
}

export const traversalCost = {
  neighborhood: (args: { depth?: unknown; limit?: unknown }) =>
    TRAVERSAL_COST.neighborhoodPerNodeLevel *
    counted(args.depth, GRAPH_LIMITS.defaultDepth, GRAPH_LIMITS.maxDepth) *
    counted(args.limit, GRAPH_LIMITS.defaultNodes, GRAPH_LIMITS.maxNodes),
  path: (args: { maxHops?: unknown }) =>
    TRAVERSAL_COST.pathPerHop * counted(args.maxHops, GRAPH_LIMITS.defaultHops, GRAPH_LIMITS.maxHops),
  lineage: (args: { maxDepth?: unknown }) =>
    TRAVERSAL_COST.lineagePerLevel * counted(args.maxDepth, LINEAGE_LIMITS.defaultDepth, LINEAGE_LIMITS.maxDepth),
};

export function fieldComplexity<Context>(
  args: Record<string, unknown>,
  _ctx: Context,
  field: GraphQLField<unknown, Context>,
): FieldComplexityValue {
  const type = getNamedType(field.type);
  const isConnection = isObjectType(type) && type.name.endsWith('Connection') && 'pageInfo' in type.getFields();
  if (isConnection) {
    const size = (args.first ?? args.last ?? DEFAULT_PAGE_SIZE) as number;
    // A page above the maximum is refused by the field itself (BAD_USER_INPUT), so it costs at most a full page.
    return { field: 1, multiplier: Math.min(Math.max(size, 1), MAX_PAGE_SIZE) };
  }
  // The page size was already counted on the connection itself.
  if ((field.name === 'edges' && type.name.endsWith('Edge')) || (field.name === 'nodes' && !('ids' in args))) {
    return { field: 1, multiplier: 1 };
  }
  if (field.name === 'nodes' && Array.isArray(args.ids)) return { field: 1, multiplier: Math.max(args.ids.length, 1) };
  if (!isListType(getNullableType(field.type))) return 1;
  // A list sized by `first` (leaderboard, beats) costs what it asks for; the field refuses sizes past its maximum.
  if (typeof args.first === 'number') return { field: 1, multiplier: Math.min(Math.max(args.first, 1), MAX_PAGE_SIZE) };
  return { field: 1, multiplier: LIST_MULTIPLIER };
}

type CostResult = Parameters<ComplexityErrorFn>[1];

/** The refusal of a query above a limit: QUERY_TOO_COMPLEX with the figure and the limit. */
function tooComplex(kind: ComplexityErrorKind, result: CostResult): ClientError {
  const key = kind.toLowerCase() as 'complexity' | 'depth' | 'breadth';
  const limit = result[`max${kind}`];
  return new ClientError(
    `The query's ${key} is ${result[key]}, above the limit of ${limit}. Ask for smaller pages or fewer nested fields.`,
    'QUERY_TOO_COMPLEX',
    { [key]: result[key], limit },
  );
}

export const complexityError: ComplexityErrorFn = (kind, result) => tooComplex(kind, result);

/**
 * Requests whose cost was checked on the client's own document (src/graphql/query-cost.ts, and subscriptions).
 * The complexity plugin's check in the root resolvers is skipped for them: it reads the document being executed,
 * to which the response cache adds `__typename` and `id` fields, so the same query would cost more with the cache on.
 */
export const costChecked = new WeakSet<object>();

/** The limits the complexity plugin applies in root resolvers: none when the request was checked already. */
export const resolverLimits = (ctx: object) => (costChecked.has(ctx) ? {} : COMPLEXITY_LIMITS);

/**
 * The cost and depth of `operation` (with the document's fragments).
 * Throws the variables' coercion error when they do not fit the operation (the executor reports it too).
 */
export function queryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  variables: Record<string, unknown>,
  ctx: object,
): Pick<CostResult, 'complexity' | 'depth' | 'breadth'> {
  const document = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] } as const;
  const { complexity, depth, breadth } = complexityFromQuery(document, { schema, variables, ctx });
  return { complexity, depth, breadth };
}

/** The refusal of a query whose cost or depth is above the limits, if it is. */
export function costError(cost: Pick<CostResult, 'complexity' | 'depth' | 'breadth'>): ClientError | undefined {
  for (const kind of [ComplexityErrorKind.Complexity, ComplexityErrorKind.Depth]) {
    const key = kind === ComplexityErrorKind.Complexity ? 'complexity' : 'depth';
    if (cost[key] > COMPLEXITY_LIMITS[key]) {
      return tooComplex(kind, { ...cost, [`max${kind}`]: COMPLEXITY_LIMITS[key] });
    }
  }
  return undefined;
}
