/**
 * The knowledge graph as nodes and typed edges (view `graph_edge`, src/analytics/graph.ts): `Query.neighborhood`
 * and `Query.path`, and the lineage of a model to any depth (`Model.ancestors`, `Model.descendants`,
 * src/analytics/lineage.ts). Each traversal is one recursive SQL statement; the entities behind the nodes are
 * loaded only when `entity` (or a lineage `model`) is selected, batched into one statement per type.
 */
import { createContextCache } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import {
  GRAPH_EDGE_TYPES,
  GRAPH_LIMITS,
  type GraphDirection,
  type GraphEdge,
  type GraphEdgeType,
  type GraphNode,
  type Neighborhood,
  type NeighborhoodArgs,
  type NodeRef,
  type PathStep,
  neighborhood,
  shortestPath,
} from '../../analytics/graph.ts';
import {
  LINEAGE_LIMITS,
  type LineageAnswers,
  type LineageDirection,
  type LineageHop,
  type LineageRelative,
  type LineageRequest,
  lineage,
  lineageRequestKey,
} from '../../analytics/lineage.ts';
import { entities, GRAPH_NODE_TYPES, type GraphNodeType, KIND_OF_GRAPH_NODE } from '../../db/entities.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { NotFoundError } from '../../errors.ts';
import { InputError } from '../errors.ts';
import { checkGlobalId } from '../node-lookup.ts';
import { COMPLEXITY_LIMITS, TRAVERSAL_COST, traversalCost } from '../complexity.ts';
import { LineageKindEnum } from './enums.ts';
import { ModelRef } from './model.ts';
import { loadEntity } from './search.ts';
import { SourceRef } from './source.ts';

// ---------------------------------------------------------------------------------------------------------
// Nodes and edges

/** GraphQL object type of each node type. */
const typeName = (type: GraphNodeType) => entities[KIND_OF_GRAPH_NODE[type]].typeName;

const GraphNodeTypeEnum = builder.enumType('GraphNodeType', {
  description: 'The kind of entity a graph node is.',
  values: {
    ORGANIZATION: { description: 'An organization.' },
    MODEL: { description: 'A model.' },
    TECHNIQUE: { description: 'A technique.' },
    DATASET: { description: 'A dataset or benchmark.' },
  } satisfies Record<GraphNodeType, { description: string }>,
});

const GraphEdgeTypeEnum = builder.enumType('GraphEdgeType', {
  description: 'A kind of relation between two graph nodes, with its direction and the meaning of its `detail`.',
  values: {
    DEVELOPED: { description: 'ORGANIZATION -> MODEL: the organization developed the model. No detail.' },
    DERIVED_FROM: {
      description: 'MODEL -> MODEL: the model was derived from the base model. Detail: the lineage kind (finetune...).',
    },
    USES_TECHNIQUE: {
      description: 'MODEL -> TECHNIQUE: the model was built with the technique. Detail: the training stage, if any.',
    },
    TRAINED_ON: {
      description:
        'MODEL -> DATASET: a training stage of the model used the dataset. Detail: the techniques of those stages (slugs, comma-separated).',
    },
    EVALUATED_ON: {
      description: 'MODEL -> DATASET: the model has results on the benchmark. Detail: the number of results.',
    },
    CREATED: { description: 'ORGANIZATION -> DATASET: the organization created the dataset. No detail.' },
    SPECIALIZES: { description: 'TECHNIQUE -> TECHNIQUE: a variant of the more general technique. No detail.' },
    SUBSET_OF: { description: 'DATASET -> DATASET: a subset or split of the larger dataset. No detail.' },
    EVALUATED: {
      description: 'ORGANIZATION -> MODEL: the organization measured results of the model. Detail: how many.',
    },
    BEATS: {
      description:
        'MODEL -> MODEL: derived from comparable results (view `model_beats`): the model scores better than the other at one or more comparability keys. Detail: the number of benchmarks (datasets) won. The densest edge type, and the most expensive to walk.',
    },
  } satisfies Record<GraphEdgeType, { description: string }>,
});

const GraphDirectionEnum = builder.enumType('GraphDirection', {
  description: 'Which edges a neighborhood follows from each node.',
  values: {
    OUTGOING: { description: 'Edges that start at the node (DEVELOPED from an organization...).' },
    INCOMING: { description: 'Edges that end at the node.' },
    BOTH: { description: 'Both.' },
  } satisfies Record<GraphDirection, { description: string }>,
});

