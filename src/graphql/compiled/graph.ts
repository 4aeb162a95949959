/**
 * `Query.neighborhood` on the compiled query path: the resolver's own walk (`neighborhoodWalk`,
 * src/analytics/graph.ts) as the common table expressions of a subquery, which builds the JSON of the nodes and
 * edges the selection asks for. The resolvers would read the walk's nodes and edges (up to 2,000 of them) as
 * JSON, parse it, and run a resolver per field of each; here PostgreSQL writes the answer, and the server sends
 * it as it is. Same rows, same order: the nodes by depth, type, name and key, the first
 * `GRAPH_LIMITS.maxEdges` edges by type and ends. Arguments the resolver refuses (`neighborhoodArguments`
 * throws) and a center that does not exist (null) are left to the resolvers, which answer with their error.
 * `GraphNode.entity` (an interface) is not compiled.
 */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { type SQL, sql } from 'drizzle-orm';
import { GRAPH_LIMITS, neighborhoodEdgeOrder, neighborhoodNodeOrder, neighborhoodWalk } from '../../analytics/graph.ts';
import { entities, GRAPH_NODE_TYPES, KIND_OF_GRAPH_NODE } from '../../db/entities.ts';
import { type NeighborhoodFieldArgs, neighborhoodArguments } from '../types/graph.ts';
import { NotCompilable } from './selection.ts';
import {
  type Catalog,
  columnJson,
  derived,
  expression,
  type FieldContext,
  globalIdOf,
  objectJson,
  objectTypeOf,
} from './sql-json.ts';

function neighborhoodJson(context: FieldContext): SQL {
  const { scope, args, responseKey } = context;
  // plugin-relay decodes the ID before the resolver runs; a malformed one is the resolvers' to report.
  let id: NeighborhoodFieldArgs['id'];
  try {
    id = decodeGlobalID(String(args.id));
  } catch {
    throw new NotCompilable('neighborhood id');
  }
  const walk = neighborhoodArguments({ ...(args as Omit<NeighborhoodFieldArgs, 'id'>), id }, scope);
  // A center that does not exist: null, and the resolvers answer NOT_FOUND.
  scope.nullMeansFallback.push(responseKey);
  const fields = derived({
    truncated: sql`((select count(*) from reached) > ${sql.raw(String(walk.limit))})`,
    edgesTruncated: sql`((select count(*) from edges) > ${sql.raw(String(GRAPH_LIMITS.maxEdges))})`,
  });
  const json = objectJson(scope, objectTypeOf(context.field.type), context.nodes, fields);
  return sql`(${neighborhoodWalk(walk)}
    select case when exists (select from kept where depth = 0) then ${json} end)`;
}

/** A row of the walk's `kept` nodes under a fresh alias, as the fields of a `GraphNode` read it. */
function keptNodes(context: FieldContext) {
  const k = context.scope.name();
  const column = (name: string) => sql.raw(`"${k}"."${name}"`);
  const row = derived({ key: column('key'), depth: column('depth'), name: column('name'), slug: column('slug') });
  return { k, row, from: sql.raw(`kept "${k}"`) };
}

/** `Neighborhood.nodes`: the kept nodes in the resolver's order. */
function nodesJson(context: FieldContext): SQL {
  const { k, row, from } = keptNodes(context);
  const json = context.scope.inList(() =>
    objectJson(context.scope, objectTypeOf(context.field.type), context.nodes, row),
  );
  return sql`(select coalesce(json_agg(${json} order by ${neighborhoodNodeOrder(`"${k}"`)}), '[]'::json) from ${from})`;
}

/** `Neighborhood.center`: the node at depth 0. */
function centerJson(context: FieldContext): SQL {
  const { k, row, from } = keptNodes(context);
  const json = objectJson(context.scope, objectTypeOf(context.field.type), context.nodes, row);
  return sql`(select ${json} from ${from} where ${sql.raw(`"${k}"`)}.depth = 0)`;
}

/** `Neighborhood.edges`: the first `GRAPH_LIMITS.maxEdges` of the walk's edges, in the resolver's order. */
function edgesJson(context: FieldContext): SQL {
  const e = context.scope.name();
  const alias = `"${e}"`;
  const column = (name: string) => sql.raw(`${alias}."${name}"`);
  const row = derived({ from: column('node'), to: column('neighbor'), edge: column('edge'), detail: column('detail') });
  const json = context.scope.inList(() =>
    objectJson(context.scope, objectTypeOf(context.field.type), context.nodes, row),
  );
  const order = neighborhoodEdgeOrder(alias);
  return sql`(select coalesce(json_agg(${json} order by ${order}), '[]'::json)
    from (select * from edges ${sql.raw(alias)} order by ${order} limit ${sql.raw(String(GRAPH_LIMITS.maxEdges))}) ${sql.raw(alias)})`;
}

/** `'<Type>:'` of a node key's type, the prefix of its entity's global ID. */
const typePrefix = (key: SQL | object) =>
  sql`(case graph_node_type(${key}) ${sql.raw(
    GRAPH_NODE_TYPES.map((type) => `when '${type}' then '${entities[KIND_OF_GRAPH_NODE[type]].typeName}:'`).join(' '),
  )} end)`;

/** The global ID of the entity behind the node key the row holds under `name`. */
const entityIdOf = (name: string) => (context: FieldContext) => {
  const key = expression(context.row, name);
  return globalIdOf(typePrefix(key), sql`graph_node_id(${key})`);
};

export const graphCatalog: Catalog = {
  Query: { neighborhood: neighborhoodJson },
  Neighborhood: { nodes: nodesJson, center: centerJson, edges: edgesJson },
  GraphNode: {
    entityId: entityIdOf('key'),
    type: (context) => columnJson(context.field.type, sql`graph_node_type(${expression(context.row, 'key')})`),
  },
  GraphEdge: {
    type: (context) => columnJson(context.field.type, expression(context.row, 'edge')),
    fromId: entityIdOf('from'),
    toId: entityIdOf('to'),
  },
};
