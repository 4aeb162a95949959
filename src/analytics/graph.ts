/**
 * Graph exploration over the typed edges of the `graph_edge` view (src/db/sql/40-graph.sql): the neighborhood of
 * a node and the shortest path between two nodes, each one recursive SQL statement.
 *
 * Both are breadth-first searches that keep a whole level per row of the recursive CTE: the frontier and every
 * node visited so far, as arrays of node keys (`graph_node_key(type, id)`: the type's code in the high 32 bits).
 * A node is thus expanded once, whatever the number of paths that reach it, which keeps the work proportional to
 * the edges around the visited nodes instead of the number of paths. A path's step reads the edges at a whole
 * frontier at once (`graph_path_edges`: index lookups per node, and each reached model's BEATS edges with its
 * smallest node only, found per comparability key); a neighborhood, which keeps the nodes of lowest key, reads
 * only each node's first neighbors by key (`graph_first_neighbors`).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { AppDb } from '../db/client.ts';
import { preparedRows, rows, textArray } from './sql.ts';

import type { GraphNodeType } from '../db/entities.ts';

/**
 * Every edge type, in order of preference: when two edges join the same nodes, a path takes the first (a model
 * is reached from its developer through DEVELOPED rather than EVALUATED).
 */
export const GRAPH_EDGE_TYPES = [
  'DEVELOPED',
  'DERIVED_FROM',
  'USES_TECHNIQUE',
  'TRAINED_ON',
  'EVALUATED_ON',
  'CREATED',
  'SPECIALIZES',
  'SUBSET_OF',
  'EVALUATED',
  'BEATS',
] as const;
export type GraphEdgeType = (typeof GRAPH_EDGE_TYPES)[number];

export type GraphDirection = 'OUTGOING' | 'INCOMING' | 'BOTH';

/** Bounds of the traversals; arguments past them are refused. */
export const GRAPH_LIMITS = {
  /** Largest and default `depth` of a neighborhood. */
  maxDepth: 3,
  defaultDepth: 1,
  /** Largest and default number of nodes a neighborhood returns (the center included). */
  maxNodes: 500,
  defaultNodes: 50,
  /** Most edges a neighborhood returns; more are cut, and `edgesTruncated` says so. */
  maxEdges: 2000,
  /** Largest and default `maxHops` of a path. */
  maxHops: 6,
  defaultHops: 4,
  /** A path search that has visited this many nodes without meeting stops, and says it could not decide. */
  maxVisited: 25_000,
} as const;

export type NodeRef = { type: GraphNodeType; id: number };
export type GraphNode = NodeRef & { name: string; slug: string; depth: number };
export type GraphEdge = { type: GraphEdgeType; from: NodeRef; to: NodeRef; detail: string | null };

/** The tag of each node type in its key, as the SQL function `graph_node_key` numbers them. */
const NODE_KEY_TAGS = { ORGANIZATION: 1, MODEL: 2, TECHNIQUE: 3, DATASET: 4 } as const satisfies Record<
  GraphNodeType,
  number
>;
const TYPE_OF_TAG = new Map(Object.entries(NODE_KEY_TAGS).map(([type, tag]) => [tag as number, type as GraphNodeType]));

/** A node's key, as `graph_node_key` computes it. */
export function nodeKey({ type, id }: NodeRef): bigint {
  return (BigInt(NODE_KEY_TAGS[type]) << 32n) | BigInt(id);
}

/** The node of a key (pg returns bigint as text, PGlite as a number or bigint). */
export function nodeOfKey(key: string | number | bigint): NodeRef {
  const k = BigInt(key);
  return { type: TYPE_OF_TAG.get(Number(k >> 32n)) as GraphNodeType, id: Number(k & 0xffffffffn) };
}

const keyParam = (node: NodeRef) => sql`${nodeKey(node).toString()}::bigint`;

