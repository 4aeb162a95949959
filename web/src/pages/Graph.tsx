/**
 * /graph/:type/:slug?to=type:slug — the neighborhood of an entity as a node-link view (typed edges; clicking a
 * node, or its "expand" button in the list, adds that node's own neighborhood, up to a bounded size), and the
 * shortest path from it to another entity.
 */
import { useClient, useQuery } from '@urql/preact';
import { useLocation } from 'preact-iso';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { NodeGraph, type GraphEdgeData, type GraphNodeData } from '../components/NodeGraph.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { Status } from '../components/Status.tsx';
import { entityHref } from '../components/links.ts';
import type { ResultOf } from '../graphql.ts';
import { EntityQuery, NeighborhoodQuery, PathQuery } from '../documents.ts';
import { entityVariables } from '../preload.ts';

type Neighborhood = NonNullable<ResultOf<typeof NeighborhoodQuery>['neighborhood']>;
type Node = Neighborhood['nodes'][number];
type Edge = Neighborhood['edges'][number];

/** Every edge type but BEATS, which would draw an edge between most pairs of models (shown on request). */
const STRUCTURE_EDGES = [
  'CREATED',
  'DERIVED_FROM',
  'DEVELOPED',
  'EVALUATED',
  'EVALUATED_ON',
  'SPECIALIZES',
  'SUBSET_OF',
  'TRAINED_ON',
  'USES_TECHNIQUE',
] as const;
/** Most nodes the view shows; expanding stops there. */
const MAX_NODES = 150;
const FIRST_LIMIT = 40;
const EXPAND_LIMIT = 15;

function useEntity(type: string | undefined, slug: string | undefined) {
  const variables = entityVariables(type, slug);
  const [result] = useQuery({ query: EntityQuery, variables: variables ?? ({} as never), pause: !variables });
  const data = result.data;
  const entity = data && (data.model ?? data.organization ?? data.dataset ?? data.technique);
  return { entity, fetching: result.fetching, error: result.error };
}

const edgeLabel = (edge: Edge) =>
  `${edge.type.toLowerCase().replace(/_/g, ' ')}${edge.detail ? `: ${edge.detail}` : ''}`;
const edgeId = (edge: Edge) => `${edge.fromId}>${edge.toId}:${edge.type}`;

/** The variables of a neighborhood query: with `beats`, every edge type. */
const neighborhoodVariables = (id: string, limit: number, beats: boolean) => ({
  id,
  depth: 1,
  limit,
  edgeTypes: beats ? null : [...STRUCTURE_EDGES],
});