const GraphStepDirectionEnum = builder.enumType('GraphStepDirection', {
  description: 'How a path walks an edge.',
  values: {
    FORWARD: { description: 'Along the edge: the step goes from the edge’s origin to its target.' },
    BACKWARD: { description: 'Against the edge: the step goes from the edge’s target to its origin.' },
  },
});

const GraphNodeRef = builder.objectRef<GraphNode>('GraphNode').implement({
  description: 'An entity as a node of the graph, with what a graph view needs to draw it.',
  fields: (t) => ({
    entityId: t.globalID({
      description: 'Global ID of the entity (the same as `entity.id`); edges refer to nodes by it.',
      resolve: (node) => ({ type: typeName(node.type), id: node.id }),
    }),
    type: t.field({ type: GraphNodeTypeEnum, description: 'What kind of entity.', resolve: (node) => node.type }),
    name: t.exposeString('name', { description: 'Display name of the entity.' }),
    slug: t.exposeString('slug', { description: 'Slug of the entity.' }),
    depth: t.exposeInt('depth', {
      description: 'Number of hops from the starting node (the center of a neighborhood, the start of a path).',
    }),
    entity: t.field({
      type: builder.nodeInterfaceRef(),
      description: 'The entity itself; use fragments (`... on Model { releaseDate }`) for its fields.',
      resolve: (node, _args, ctx, info) => loadEntity(ctx, info, typeName(node.type), node.id),
    }),
  }),
});

const GraphEdgeRef = builder.objectRef<GraphEdge>('GraphEdge').implement({
  description: 'A typed, directed edge between two graph nodes.',
  fields: (t) => ({
    type: t.field({ type: GraphEdgeTypeEnum, description: 'The kind of relation.', resolve: (edge) => edge.type }),
    fromId: t.globalID({
      description: 'Global ID of the entity the edge starts at.',
      resolve: (edge) => ({ type: typeName(edge.from.type), id: edge.from.id }),
    }),
    toId: t.globalID({
      description: 'Global ID of the entity the edge points to.',
      resolve: (edge) => ({ type: typeName(edge.to.type), id: edge.to.id }),
    }),
    detail: t.exposeString('detail', {
      nullable: true,
      description: 'Edge-type specific detail (see `GraphEdgeType`), e.g. the lineage kind of DERIVED_FROM.',
    }),
  }),
});

const NeighborhoodRef = builder.objectRef<Neighborhood>('Neighborhood').implement({
  description: 'The nodes around a center node and the edges between them, for a graph view.',
  fields: (t) => ({
    center: t.field({
      type: GraphNodeRef,
      description: 'The node the neighborhood is centered on (depth 0).',
      resolve: (n) => n.nodes[0]!,
    }),
    nodes: t.field({
      type: [GraphNodeRef],
      description:
        'The center, then the nodes by depth (hops from the center), type (organizations, models, techniques, datasets) and name; at most `limit`. When more are reachable, the nearest are kept, and at the last depth those of the first types and lowest ids.',
      resolve: (n) => n.nodes,
    }),
    edges: t.field({
      type: [GraphEdgeRef],
      description: `Every edge of the requested types between two returned nodes, in either direction (at most ${GRAPH_LIMITS.maxEdges}).`,
      resolve: (n) => n.edges,
    }),
    truncated: t.exposeBoolean('truncated', {
      description: 'True when more nodes lie within the depth than `limit`: the nearest were kept.',
    }),
    edgesTruncated: t.exposeBoolean('edgesTruncated', {
      description: `True when the returned nodes have more than ${GRAPH_LIMITS.maxEdges} edges between them.`,
    }),
  }),
});

const GraphPathStepRef = builder.objectRef<PathStep>('GraphPathStep').implement({
  description: 'One hop of a path: from a node to the next, through an edge walked forward or backward.',
  fields: (t) => ({
    from: t.field({ type: GraphNodeRef, description: 'The node the step leaves.', resolve: (s) => s.from }),
    to: t.field({ type: GraphNodeRef, description: 'The node the step reaches.', resolve: (s) => s.to }),
    edge: t.field({ type: GraphEdgeRef, description: 'The edge, with its own direction.', resolve: (s) => s.edge }),
    direction: t.field({
      type: GraphStepDirectionEnum,
      description: 'FORWARD when the edge points from `from` to `to`, BACKWARD when the path walks it in reverse.',
      resolve: (s) => (s.forward ? 'FORWARD' : 'BACKWARD'),
    }),
  }),
});