/** Name and slug of the node `key`, as a LATERAL subquery (no row when the node does not exist). */
const label = (key: string) =>
  sql.raw(`(select o.name, o.slug from organization o where graph_node_type(${key}) = 'ORGANIZATION' and o.id = graph_node_id(${key})
    union all select m.name, m.slug from model m where graph_node_type(${key}) = 'MODEL' and m.id = graph_node_id(${key})
    union all select t.name, t.slug from technique t where graph_node_type(${key}) = 'TECHNIQUE' and t.id = graph_node_id(${key})
    union all select d.name, d.slug from dataset d where graph_node_type(${key}) = 'DATASET' and d.id = graph_node_id(${key}))`);

/** An edge type's rank in GRAPH_EDGE_TYPES, in SQL. */
const edgeRank = (edge: string) =>
  sql.raw(`array_position(array[${GRAPH_EDGE_TYPES.map((e) => `'${e}'`).join(', ')}], ${edge})`);

type RawNode = { key: string; depth: number; name: string; slug: string };
type RawEdge = { from: string; to: string; edge: GraphEdgeType; detail: string | null };

const toNode = (n: RawNode): GraphNode => ({ ...nodeOfKey(n.key), name: n.name, slug: n.slug, depth: Number(n.depth) });
const toEdge = (e: RawEdge): GraphEdge => ({
  type: e.edge,
  from: nodeOfKey(e.from),
  to: nodeOfKey(e.to),
  detail: e.detail,
});

export type Neighborhood = {
  /**
   * The center first, then by depth, type and name. When more than `limit` nodes are reachable, the nearest are
   * kept, and within the last depth those of the first types (organizations, models, techniques, datasets)
   * and lowest ids.
   */
  nodes: GraphNode[];
  /** Every edge of the requested types between two returned nodes (whatever `direction`), by type, then ends. */
  edges: GraphEdge[];
  /** More nodes were reachable within the depth than `limit`. */
  truncated: boolean;
  /** The returned nodes have more than `GRAPH_LIMITS.maxEdges` edges between them; the first ones are returned. */
  edgesTruncated: boolean;
};

export type NeighborhoodArgs = {
  center: NodeRef;
  depth: number;
  edgeTypes: readonly GraphEdgeType[];
  direction: GraphDirection;
  limit: number;
};

/**
 * The walk of a neighborhood as the common table expressions of a statement (`with recursive ...`, to be
 * followed by a select), shared by `neighborhood` and the compiled query path (src/graphql/compiled/graph.ts):
 * - `reached(key, depth)`: every node the walk reached (more than `limit` when the walk was cut);
 * - `kept(key, depth, name, slug)`: the returned nodes, the center (depth 0) only when it exists;
 * - `edges(node, neighbor, edge, detail, rank)`: the first `GRAPH_LIMITS.maxEdges + 1` edges between them in
 *   the returned order (`NEIGHBORHOOD_EDGE_ORDER`), `rank` being the type's rank in GRAPH_EDGE_TYPES.
 * `depth` and `limit` are written into the text: they are checked integers, and a prepared statement planned
 * for them keeps its plan (with `limit $n`, PostgreSQL plans generically for an unknown count).
 */