function Explorer({ id, name, beats }: { id: string; name: string; beats: boolean }) {
  const client = useClient();
  const variables = neighborhoodVariables(id, FIRST_LIMIT, beats);
  const [first] = useQuery({ query: NeighborhoodQuery, variables });
  const [nodes, setNodes] = useState(new Map<string, Node>());
  const [edges, setEdges] = useState(new Map<string, Edge>());
  const [expanded, setExpanded] = useState(new Set<string>());
  const [note, setNote] = useState('');

  function merge(neighborhood: Neighborhood) {
    setNodes((held) => {
      const next = new Map(held);
      for (const node of neighborhood.nodes)
        if (next.size < MAX_NODES && !next.has(node.entityId)) next.set(node.entityId, node);
      setEdges((heldEdges) => {
        const nextEdges = new Map(heldEdges);
        for (const edge of neighborhood.edges)
          if (next.has(edge.fromId) && next.has(edge.toId)) nextEdges.set(edgeId(edge), edge);
        return nextEdges;
      });
      return next;
    });
  }

  useEffect(() => {
    setNodes(new Map());
    setEdges(new Map());
    setExpanded(new Set([id]));
    if (first.data?.neighborhood) merge(first.data.neighborhood);
  }, [first.data, id]);

  async function expand(nodeId: string) {
    if (expanded.has(nodeId)) return;
    if (nodes.size >= MAX_NODES) {
      setNote(`The view holds at most ${MAX_NODES} nodes.`);
      return;
    }
    setExpanded((held) => new Set(held).add(nodeId));
    const result = await client.query(NeighborhoodQuery, { id: nodeId, depth: 1, limit: EXPAND_LIMIT }).toPromise();
    if (result.data?.neighborhood) {
      merge(result.data.neighborhood);
      const added = result.data.neighborhood.nodes.filter((node) => !nodes.has(node.entityId)).length;
      setNote(`${nodes.get(nodeId)?.name ?? 'The node'}: ${added} more nodes.`);
    } else if (result.error) setNote(result.error.message);
  }

  const graph = useMemo(
    () => ({
      nodes: [...nodes.values()].map((node): GraphNodeData => ({
        id: node.entityId,
        label: node.name,
        type: node.type,
        center: node.entityId === id,
      })),
      edges: [...edges.values()].map((edge): GraphEdgeData => ({
        id: edgeId(edge),
        source: edge.fromId,
        target: edge.toId,
        label: edge.type.toLowerCase().replace(/_/g, ' '),
      })),
    }),
    [nodes, edges, id],
  );

  return (
    <section aria-labelledby="neighborhood">
      <h2 id="neighborhood">Neighborhood</h2>
      <Status fetching={first.fetching} error={first.error}>
        <p class="muted">
          Click a node to add its own neighbors (at most {MAX_NODES} nodes).
          {first.data?.neighborhood?.truncated && ` The first ${FIRST_LIMIT} neighbors of ${name} are shown.`}{' '}
          <span role="status" aria-live="polite">
            {note}
          </span>
        </p>
        <NodeGraph
          nodes={graph.nodes}
          edges={graph.edges}
          layout="network"
          label={`Neighborhood of ${name}: ${graph.nodes.length} nodes, ${graph.edges.length} edges`}
          testId="neighborhood-graph"
          onSelect={(nodeId) => void expand(nodeId)}
        >
          <ul data-testid="neighborhood-list" class="edge-list">
            {[...nodes.values()].map((node) => (
              <li key={node.entityId}>
                <a href={entityHref(node.type, node.slug)}>{node.name}</a>{' '}
                <span class="tag">{node.type.toLowerCase()}</span>{' '}
                {!expanded.has(node.entityId) && (
                  <button type="button" onClick={() => void expand(node.entityId)}>
                    Expand
                  </button>
                )}
                <ul>
                  {[...edges.values()]
                    .filter((edge) => edge.fromId === node.entityId)
                    .map((edge) => (
                      <li key={edgeId(edge)}>
                        {edgeLabel(edge)} → {nodes.get(edge.toId)?.name}
                      </li>
                    ))}
                </ul>
              </li>
            ))}
          </ul>
        </NodeGraph>
      </Status>
    </section>
  );
}

