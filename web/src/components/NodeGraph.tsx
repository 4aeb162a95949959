/**
 * A node-link view with Cytoscape.js. Nodes are colored by type and edges labeled by kind; clicking (or tapping)
 * a node calls `onSelect`. The canvas is not keyboard-accessible, so the same graph is also given as a list of
 * links (`children`), which screen readers and keyboard users follow instead.
 * Cytoscape (most of the Explorer's JavaScript) is loaded on first use (../preload.ts, which also starts it as soon
 * as a page that draws a graph is shown): the page shows everything else while it loads, the graph's frame empty.
 */
import type cytoscape from 'cytoscape';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { loadCytoscape } from '../preload.ts';

export type GraphNodeData = { id: string; label: string; type: string; center?: boolean };
export type GraphEdgeData = { id: string; source: string; target: string; label: string };

const typeColors: Record<string, string> = {
  MODEL: '#1d5fbf',
  ORGANIZATION: '#a23b72',
  DATASET: '#2f7d32',
  TECHNIQUE: '#b35c00',
};

/**
 * For the network layout: each node's ring, by its distance from the center nodes over the edges in either
 * direction (the center innermost, unreachable nodes outermost), as Cytoscape's concentric layout wants it
 * (higher in the middle).
 */
function ringsFromCenter(nodes: GraphNodeData[], edges: GraphEdgeData[]): Map<string, number> {
  const neighbors = new Map<string, string[]>();
  for (const { source, target } of edges) {
    neighbors.set(source, [...(neighbors.get(source) ?? []), target]);
    neighbors.set(target, [...(neighbors.get(target) ?? []), source]);
  }
  const distance = new Map(nodes.filter((node) => node.center).map((node) => [node.id, 0]));
  const queue = [...distance.keys()];
  for (let next = queue.shift(); next !== undefined; next = queue.shift())
    for (const neighbor of neighbors.get(next) ?? [])
      if (!distance.has(neighbor)) {
        distance.set(neighbor, (distance.get(next) ?? 0) + 1);
        queue.push(neighbor);
      }
  const farthest = Math.max(0, ...distance.values()) + 1;
  return new Map(nodes.map((node) => [node.id, farthest - (distance.get(node.id) ?? farthest)]));
}

/**
 * For the lineage layout: each node one row below its deepest base (the longest path from a model without a
 * base), spread evenly along its row. Cytoscape's breadthfirst layout places a model by its shortest path
 * instead, which puts Tülu 3 405B beside its own SFT checkpoint rather than below its DPO one.
 */
const ROW_HEIGHT = 110;

function layers(nodes: GraphNodeData[], edges: GraphEdgeData[]): Record<string, { x: number; y: number }> {
  const depth = new Map(nodes.map((node) => [node.id, 0]));
  // Longest paths by relaxation; lineage has no cycles, and the bound stops a cycle in bad data.
  for (let round = 0; round < nodes.length; round++) {
    let changed = false;
    for (const { source, target } of edges) {
      const next = (depth.get(source) ?? 0) + 1;
      if (next > (depth.get(target) ?? 0) && next < nodes.length) {
        depth.set(target, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows = new Map<number, string[]>();
  for (const node of nodes) rows.set(depth.get(node.id) ?? 0, [...(rows.get(depth.get(node.id) ?? 0) ?? []), node.id]);
  const positions: Record<string, { x: number; y: number }> = {};
  for (const [row, ids] of rows)
    ids.forEach((id, index) => (positions[id] = { x: (index - (ids.length - 1) / 2) * 190, y: row * ROW_HEIGHT }));
  return positions;
}

export function NodeGraph({
  nodes,
  edges,
  layout,
  label,
  testId,
  onSelect,
  children,
}: {
  nodes: GraphNodeData[];
  edges: GraphEdgeData[];
  layout: 'lineage' | 'network';
  label: string;
  testId: string;
  onSelect?: (id: string) => void;
  children?: ComponentChildren;
}) {
  const container = useRef<HTMLDivElement>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    let cy: cytoscape.Core | undefined;
    let unmounted = false;
    void loadCytoscape().then((create) => {
      if (!unmounted && container.current) cy = draw(create, container.current);
    });
    return () => {
      unmounted = true;
      cy?.destroy();
    };
  }, [nodes, edges, layout]);

  /** The graph in `holder`, by Cytoscape. */
  function draw(create: typeof cytoscape, holder: HTMLElement): cytoscape.Core {
    const rings = ringsFromCenter(nodes, edges);
    const positions = layers(nodes, edges);
    // A lineage edge that skips rows (a model derived straight from an ancestor) is bent around the rows between.
    const skips = (edge: GraphEdgeData) =>
      layout === 'lineage' && (positions[edge.target]?.y ?? 0) - (positions[edge.source]?.y ?? 0) > ROW_HEIGHT;
    const cy = create({
      container: holder,
      elements: [
        ...nodes.map((node) => ({ data: { ...node }, classes: node.center ? 'center' : '' })),
        ...edges.map((edge) => ({ data: { ...edge }, classes: skips(edge) ? 'skip' : '' })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'background-color': (node: cytoscape.NodeSingular) => typeColors[node.data('type') as string] ?? '#555',
            color: '#1a1a1a',
            'font-size': 11,
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'text-wrap': 'wrap',
            'text-max-width': '140px',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.85,
            'text-background-padding': '1px',
            width: 18,
            height: 18,
          },
        },
        { selector: 'node.center', style: { width: 28, height: 28, 'border-width': 3, 'border-color': '#111' } },
        {
          selector: 'edge',
          style: {
            label: 'data(label)',
            'font-size': 9,
            color: '#444',
            'text-rotation': 'autorotate',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.85,
            width: 1.5,
            'line-color': '#8a8f98',
            'target-arrow-color': '#8a8f98',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
          },
        },
        {
          selector: 'edge.skip',
          style: {
            'curve-style': 'unbundled-bezier',
            'control-point-distances': [-90],
            'control-point-weights': [0.5],
          },
        },
      ],
      layout:
        layout === 'lineage'
          ? { name: 'preset', positions, fit: true, padding: 30 }
          : {
              name: 'concentric',
              concentric: (node: cytoscape.NodeSingular) => rings.get(node.id()) ?? 0,
              levelWidth: () => 1,
              minNodeSpacing: 12,
              padding: 20,
              animate: false,
            },
      minZoom: 0.2,
      maxZoom: 1.6,
      wheelSensitivity: 0.3,
    });
    cy.on('tap', 'node', (event) => select.current?.(event.target.id() as string));
    return cy;
  }

  return (
    <figure class="graph" data-testid={testId} data-nodes={nodes.length} data-edges={edges.length}>
      <div ref={container} class="graph-canvas" role="img" aria-label={label} />
      <figcaption>
        <details>
          <summary>
            The graph as a list ({nodes.length} nodes, {edges.length} edges)
          </summary>
          {children}
        </details>
      </figcaption>
    </figure>
  );
}