export function neighborhoodWalk({ center, depth, edgeTypes, direction, limit }: NeighborhoodArgs): SQL {
  for (const value of [depth, limit]) if (!Number.isSafeInteger(value)) throw new TypeError(`not an integer: ${value}`);
  const edges = textArray([...edgeTypes]);
  const outgoing = direction !== 'INCOMING';
  const incoming = direction !== 'OUTGOING';
  const depthSql = sql.raw(String(depth));
  const limitSql = sql.raw(String(limit));
  return sql`with recursive bfs(depth, frontier, visited) as (
      select 0, array[${keyParam(center)}], array[${keyParam(center)}]
      union all
      select b.depth + 1, n.found, b.visited || n.found
      from bfs b
      cross join lateral (
        -- Only the nodes of lowest key are kept (below): of a level, its first limit + 1 - |visited| new
        -- nodes by key are enough to fill the kept nodes and to know whether more were reachable (then the
        -- visited nodes are more than the limit, and the walk stops as it would with the whole level).
        select array_agg(g.neighbor order by g.neighbor) as found
        from graph_first_neighbors(b.frontier, ${edges}, ${outgoing}, ${incoming}, b.visited,
                                   greatest(${limitSql} + 1 - cardinality(b.visited), 0)) g
      ) n
      -- Once more nodes than the limit are known, deeper levels cannot be returned: stop.
      where b.depth < ${depthSql} and cardinality(b.visited) <= ${limitSql} and n.found is not null
    ),
    reached as (
      select u.key, b.depth from bfs b cross join lateral unnest(b.frontier) as u(key)
    ),
    -- The nearest nodes; within a depth, by type then id (a stable choice that needs no name lookups for
    -- the nodes left out, which can be thousands).
    kept as (
      select r.key, r.depth, l.name, l.slug
      from (select * from reached order by depth, key limit ${limitSql}) r
      cross join lateral ${label('r.key')} as l
    ),
    edges as (
      select g.from_key as node, g.to_key as neighbor, g.edge, g.detail, ${edgeRank('g.edge')} as rank
      from graph_edges_among(array(select key from kept), ${edges}, ${GRAPH_LIMITS.maxEdges + 1}) g
      order by 5, g.from_key, g.to_key, g.detail
      limit ${GRAPH_LIMITS.maxEdges + 1}
    )`;
}

/** The order of a neighborhood's nodes, over the columns of `kept` (see `neighborhoodWalk`) under `alias`. */
export const neighborhoodNodeOrder = (alias: string) =>
  sql.raw(`${alias}.depth, ${alias}.key >> 32, ${alias}.name collate "C", ${alias}.key`);

/** The order of a neighborhood's edges, over the columns of `edges` (see `neighborhoodWalk`) under `alias`. */
export const neighborhoodEdgeOrder = (alias: string) =>
  sql.raw(`${alias}.rank, ${alias}.node, ${alias}.neighbor, ${alias}.detail`);

/**
 * The nodes within `depth` hops of `center` (following edges `direction`-wise: out of a node, into it, or both),
 * at most `limit` of them, nearest first, and the edges between them; `null` when the center does not exist.
 */
export async function neighborhood(db: AppDb, args: NeighborhoodArgs): Promise<Neighborhood | null> {
  const [row] = await rows<{ nodes: string | null; edges: string | null; reached: number }>(
    db,
    sql`${neighborhoodWalk(args)}
        select
          (select json_agg(json_build_object('key', k.key::text, 'depth', k.depth, 'name', k.name, 'slug', k.slug)
                  order by ${neighborhoodNodeOrder('k')}) from kept k)::text as nodes,
          (select json_agg(json_build_object('from', e.node::text, 'to', e.neighbor::text, 'edge', e.edge, 'detail', e.detail)
                  order by ${neighborhoodEdgeOrder('e')}) from edges e)::text as edges,
          (select count(*) from reached)::int as reached`,
  );
  const nodes = (JSON.parse(row?.nodes ?? '[]') as RawNode[]).map(toNode);
  const allEdges = (JSON.parse(row?.edges ?? '[]') as RawEdge[]).map(toEdge);
  if (nodes[0]?.depth !== 0) return null;
  return {
    nodes,
    edges: allEdges.slice(0, GRAPH_LIMITS.maxEdges),
    truncated: Number(row?.reached ?? 0) > args.limit,
    edgesTruncated: allEdges.length > GRAPH_LIMITS.maxEdges,
  };
}

export type PathStep = {
  from: GraphNode;
  to: GraphNode;
  edge: GraphEdge;
  /** Whether the edge points from `from` to `to` (the path walked it forward) or the other way. */
  forward: boolean;
};