function ShortestPath({ from, to }: { from: string; to: string }) {
  const variables = { from, to };
  const [{ data, fetching, error }] = useQuery({ query: PathQuery, variables });
  const path = data?.path;
  const graph = useMemo(() => {
    if (!path) return { nodes: [], edges: [] };
    return {
      nodes: path.nodes.map((node, index): GraphNodeData => ({
        id: node.entityId,
        label: node.name,
        type: node.type,
        center: index === 0 || index === path.nodes.length - 1,
      })),
      edges: path.steps.map((step): GraphEdgeData => {
        const [source, target] =
          step.direction === 'FORWARD'
            ? [step.from.entityId, step.to.entityId]
            : [step.to.entityId, step.from.entityId];
        return { id: `${source}>${target}`, source, target, label: step.edge.type.toLowerCase().replace(/_/g, ' ') };
      }),
    };
  }, [path]);
  const names = new Map(path?.nodes.map((node) => [node.entityId, node]) ?? []);
  return (
    <section aria-labelledby="path">
      <h2 id="path">Shortest path</h2>
      <Status fetching={fetching} error={error}>
        {!path ? (
          <p>No path within 4 steps.</p>
        ) : (
          <>
            <ol class="path" data-testid="path">
              {path.steps.map((step, index) => {
                const a = names.get(step.from.entityId);
                const b = names.get(step.to.entityId);
                return (
                  <li key={index}>
                    {a && <a href={entityHref(a.type, a.slug)}>{a.name}</a>}{' '}
                    <span class="tag">
                      {step.direction === 'FORWARD' ? '' : '← '}
                      {step.edge.type.toLowerCase().replace(/_/g, ' ')}
                      {step.direction === 'FORWARD' ? ' →' : ''}
                    </span>{' '}
                    {b && <a href={entityHref(b.type, b.slug)}>{b.name}</a>}
                    {step.edge.detail && <span class="muted"> ({step.edge.detail})</span>}
                  </li>
                );
              })}
            </ol>
            <NodeGraph
              nodes={graph.nodes}
              edges={graph.edges}
              layout="lineage"
              label={`Shortest path, ${path.length} steps`}
              testId="path-graph"
            />
          </>
        )}
      </Status>
    </section>
  );
}

export function GraphPage({ type, slug }: { type?: string; slug?: string }) {
  const { query, route, path } = useLocation();
  const [toType, toSlug] = (query.to ?? '').split(':');
  const center = useEntity(type, slug);
  const target = useEntity(toType, toSlug);
  const centerId = center.entity?.id;
  const targetId = target.entity?.id;
  const beats = query.beats === '1';
  const viewVariables = centerId ? neighborhoodVariables(centerId, FIRST_LIMIT, beats) : undefined;
  const pickType = (hitType: string) => hitType.toLowerCase();
  return (
    <>
      <PageHeader
        title={center.entity ? `Graph around ${center.entity.name}` : 'Graph'}
        kind="Graph"
        query={targetId ? PathQuery : NeighborhoodQuery}
        variables={targetId && centerId ? { from: centerId, to: targetId } : viewVariables}
      >
        <p class="lede">
          The entities around one, with typed edges (developed, derived from, trained on, evaluated, beats…), and the
          shortest path to another.
        </p>
      </PageHeader>
      <div class="controls">
        <SearchBox
          label="Center on"
          placeholder="Model, organization, benchmark…"
          onPick={(hit) => route(`/graph/${pickType(hit.type)}/${hit.slug}${query.to ? `?to=${query.to}` : ''}`)}
        />
        {slug && (
          <SearchBox
            label="Shortest path to"
            placeholder="Another entity…"
            onPick={(hit) => route(`${path}?to=${pickType(hit.type)}:${hit.slug}`)}
          />
        )}
      </div>
      {!slug ? (
        <p>
          Pick an entity above, or start from{' '}
          <a href="/graph/organization/allen-institute-for-ai?to=organization:deepseek">Ai2</a> or{' '}
          <a href="/graph/model/tulu-3-405b">Tülu 3 405B</a>.
        </p>
      ) : (
        <Status fetching={center.fetching} error={center.error}>
          {centerId && targetId && <ShortestPath from={centerId} to={targetId} />}
          {target.error && <Status fetching={false} error={target.error} />}
          {centerId && (
            <>
              <label class="inline-check">
                <input
                  type="checkbox"
                  checked={beats}
                  onChange={(event) => {
                    const params = new URLSearchParams(query);
                    if ((event.target as HTMLInputElement).checked) params.set('beats', '1');
                    else params.delete('beats');
                    route(`${path}${params.size ? `?${params}` : ''}`);
                  }}
                />{' '}
                Show “beats” edges between models (dense)
              </label>
              <Explorer key={`${centerId}-${beats}`} id={centerId} name={center.entity?.name ?? ''} beats={beats} />
            </>
          )}
        </Status>
      )}
    </>
  );
}