const GraphPathRef = builder.objectRef<{ nodes: GraphNode[]; steps: PathStep[] }>('GraphPath').implement({
  description: 'A shortest path between two nodes.',
  fields: (t) => ({
    length: t.int({
      description: 'Number of hops (0 when both ends are the same node).',
      resolve: (p) => p.steps.length,
    }),
    nodes: t.field({
      type: [GraphNodeRef],
      description: 'The nodes from the start to the end, in order (`length` + 1 of them).',
      resolve: (p) => p.nodes,
    }),
    steps: t.field({ type: [GraphPathStepRef], description: 'The hops, in order.', resolve: (p) => p.steps }),
  }),
});

// ---------------------------------------------------------------------------------------------------------
// Arguments

/** The node a global ID names; only organizations, models, techniques and datasets are graph nodes. */
function graphNode(
  globalId: { typename: string; id: string },
  info: Pick<GraphQLResolveInfo, 'schema'>,
  argument: string,
): NodeRef {
  try {
    checkGlobalId(globalId, info);
  } catch (error) {
    throw error instanceof InputError ? new InputError(error.message, argument) : error;
  }
  const type = GRAPH_NODE_TYPES.find((t) => typeName(t) === globalId.typename);
  if (!type) {
    throw new InputError(
      `"${argument}" names a ${globalId.typename}; graph nodes are organizations, models, techniques and datasets.`,
      argument,
    );
  }
  return { type, id: Number(globalId.id) };
}

function edgeTypesArg(edgeTypes: readonly GraphEdgeType[] | null | undefined): readonly GraphEdgeType[] {
  if (edgeTypes == null) return GRAPH_EDGE_TYPES;
  if (edgeTypes.length === 0) throw new InputError('"edgeTypes" must list at least one edge type.', 'edgeTypes');
  return [...new Set(edgeTypes)];
}

function intInRange(value: number, min: number, max: number, argument: string): number {
  if (value < min || value > max) {
    throw new InputError(`"${argument}" is ${value}; it must be between ${min} and ${max}.`, argument);
  }
  return value;
}

/** `Query.neighborhood`'s arguments as given (the ID decoded), checked as the resolver and the compiled path take them. */
export type NeighborhoodFieldArgs = {
  id: { typename: string; id: string };
  depth?: number | null;
  edgeTypes?: readonly GraphEdgeType[] | null;
  direction?: GraphDirection | null;
  limit?: number | null;
};

/** The walk `neighborhood` is asked for, or the InputError its arguments deserve. */
export function neighborhoodArguments(args: NeighborhoodFieldArgs, info: Pick<GraphQLResolveInfo, 'schema'>) {
  return {
    center: graphNode(args.id, info, 'id'),
    depth: intInRange(args.depth ?? GRAPH_LIMITS.defaultDepth, 1, GRAPH_LIMITS.maxDepth, 'depth'),
    edgeTypes: edgeTypesArg(args.edgeTypes),
    direction: args.direction ?? 'BOTH',
    limit: intInRange(args.limit ?? GRAPH_LIMITS.defaultNodes, 1, GRAPH_LIMITS.maxNodes, 'limit'),
  } satisfies NeighborhoodArgs;
}

const notFound = (node: NodeRef) => new NotFoundError(typeName(node.type), 'id', String(node.id));

// ---------------------------------------------------------------------------------------------------------
// Root fields