export type PathResult =
  | { status: 'found'; nodes: GraphNode[]; steps: PathStep[] }
  /** No path of at most `maxHops` hops (the search finished). */
  | { status: 'none' }
  /** The search visited more than `maxVisited` nodes without finding a path: it cannot say. */
  | { status: 'limit'; visited: number }
  /** `from` or `to` does not exist. */
  | { status: 'missing'; node: NodeRef };

type RawHop = {
  position: number;
  from: string;
  to: string;
  edge: GraphEdgeType;
  forward: boolean;
  detail: string | null;
  toName: string;
  toSlug: string;
};

/**
 * A shortest path of at most `maxHops` hops between two nodes, each edge walkable either way. Bidirectional
 * breadth-first search: each step expands the smaller of the two frontiers by one level, and the search stops
 * at the first level where they meet, which is a shortest path (the meeting node lies on the other side's last
 * level, else an earlier level would have met). Among shortest paths the choice is deterministic: the meeting
 * node and each node's parent with the smallest key, and the preferred edge type between two nodes. A level that
 * no later step expands is read only as far as the answer needs: the last step's not at all, and the one before
 * it, when the last step expands the other side, as its size and the smallest node both frontiers reach
 * (graph_level), which is where that step meets it if it meets it there.
 */
export async function shortestPath(
  db: AppDb,
  {
    from,
    to,
    maxHops,
    edgeTypes,
    maxVisited = GRAPH_LIMITS.maxVisited,
    twoHopMeeting = true,
    lastLevel = true,
    beatsByKey = true,
  }: {
    from: NodeRef;
    to: NodeRef;
    maxHops: number;
    edgeTypes: readonly GraphEdgeType[];
    /** Stop once more nodes than this are visited (tests lower it). */
    maxVisited?: number;
    /** Find a meeting after two steps by index first (graph_two_hop_meeting); tests turn it off to compare. */
    twoHopMeeting?: boolean;
    /**
     * Expand neither the level that only the last step meets (graph_level) nor the last step's; tests turn it off
     * to compare with the walk that expands every level.
     */
    lastLevel?: boolean;
    /**
     * Read a step's edges with graph_path_edges (each reached model's BEATS edges with its smallest node only,
     * found per comparability key); tests turn it off to compare with graph_neighbors' every BEATS pair.
     */
    beatsByKey?: boolean;
  },
): Promise<PathResult> {
  const edges = textArray([...edgeTypes]);
  const frontier = sql.raw(`case when x.side = 'F' then s.f_frontier else s.b_frontier end`);
  const ownVisited = sql.raw(`case when x.side = 'F' then s.f_visited else s.b_visited end`);
  const otherVisited = sql.raw(`case when x.side = 'F' then s.b_visited else s.f_visited end`);
  // The edges from the frontier to the nodes of `among`, walkable either way (graph_neighbors_among's).
  const edgesTo = (among: SQL) =>
    beatsByKey
      ? sql`graph_path_edges(${frontier}, ${edges}, ${among}, null)`
      : sql`graph_neighbors_among(${frontier}, ${edges}, ${among})`;
  // The edges from the frontier to the nodes not visited by its side, as `from ... where ...`.
  const edgesOut = beatsByKey
    ? sql`from graph_path_edges(${frontier}, ${edges}, null, ${ownVisited}) g`
    : sql`from graph_neighbors(${frontier}, ${edges}, true, true, null) g
          left join unnest(${ownVisited}) as v(key) on v.key = g.neighbor
          where v.key is null`;
  // A named prepared statement (its text is the same for every request): parsed and planned once per connection
  // instead of at each request (2 ms of PostgreSQL CPU on the 4x graph, as much as a two-step answer's execution).
  const [row] = await preparedRows<{
    met: string | null;
    visited: number;
    step: number;
    hops: string | null;
    from_label: string | null;
    to_label: string | null;
  }>(
    db,
    beatsByKey ? 'graph_path' : 'graph_path_all_beats',
    sql`with recursive
        -- The node where the walk below would meet after two steps, found by index (NULL: the walk runs).
        near as materialized (
          select m.met from (
            -- OFFSET 0: called once (pulled up, the call was made twice, in the filter below and for the column).
            select graph_two_hop_meeting(${keyParam(from)}, ${keyParam(to)}, ${edges}) as met
            where ${twoHopMeeting} and ${maxHops} >= 2 and ${maxVisited} >= 2
            offset 0
          ) m
          where m.met is not null
        ),
        -- Each side's frontier and visited nodes, and their numbers (f_size, f_count...): the same, except after a
        -- level that is not expanded (below), whose nodes the arrays lack.
        walk(step, side, f_frontier, f_visited, b_frontier, b_visited, f_size, f_count, b_size, b_count,
                              found, parents, edges, forwards, details, met) as (
          select 0, null::text, array[${keyParam(from)}], array[${keyParam(from)}],
                 array[${keyParam(to)}], array[${keyParam(to)}], 1, 1, 1, 1,
                 null::bigint[], null::bigint[], null::text[], null::boolean[], null::text[],
                 case when ${keyParam(from)} = ${keyParam(to)} then ${keyParam(from)} end
          where not exists (select from near)
          union all
          select s.step + 1, x.side,
                 case when x.side = 'F' then n.found else s.f_frontier end,
                 case when x.side = 'F' then s.f_visited || n.found else s.f_visited end,
                 case when x.side = 'B' then n.found else s.b_frontier end,
                 case when x.side = 'B' then s.b_visited || n.found else s.b_visited end,
                 case when x.side = 'F' then n.size else s.f_size end,
                 case when x.side = 'F' then s.f_count + n.size else s.f_count end,
                 case when x.side = 'B' then n.size else s.b_size end,
                 case when x.side = 'B' then s.b_count + n.size else s.b_count end,
                 n.found, n.parents, n.edges, n.forwards, n.details,
                 -- The nodes found by the meeting check are all visited by the other side, and an expansion
                 -- finds none of them (the check would have): the sides meet at the smallest, found[1].
                 case when n.meets then n.found[1] end
          from walk s
          cross join lateral (
            select case when s.f_size <= s.b_size then 'F' else 'B' end as side
          ) x
          cross join lateral (
            -- Each newly reached node once, with its parent: the smallest key, then the preferred edge type,
            -- then an edge that points along the path (out of the parent on the forward side, into it on the
            -- backward side: Tülu 3 405B -BEATS-> DeepSeek-V3 rather than DeepSeek-V3 -BEATS-> Tülu 3 405B).
            -- First only the nodes the other side has visited: if the frontier reaches one, the sides meet at
            -- this step, the meeting node and its parent are chosen among exactly these edges as they would be
            -- among all, and the full expansion is skipped. Past the visited limit only this check runs (when
            -- the frontier is within the limit, as every expanded frontier is): two organizations that each
            -- evaluated 30,000 models meet one step after the first side's expansion went past the limit, and
            -- the path is the one an unlimited search finds.
            with meeting as materialized (
              select distinct on (g.neighbor) g.neighbor, g.node, g.edge, g.forward, g.detail, true as meets
              from ${edgesTo(otherVisited)} g
              where cardinality(case when x.side = 'F' then s.f_frontier else s.b_frontier end) <= ${maxVisited}
              order by g.neighbor, g.node, ${edgeRank('g.edge')}, g.forward = (x.side = 'F') desc, g.detail
            ),
            -- The level before the last step, when the last step expands the other side (its frontier is the
            -- smaller: on the forward side, this level is larger than the backward frontier; on the backward side,
            -- at least as large as the forward one). That step meets this level only at nodes the two frontiers
            -- both reach, at the smallest first: the level's size and that node (graph_level) are all it needs, and
            -- the edges of the level's other nodes (on the 4x graph, 200,000 BEATS pairs to 2,200 models) are never
            -- read. The level is recorded as that node alone, with its parent, its size as the level's.
            level as materialized (
              select l.size, l.first_common,
                     l.size > case when x.side = 'F' then s.b_size else s.f_size - 1 end as skipped
              from graph_level(case when x.side = 'F' then s.f_frontier else s.b_frontier end, ${edges},
                               case when x.side = 'F' then s.f_visited else s.b_visited end,
                               case when x.side = 'F' then s.b_frontier else s.f_frontier end,
                               case when x.side = 'F' then s.b_size else s.f_size - 1 end) l
              where ${lastLevel} and s.step + 1 = ${maxHops} - 1 and not exists (select 1 from meeting)
                and s.f_count + s.b_count <= ${maxVisited}
            ),
            reached as (
              select * from meeting
              union all
              select * from (
                select distinct on (g.neighbor) g.neighbor, g.node, g.edge, g.forward, g.detail, false as meets
                ${edgesOut}
                order by g.neighbor, g.node, ${edgeRank('g.edge')}, g.forward = (x.side = 'F') desc, g.detail
              ) expanded
              where not exists (select 1 from meeting)
                and s.f_count + s.b_count <= ${maxVisited}
                and not exists (select 1 from level where skipped)
                -- The last step's level is never met: not expanded.
                and not (${lastLevel} and s.step + 1 = ${maxHops})
              union all
              select * from (
                select distinct on (g.neighbor) g.neighbor, g.node, g.edge, g.forward, g.detail, false as meets
                from level
                cross join lateral ${edgesTo(sql`array[level.first_common]`)} g
                where level.skipped and level.first_common is not null
                order by g.neighbor, g.node, ${edgeRank('g.edge')}, g.forward = (x.side = 'F') desc, g.detail
              ) common
            )
            select coalesce(
                     array_agg(c.neighbor order by c.neighbor),
                     -- A level not expanded, and the last step's when it would have been: the walk goes on (a last
                     -- step past the visited limit is not made, as before: the search could not decide).
                     case when exists (select 1 from level where skipped)
                            or (${lastLevel} and s.step + 1 = ${maxHops} and s.f_count + s.b_count <= ${maxVisited})
                          then '{}'::bigint[] end
                   ) as found,
                   coalesce((select level.size from level where skipped), count(c.neighbor)::int) as size,
                   array_agg(c.node order by c.neighbor) as parents,
                   array_agg(c.edge order by c.neighbor) as edges,
                   array_agg(c.forward order by c.neighbor) as forwards,
                   array_agg(c.detail order by c.neighbor) as details,
                   bool_or(c.meets) as meets
            from reached c
          ) n
          where s.met is null and s.step < ${maxHops} and n.found is not null
        ),
        outcome as (select * from walk order by step desc limit 1),
        -- From the meeting node back to each end, through the parents recorded by that side's steps (each node is
        -- found by one step, at its position in that step's arrays).
        chain(side, child, parent, edge, forward, detail, k) as (
          select s.side, outcome.met, s.parents[p.i], s.edges[p.i], s.forwards[p.i], s.details[p.i], 1
          from outcome, walk s cross join lateral (select array_position(s.found, outcome.met) as i) p
          where s.side is not null and p.i is not null
          union all
          select c.side, c.parent, s.parents[p.i], s.edges[p.i], s.forwards[p.i], s.details[p.i], c.k + 1
          from chain c join walk s on s.side = c.side
          cross join lateral (select array_position(s.found, c.parent) as i) p
          where p.i is not null
        ),
        -- In path order: the forward side's hops lead from the parent to the child, the backward side's the
        -- other way. graph_neighbors' "forward" is relative to the expanded (parent) node.
        hops as (
          select (select count(*) from chain where side = 'F') - k + 1 as position, parent as from_key,
                 child as to_key, edge, forward, detail
          from chain where side = 'F'
          union all
          select (select count(*) from chain where side = 'F') + k, child, parent, edge, not forward, detail
          from chain where side = 'B'
        ),
        -- The two hops through the meeting node found by index, with the edges the walk would choose: on the
        -- forward side (from the start) the preferred type, then an edge out of the start; on the backward side
        -- the preferred type, then an edge into the end.
        near_hops as (
          select 1 as position, ${keyParam(from)} as from_key, n.met as to_key, e.edge, e.forward, e.detail
          from near n cross join lateral (
            select g.edge, g.from_key = ${keyParam(from)} as forward, g.detail
            from graph_edges_among(array[${keyParam(from)}, n.met], ${edges}, null) g
            where g.from_key <> g.to_key
            order by ${edgeRank('g.edge')}, g.from_key = ${keyParam(from)} desc, g.detail
            limit 1
          ) e
          union all
          select 2, n.met, ${keyParam(to)}, e.edge, e.forward, e.detail
          from near n cross join lateral (
            select g.edge, g.to_key = ${keyParam(to)} as forward, g.detail
            from graph_edges_among(array[${keyParam(to)}, n.met], ${edges}, null) g
            where g.from_key <> g.to_key
            order by ${edgeRank('g.edge')}, g.from_key = ${keyParam(to)}, g.detail
            limit 1
          ) e
        ),
        labeled as (
          select h.*, fl.name as from_name, fl.slug as from_slug, tl.name as to_name, tl.slug as to_slug
          from (select * from hops union all select * from near_hops) h
          cross join lateral ${label('h.from_key')} as fl
          cross join lateral ${label('h.to_key')} as tl
        )
        select coalesce(outcome.met, (select met from near))::text as met, outcome.step,
               outcome.f_count + outcome.b_count as visited,
               (select json_agg(json_build_object('position', position, 'from', from_key::text, 'to', to_key::text,
                         'edge', edge, 'forward', forward, 'detail', detail,
                         'fromName', from_name, 'fromSlug', from_slug, 'toName', to_name, 'toSlug', to_slug)
                       order by position) from labeled)::text as hops,
               (select json_build_object('name', l.name, 'slug', l.slug)
                from (select ${keyParam(from)} as key) e cross join lateral ${label('e.key')} as l)::text as from_label,
               (select json_build_object('name', l.name, 'slug', l.slug)
                from (select ${keyParam(to)} as key) e cross join lateral ${label('e.key')} as l)::text as to_label
        from (select) one left join outcome on true`,
  );
  if (!row?.from_label) return { status: 'missing', node: from };
  if (!row.to_label) return { status: 'missing', node: to };
  if (row.met === null) {
    const stoppedEarly = Number(row.visited) > maxVisited && Number(row.step) < maxHops;
    return stoppedEarly ? { status: 'limit', visited: Number(row.visited) } : { status: 'none' };
  }
  const start = JSON.parse(row.from_label) as { name: string; slug: string };
  const hops = (JSON.parse(row.hops ?? '[]') as RawHop[]).sort((a, b) => Number(a.position) - Number(b.position));
  const nodes: GraphNode[] = [{ ...from, name: start.name, slug: start.slug, depth: 0 }];
  const steps: PathStep[] = hops.map((hop, index) => {
    const source = nodes[index]!;
    const target: GraphNode = { ...nodeOfKey(hop.to), name: hop.toName, slug: hop.toSlug, depth: index + 1 };
    nodes.push(target);
    const edge: GraphEdge = {
      type: hop.edge,
      from: hop.forward ? source : target,
      to: hop.forward ? target : source,
      detail: hop.detail,
    };
    return { from: source, to: target, edge, forward: hop.forward };
  });
  return { status: 'found', nodes, steps };
}