builder.queryFields((t) => ({
  neighborhood: t.field({
    type: NeighborhoodRef,
    nullable: true,
    description: `The nodes within \`depth\` hops of a node (at most ${GRAPH_LIMITS.maxDepth}) and the edges between them, for a graph view: at most \`limit\` nodes (at most ${GRAPH_LIMITS.maxNodes}), nearest first. One SQL statement (a breadth-first recursive CTE over the view \`graph_edge\`). Errors with NOT_FOUND for an ID whose entity does not exist, BAD_USER_INPUT past the limits. Cost (complexity limit ${COMPLEXITY_LIMITS.complexity.toLocaleString('en-US')} per request): ${TRAVERSAL_COST.neighborhoodPerNodeLevel} × \`depth\` × \`limit\` for the walk, plus the selection (\`limit\` / 10 times that of one node): one walk at the maxima fits, a few such walks in one request do not.`,
    args: {
      id: t.arg.globalID({
        required: true,
        description: 'Global ID of the center: an organization, model, technique or dataset.',
      }),
      depth: t.arg.int({
        defaultValue: GRAPH_LIMITS.defaultDepth,
        description: `How many hops to go from the center (1 to ${GRAPH_LIMITS.maxDepth}).`,
      }),
      edgeTypes: t.arg({
        type: [GraphEdgeTypeEnum],
        description: 'Only follow (and return) edges of these types. Default: all of them.',
      }),
      direction: t.arg({
        type: GraphDirectionEnum,
        defaultValue: 'BOTH',
        description:
          'Follow edges out of each node, into it, or both. Returned edges are all those between returned nodes.',
      }),
      limit: t.arg.int({
        defaultValue: GRAPH_LIMITS.defaultNodes,
        description: `Most nodes to return, the center included (1 to ${GRAPH_LIMITS.maxNodes}).`,
      }),
    },
    // The walk's work, plus the selection: the default estimate counts a list as 10 items; `nodes` holds up to
    // `limit`.
    complexity: (args) => ({
      field: traversalCost.neighborhood(args),
      multiplier: Math.max(1, Math.ceil(Math.min(args.limit ?? GRAPH_LIMITS.defaultNodes, GRAPH_LIMITS.maxNodes) / 10)),
    }),
    resolve: async (_root, args, ctx, info) => {
      const walk = neighborhoodArguments(args, info);
      const result = await neighborhood(ctx.db, walk);
      if (!result) throw notFound(walk.center);
      return result;
    },
  }),
  path: t.field({
    type: GraphPathRef,
    nullable: true,
    description: `A shortest path between two nodes, of at most \`maxHops\` hops (at most ${GRAPH_LIMITS.maxHops}), or null when there is none. Edges may be walked either way; each step says which. One SQL statement (a bidirectional breadth-first recursive CTE). Errors with NOT_FOUND for an ID whose entity does not exist, and with BAD_USER_INPUT past the limits, including a search that visits ${GRAPH_LIMITS.maxVisited} nodes without finding a path (narrow \`edgeTypes\` or lower \`maxHops\`). Cost (complexity limit ${COMPLEXITY_LIMITS.complexity.toLocaleString('en-US')} per request): ${TRAVERSAL_COST.pathPerHop.toLocaleString('en-US')} × \`maxHops\`, plus the selection.`,
    args: {
      from: t.arg.globalID({
        required: true,
        description: 'Global ID of the start: an organization, model, technique or dataset.',
      }),
      to: t.arg.globalID({ required: true, description: 'Global ID of the end.' }),
      maxHops: t.arg.int({
        defaultValue: GRAPH_LIMITS.defaultHops,
        description: `Longest path to look for, in hops (1 to ${GRAPH_LIMITS.maxHops}).`,
      }),
      edgeTypes: t.arg({
        type: [GraphEdgeTypeEnum],
        description: 'Only walk edges of these types. Default: all of them.',
      }),
    },
    complexity: (args) => ({ field: traversalCost.path(args), multiplier: 1 }),
    resolve: async (_root, args, ctx, info) => {
      const from = graphNode(args.from, info, 'from');
      const to = graphNode(args.to, info, 'to');
      const maxHops = intInRange(args.maxHops ?? GRAPH_LIMITS.defaultHops, 1, GRAPH_LIMITS.maxHops, 'maxHops');
      const result = await shortestPath(ctx.db, { from, to, maxHops, edgeTypes: edgeTypesArg(args.edgeTypes) });
      switch (result.status) {
        case 'found':
          return result;
        case 'none':
          return null;
        case 'missing':
          throw notFound(result.node);
        case 'limit':
          throw new InputError(
            `The search visited ${result.visited} nodes without finding a path of at most ${maxHops} hops, above the limit of ${GRAPH_LIMITS.maxVisited}: narrow "edgeTypes" or lower "maxHops".`,
            'maxHops',
          );
      }
    },
  }),
}));

// ---------------------------------------------------------------------------------------------------------
// Lineage

const LineageHopRef = builder.objectRef<LineageHop>('LineageHop').implement({
  description: 'One lineage edge on a path: `model` was derived from `baseModel`.',
  fields: (t) => ({
    derivationId: t.globalID({
      description: 'Global ID of the lineage edge (a `Derivation`), to refetch with `Query.node`.',
      resolve: (hop) => ({ type: 'Derivation', id: hop.id }),
    }),
    kind: t.field({
      type: LineageKindEnum,
      description: 'How the model was derived from the base model.',
      resolve: (hop) => hop.kind as typeof LineageKindEnum.$inferType,
    }),
    details: t.exposeString('details', { description: 'How the derivation was done, in words.' }),
    unverified: t.exposeBoolean('unverified', { description: 'True when the sources do not confirm this edge.' }),
    model: t.field({
      type: ModelRef,
      description: 'The derived model (the child).',
      resolve: (hop, _args, ctx, info) => loadModel(ctx, info, hop.modelId),
    }),
    baseModel: t.field({
      type: ModelRef,
      description: 'The model it was derived from (the parent).',
      resolve: (hop, _args, ctx, info) => loadModel(ctx, info, hop.baseModelId),
    }),
    source: t.field({
      type: SourceRef,
      description: 'Source that states this lineage edge.',
      resolve: (hop, _args, ctx, info) =>
        loadEntity(ctx, info, 'Source', hop.sourceId) as Promise<typeof SourceRef.$inferType>,
    }),
  }),
});

const LineageRelativeRef = builder.objectRef<LineageRelative>('LineageRelative').implement({
  description: 'A model reachable through lineage edges, with the path that reaches it.',
  fields: (t) => ({
    model: t.field({
      type: ModelRef,
      description: 'The ancestor or descendant.',
      resolve: (r, _args, ctx, info) => loadModel(ctx, info, r.modelId),
    }),
    depth: t.exposeInt('depth', { description: 'Number of lineage edges between the two models on this path.' }),
    path: t.field({
      type: [LineageHopRef],
      description:
        'The lineage edges of the path, from the model asked about outward: for ancestors, from the model to its base and on; for descendants, from the model to a derivative and on.',
      resolve: (r) => r.path,
    }),
  }),
});

function loadModel(ctx: Context, info: GraphQLResolveInfo, id: number) {
  return loadEntity(ctx, info, 'Model', id) as Promise<typeof ModelRef.$inferType>;
}

/**
 * Lineage questions of one request, batched: every model asking for its ancestors or descendants (any maxDepth)
 * in one tick is answered by one statement, so `models { ancestors descendants }` is not one query per model.
 */
type LineageBatch = { requests: LineageRequest[]; answers: Promise<LineageAnswers> };
const lineageBatch = createContextCache((_ctx: Context) => ({ current: null as LineageBatch | null }));

function loadLineage(ctx: Context, request: LineageRequest) {
  const holder = lineageBatch(ctx);
  let batch = holder.current;
  if (!batch) {
    const requests: LineageRequest[] = [];
    const answers = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      holder.current = null;
      return lineage(ctx.db, requests);
    });
    batch = { requests, answers };
    holder.current = batch;
  }
  batch.requests.push(request);
  return batch.answers.then((answers) => answers.get(lineageRequestKey(request)));
}

function lineageDescription(direction: LineageDirection) {
  const what =
    direction === 'ancestors'
      ? 'the models this one was derived from, their own bases, and so on'
      : 'the models derived from this one, their own derivatives, and so on';
  return `Every model reachable through lineage edges: ${what}, up to \`maxDepth\` edges away, by depth then name. A model reachable by several paths appears once per path (Tülu 3 405B reaches Llama 3.1 405B directly and through its SFT and DPO checkpoints). Cycle-safe. Errors with BAD_USER_INPUT for a \`maxDepth\` above ${LINEAGE_LIMITS.maxDepth}, or when the lineage has more than ${LINEAGE_LIMITS.maxPaths} paths within it. Cost (complexity limit ${COMPLEXITY_LIMITS.complexity.toLocaleString('en-US')} per request): ${TRAVERSAL_COST.lineagePerLevel} × \`maxDepth\` per model, plus ten times the selection of one relative.`;
}

builder.drizzleObjectFields(ModelRef, (t) => {
  const field = (direction: LineageDirection) =>
    t.field({
      type: [LineageRelativeRef],
      nullable: true,
      description: lineageDescription(direction),
      args: {
        maxDepth: t.arg.int({
          defaultValue: LINEAGE_LIMITS.defaultDepth,
          description: `Most lineage edges between the two models (1 to ${LINEAGE_LIMITS.maxDepth}).`,
        }),
      },
      // The walk per model, plus the relatives (counted as 10, the default for lists).
      complexity: (args) => ({ field: traversalCost.lineage(args), multiplier: 10 }),
      select: { columns: { id: true } },
      resolve: async (model, { maxDepth }, ctx) => {
        const depth = intInRange(maxDepth ?? LINEAGE_LIMITS.defaultDepth, 1, LINEAGE_LIMITS.maxDepth, 'maxDepth');
        const relatives = await loadLineage(ctx, { modelId: model.id, direction, maxDepth: depth });
        if (!relatives) {
          throw new InputError(
            `The ${direction} of this model within ${depth} edges follow more than ${LINEAGE_LIMITS.maxPaths} paths: lower "maxDepth".`,
            'maxDepth',
          );
        }
        return relatives;
      },
    });
  return { ancestors: field('ancestors'), descendants: field('descendants') };
});
