/**
 * Lineage (`Model.ancestors`/`descendants`), the typed edges of the view `graph_edge`, `Query.neighborhood` and
 * `Query.path` on the seed: exact answers, limits, cycles, and the statements each costs.
 */
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import {
  GRAPH_EDGE_TYPES,
  GRAPH_LIMITS,
  type GraphEdgeType,
  neighborhood,
  nodeKey,
  nodeOfKey,
  shortestPath,
} from '../src/analytics/graph.ts';
import type { AppDb } from '../src/db/client.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { expectData, expectErrors } from './helpers/graphql.ts';
import { createApp } from '../src/yoga.ts';

type Row = Record<string, unknown>;
const query = async <T extends Row>(db: AppDb, statement: ReturnType<typeof sql>) =>
  ((await db.execute(statement)) as unknown as { rows: T[] }).rows;

const ANCESTORS = `query ($slug: String!, $maxDepth: Int) {
  model(slug: $slug) {
    ancestors(maxDepth: $maxDepth) { depth model { slug } path { kind model { slug } baseModel { slug } source { slug } } }
  }
}`;
const DESCENDANTS = `query ($slug: String!, $maxDepth: Int) {
  model(slug: $slug) { descendants(maxDepth: $maxDepth) { depth model { slug } path { model { slug } baseModel { slug } } } }
}`;

/** A relative as [depth, slug, the path as "child>base" hops]. */
type Relative = {
  depth: number;
  model: { slug: string };
  path: { model: { slug: string }; baseModel: { slug: string } }[];
};
const brief = (relatives: Relative[]) =>
  relatives.map((r) => [r.depth, r.model.slug, r.path.map((h) => `${h.model.slug}>${h.baseModel.slug}`).join(' ')]);

describeEachBackend('lineage', (backend) => {
  const lineage = async (document: string, slug: string, maxDepth?: number) => {
    const data = await expectData(backend().app, document, { slug, ...(maxDepth ? { maxDepth } : {}) });
    return (data.model.ancestors ?? data.model.descendants) as Relative[];
  };

  test('Tülu 3 405B descends from Llama 3.1 405B directly (depth 1) and through its SFT and DPO checkpoints (depth 3)', async () => {
    const ancestors = await lineage(ANCESTORS, 'tulu-3-405b');
    expect(brief(ancestors)).toEqual([
      [1, 'llama-3.1-405b', 'tulu-3-405b>llama-3.1-405b'],
      [1, 'tulu-3-405b-dpo', 'tulu-3-405b>tulu-3-405b-dpo'],
      [2, 'tulu-3-405b-sft', 'tulu-3-405b>tulu-3-405b-dpo tulu-3-405b-dpo>tulu-3-405b-sft'],
      [
        3,
        'llama-3.1-405b',
        'tulu-3-405b>tulu-3-405b-dpo tulu-3-405b-dpo>tulu-3-405b-sft tulu-3-405b-sft>llama-3.1-405b',
      ],
    ]);
    // Each hop carries its lineage kind and its source.
    expect((ancestors[0] as any).path).toEqual([
      {
        kind: 'FINETUNE',
        model: { slug: 'tulu-3-405b' },
        baseModel: { slug: 'llama-3.1-405b' },
        source: { slug: 't3-card' },
      },
    ]);
  });

  test('Llama 3.1 405B’s descendants: Tülu 3 405B, its SFT and DPO checkpoints, the Instruct model and Hermes 3', async () => {
    expect(brief(await lineage(DESCENDANTS, 'llama-3.1-405b'))).toEqual([
      [1, 'llama-3.1-405b-instruct', 'llama-3.1-405b-instruct>llama-3.1-405b'],
      [1, 'nous-hermes-3-405b', 'nous-hermes-3-405b>llama-3.1-405b'],
      [1, 'tulu-3-405b', 'tulu-3-405b>llama-3.1-405b'],
      [1, 'tulu-3-405b-sft', 'tulu-3-405b-sft>llama-3.1-405b'],
      [2, 'tulu-3-405b-dpo', 'tulu-3-405b-sft>llama-3.1-405b tulu-3-405b-dpo>tulu-3-405b-sft'],
      [3, 'tulu-3-405b', 'tulu-3-405b-sft>llama-3.1-405b tulu-3-405b-dpo>tulu-3-405b-sft tulu-3-405b>tulu-3-405b-dpo'],
    ]);
  });

  test('maxDepth bounds the walk', async () => {
    expect((await lineage(DESCENDANTS, 'llama-3.1-405b', 1)).map((r) => r.model.slug)).toEqual([
      'llama-3.1-405b-instruct',
      'nous-hermes-3-405b',
      'tulu-3-405b',
      'tulu-3-405b-sft',
    ]);
    expect((await lineage(DESCENDANTS, 'llama-3.1-405b', 2)).map((r) => r.depth)).toEqual([1, 1, 1, 1, 2]);
  });

  test('TinySwallow-1.5B-Instruct: distillation and continued pretraining two levels up', async () => {
    const data = await expectData(
      backend().app,
      `{ model(slug: "tinyswallow-1.5b-instruct") { ancestors { depth model { slug } path { kind } } } }`,
    );
    expect(data.model.ancestors).toEqual([
      { depth: 1, model: { slug: 'tinyswallow-1.5b' }, path: [{ kind: 'FINETUNE' }] },
      {
        depth: 2,
        model: { slug: 'qwen2.5-1.5b-instruct' },
        path: [{ kind: 'FINETUNE' }, { kind: 'CONTINUED_PRETRAINING' }],
      },
      { depth: 2, model: { slug: 'qwen2.5-32b-instruct' }, path: [{ kind: 'FINETUNE' }, { kind: 'DISTILLATION' }] },
    ]);
  });

  test('a model without lineage has none', async () => {
    const data = await expectData(
      backend().app,
      `{ model(slug: "gpt-4o") { ancestors { depth } descendants { depth } } }`,
    );
    expect(data.model).toEqual({ ancestors: [], descendants: [] });
  });

  test('a cycle in the data does not loop: no path visits a model twice', async () => {
    const { db } = backend().database;
    // Llama 3.1 405B "derived from" Tülu 3 405B closes the cycle Tülu -> Llama -> Tülu.
    await db.execute(sql`insert into model_lineage (model_id, base_model_id, kind, source_id)
      select l.id, t.id, 'merge', s.id from model l, model t, source s
      where l.slug = 'llama-3.1-405b' and t.slug = 'tulu-3-405b' and s.slug = 't3-card'`);
    try {
      for (const document of [ANCESTORS, DESCENDANTS]) {
        const relatives = await lineage(document, 'tulu-3-405b', 20);
        expect(relatives.length).toBeGreaterThan(0);
        for (const r of relatives) {
          const visited = [r.path[0]!.model.slug, ...r.path.map((h) => h.baseModel.slug)];
          const walked =
            document === ANCESTORS ? visited : [r.path[0]!.baseModel.slug, ...r.path.map((h) => h.model.slug)];
          expect(new Set(walked).size, walked.join(' ')).toBe(walked.length);
          expect(r.model.slug).not.toBe('tulu-3-405b');
        }
      }
      expect(brief(await lineage(DESCENDANTS, 'tulu-3-405b', 20)).slice(0, 1)).toEqual([
        [1, 'llama-3.1-405b', 'llama-3.1-405b>tulu-3-405b'],
      ]);
    } finally {
      await db.execute(sql`delete from model_lineage where kind = 'merge'
        and model_id = (select id from model where slug = 'llama-3.1-405b')`);
    }
  });

  test.each([0, 21])('maxDepth %i is BAD_USER_INPUT (1 to 20)', async (maxDepth) => {
    const errors = await expectErrors(backend().app, ANCESTORS, { slug: 'tulu-3-405b', maxDepth });
    expect(errors[0]).toMatchObject({
      message: `"maxDepth" is ${maxDepth}; it must be between 1 and 20.`,
      extensions: { code: 'BAD_USER_INPUT', argument: 'maxDepth' },
      path: ['model', 'ancestors'],
    });
  });

  test('statements: one walk for every model and direction, one per entity type loaded, whatever the numbers', async () => {
    const { app, statements, database } = backend();
    // The compiled query path answers a lineage with the rest of the operation, in one statement.
    statements.reset();
    await expectData(app, ANCESTORS, { slug: 'tulu-3-405b' });
    expect(statements.count).toBe(1);
    // The resolvers: model(slug) + the walk + models + sources.
    const resolvers = createApp({ database, graphiql: false, compiledQueries: false });
    statements.reset();
    await expectData(resolvers, ANCESTORS, { slug: 'tulu-3-405b' });
    expect(statements.count).toBe(4);

    const counts: number[] = [];
    const relatives: number[] = [];
    for (const target of [app, resolvers]) {
      for (const first of [2, 19]) {
        statements.reset();
        const data = await expectData(
          target,
          `{ models(first: ${first}) { nodes { slug descendants { depth model { name } path { kind baseModel { slug } } } ancestors(maxDepth: 3) { model { slug } } } } }`,
        );
        counts.push(statements.count);
        relatives.push(data.models.nodes.flatMap((m: any) => [...m.descendants, ...m.ancestors]).length);
      }
    }
    expect(relatives[1]).toBeGreaterThan(relatives[0]!);
    expect(relatives.slice(2)).toEqual(relatives.slice(0, 2));
    // Compiled: one statement. Resolvers: models + one walk for both directions and every model + the models found.
    expect(counts).toEqual([1, 1, 3, 3]);
  });
});

describeEachBackend('lineage limits', (backend) => {
  test('a lineage with more than 1,000 paths is refused for that model only; the others are answered', async () => {
    const { db } = backend().database;
    // 12 layers of two models, each derived from both models of the layer above: 2^d paths at depth d.
    await db.execute(sql`insert into model (slug, name, open_weights)
      select 'dag-' || layer || '-' || side, 'DAG ' || layer || side, true
      from generate_series(0, 11) as layer, unnest(array['a', 'b']) as side`);
    await db.execute(sql`insert into model_lineage (model_id, base_model_id, kind, source_id)
      select c.id, b.id, 'merge', (select id from source where slug = 't3-card')
      from generate_series(1, 11) as layer
      cross join unnest(array['a', 'b']) as cs
      cross join unnest(array['a', 'b']) as bs
      join model c on c.slug = 'dag-' || layer || '-' || cs
      join model b on b.slug = 'dag-' || (layer - 1) || '-' || bs`);
    const result = await expectErrors(
      backend().app,
      `{ deep: model(slug: "dag-11-a") { slug ancestors(maxDepth: 12) { depth } }
         shallow: model(slug: "dag-3-a") { slug ancestors(maxDepth: 12) { depth } }
         bounded: model(slug: "dag-11-b") { slug ancestors(maxDepth: 8) { depth } } }`,
    );
    expect(result).toEqual([
      expect.objectContaining({
        message: 'The ancestors of this model within 12 edges follow more than 1000 paths: lower "maxDepth".',
        path: ['deep', 'ancestors'],
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'maxDepth' }),
      }),
    ]);
    const data = await expectData(
      backend().app,
      `{ shallow: model(slug: "dag-3-a") { ancestors(maxDepth: 12) { depth } } bounded: model(slug: "dag-11-b") { ancestors(maxDepth: 8) { depth } } }`,
    );
    expect(data.shallow.ancestors.length).toBe(2 + 4 + 8);
    expect(data.bounded.ancestors.length).toBe(2 + 4 + 8 + 16 + 32 + 64 + 128 + 256);
  });
});

// ---------------------------------------------------------------------------------------------------------

const NEIGHBORHOOD = `query ($id: ID!, $depth: Int, $edgeTypes: [GraphEdgeType!], $direction: GraphDirection, $limit: Int) {
  neighborhood(id: $id, depth: $depth, edgeTypes: $edgeTypes, direction: $direction, limit: $limit) {
    truncated edgesTruncated
    center { name }
    nodes { entityId type name slug depth }
    edges { type fromId toId detail }
  }
}`;

const PATH = `query ($from: ID!, $to: ID!, $maxHops: Int, $edgeTypes: [GraphEdgeType!]) {
  path(from: $from, to: $to, maxHops: $maxHops, edgeTypes: $edgeTypes) {
    length
    nodes { name depth }
    steps { from { name } to { name } direction edge { type detail fromId toId } }
  }
}`;

describeEachBackend('graph', (backend) => {
  const ids = new Map<string, string>();
  /** Global ID of `<kind>:<slug>`, e.g. "organization:deepseek". */
  const id = async (key: string) => {
    if (!ids.has(key)) {
      const [kind, slug] = key.split(':') as [string, string];
      const data = await expectData(backend().app, `{ x: ${kind}(slug: "${slug}") { id } }`);
      ids.set(key, data.x.id);
    }
    return ids.get(key)!;
  };
  const nameOf = async (globalId: string) =>
    (
      await expectData(
        backend().app,
        `query ($id: ID!) { node(id: $id) { ... on Model { name } ... on Organization { name } ... on Dataset { name } ... on Technique { name } } }`,
        { id: globalId },
      )
    ).node.name as string;

  test('graph_edge: the seed’s edges by type', async () => {
    const counts = await query<{ edge: string; edges: number }>(
      backend().database.db,
      sql`select edge, count(*)::int as edges from graph_edge where edge <> 'BEATS' group by edge order by edge`,
    );
    expect(Object.fromEntries(counts.map((c) => [c.edge, c.edges]))).toEqual({
      CREATED: 9,
      DERIVED_FROM: 11,
      DEVELOPED: 19,
      EVALUATED: 20,
      EVALUATED_ON: 224,
      SPECIALIZES: 3,
      SUBSET_OF: 5,
      TRAINED_ON: 9,
      USES_TECHNIQUE: 37,
    });
  });

  test('BEATS edges are the distinct winner/loser pairs of model_beats, and graph_beats computes the same', async () => {
    const { db } = backend().database;
    const fromView = await query(
      db,
      sql`select winner_id, loser_id, count(distinct dataset_id)::text as detail from model_beats
          group by winner_id, loser_id order by 1, 2`,
    );
    expect(fromView.length).toBeGreaterThan(0);
    const edges = await query(
      db,
      sql`select from_id as winner_id, to_id as loser_id, detail from graph_edge where edge = 'BEATS' order by 1, 2`,
    );
    expect(edges).toEqual(fromView);
    const computed = await query(
      db,
      sql`select winner_id, loser_id, benchmarks::text as detail
          from graph_beats((select array_agg(id) from model), true, true, null) order by 1, 2`,
    );
    expect(computed).toEqual(fromView);
    const among = await query(
      db,
      sql`select winner_id, loser_id, benchmarks::text as detail
          from graph_beats_among((select array_agg(id) from model), null) order by 1, 2`,
    );
    expect(among).toEqual(fromView);
    // A limit keeps the first edges by winner, then loser.
    const firstTen = await query(
      db,
      sql`select winner_id, loser_id, benchmarks::text as detail
          from graph_beats_among((select array_agg(id) from model), 10)`,
    );
    expect(firstTen).toEqual(fromView.slice(0, 10));
  });

  test('graph_beats with a cap per model: true edges, including each model’s first opponents by id', async () => {
    const { db } = backend().database;
    const all = await query(
      db,
      sql`select winner_id, loser_id, benchmarks::text as detail
          from graph_beats((select array_agg(id) from model), true, true, null) order by 1, 2`,
    );
    const line = (e: Row) => `${e.winner_id}>${e.loser_id}:${e.detail}`;
    const models = [...new Set(all.flatMap((e) => [Number(e.winner_id), Number(e.loser_id)]))].sort((a, b) => a - b);
    expect(models.length).toBeGreaterThan(5);
    for (const cap of [1, 2, 3]) {
      // One model at a time and all of them at once.
      for (const ids of [...models.map((id) => [id]), models]) {
        const capped = await query(
          db,
          sql`select winner_id, loser_id, benchmarks::text as detail
              from graph_beats(${sql.raw(`array[${ids.join(',')}]::int[]`)}, true, true, ${cap}) order by 1, 2`,
        );
        // Every returned edge is a true one, with its number of benchmarks.
        expect(capped.map(line).filter((e) => !all.map(line).includes(e))).toEqual([]);
        for (const id of ids) {
          const wins = all.filter((e) => Number(e.winner_id) === id).slice(0, cap);
          const losses = all.filter((e) => Number(e.loser_id) === id).slice(0, cap);
          const found = capped.map(line);
          expect(
            [...wins, ...losses].map(line).filter((e) => !found.includes(e)),
            `model ${id}, cap ${cap}`,
          ).toEqual([]);
        }
      }
    }
  });

  test('graph_neighbors_among gives the edges of graph_neighbors whose neighbor is in the set', async () => {
    const { db } = backend().database;
    const types = sql.raw(`array[${GRAPH_EDGE_TYPES.map((e) => `'${e}'`).join(', ')}]`);
    const nodes = (
      await query(
        db,
        sql`select distinct graph_node_key(from_type, from_id)::text as key from graph_edge
            union select distinct graph_node_key(to_type, to_id)::text from graph_edge order by 1`,
      )
    ).map((r) => String(r.key));
    expect(nodes.length).toBeGreaterThan(40);
    const keys = (list: string[]) => sql.raw(`array[${list.join(',')}]::bigint[]`);
    // Two disjoint halves, split by position (every other node), and each half against the other.
    const halves = [nodes.filter((_, i) => i % 2 === 0), nodes.filter((_, i) => i % 2 === 1)];
    for (const [side, other] of [halves, [...halves].reverse()] as [string[], string[]][]) {
      const expected = await query(
        db,
        sql`select node::text as n, neighbor::text as m, edge, forward, detail
            from graph_neighbors(${keys(side)}, ${types}, true, true, null)
            where neighbor = any(${keys(other)}) order by 1, 2, 3, 4, 5`,
      );
      expect(expected.some((e) => e.edge === 'BEATS')).toBe(true);
      const found = await query(
        db,
        sql`select node::text as n, neighbor::text as m, edge, forward, detail
            from graph_neighbors_among(${keys(side)}, ${types}, ${keys(other)}) order by 1, 2, 3, 4, 5`,
      );
      expect(found).toEqual(expected);
    }
  });

  test('graph_neighbors (from either end) and graph_edges_among return exactly the view’s edges', async () => {
    const { db } = backend().database;
    const types = sql.raw(`array[${GRAPH_EDGE_TYPES.map((e) => `'${e}'`).join(', ')}]`);
    const keys = sql`array(select distinct graph_node_key(from_type, from_id) from graph_edge
                           union select distinct graph_node_key(to_type, to_id) from graph_edge)`;
    const view = await query(
      db,
      sql`select graph_node_key(from_type, from_id)::text as f, graph_node_key(to_type, to_id)::text as t, edge, detail
          from graph_edge order by 1, 2, 3, 4`,
    );
    const outgoing = await query(
      db,
      sql`select node::text as f, neighbor::text as t, edge, detail from graph_neighbors(${keys}, ${types}, true, false, null)
          order by 1, 2, 3, 4`,
    );
    const incoming = await query(
      db,
      sql`select neighbor::text as f, node::text as t, edge, detail from graph_neighbors(${keys}, ${types}, false, true, null)
          order by 1, 2, 3, 4`,
    );
    const among = await query(
      db,
      sql`select from_key::text as f, to_key::text as t, edge, detail from graph_edges_among(${keys}, ${types}, null)
          order by 1, 2, 3, 4`,
    );
    expect(outgoing).toEqual(view);
    expect(incoming).toEqual(view);
    expect(among).toEqual(view);
    // With a limit, the first edges in the neighborhood's order (type, then ends) are those of the whole set.
    const inOrder = (limit: number | null) =>
      query(
        db,
        sql`select from_key::text as f, to_key::text as t, edge, detail
            from graph_edges_among(${keys}, ${types}, ${limit}::int) g
            order by array_position(${types}, g.edge), g.from_key, g.to_key, g.detail limit ${limit ?? 100_000}`,
      );
    const all = await inOrder(null);
    const beatsAt = all.findIndex((edge) => edge.edge === 'BEATS');
    expect(beatsAt, 'the seed has edges of other types before its BEATS edges').toBeGreaterThan(0);
    for (const limit of [beatsAt - 1, beatsAt + 5, all.length])
      expect(await inOrder(limit)).toEqual(all.slice(0, limit));
  });

  test('graph_edges_among of sets without some node types: the view’s edges between them', async () => {
    // It skips the edge types whose end is a node type absent from the set: every combination of node types.
    const { db } = backend().database;
    const types = sql.raw(`array[${GRAPH_EDGE_TYPES.map((e) => `'${e}'`).join(', ')}]`);
    const nodeTypes = ['ORGANIZATION', 'MODEL', 'TECHNIQUE', 'DATASET'];
    let edges = 0;
    for (let mask = 1; mask < 1 << nodeTypes.length; mask++) {
      const present = sql.raw(`array[${nodeTypes.filter((_, i) => mask & (1 << i)).map((t) => `'${t}'`)}]`);
      const keys = sql`array(select k from (select graph_node_key(from_type, from_id) as k from graph_edge
                             union select graph_node_key(to_type, to_id) from graph_edge) n
                             where graph_node_type(k) = any(${present}))`;
      const view = await query(
        db,
        sql`select graph_node_key(from_type, from_id)::text as f, graph_node_key(to_type, to_id)::text as t, edge, detail
            from graph_edge where from_type = any(${present}) and to_type = any(${present}) order by 1, 2, 3, 4`,
      );
      const among = await query(
        db,
        sql`select from_key::text as f, to_key::text as t, edge, detail from graph_edges_among(${keys}, ${types}, null)
            order by 1, 2, 3, 4`,
      );
      expect(among, String(present)).toEqual(view);
      edges += view.length;
    }
    expect(edges).toBeGreaterThan(1000);
  });

  test('the neighborhood of Ai2: the models it developed and evaluated, the datasets it created', async () => {
    const { neighborhood } = await expectData(backend().app, NEIGHBORHOOD, {
      id: await id('organization:allen-institute-for-ai'),
    });
    expect(neighborhood.center).toEqual({ name: 'Allen Institute for AI' });
    expect(neighborhood.nodes.map((n: any) => [n.depth, n.type, n.name])).toEqual([
      [0, 'ORGANIZATION', 'Allen Institute for AI'],
      [1, 'MODEL', 'DeepSeek-V3'],
      [1, 'MODEL', 'GPT-4o'],
      [1, 'MODEL', 'Llama 3.1 405B Instruct'],
      [1, 'MODEL', 'Nous Hermes 3 405B'],
      [1, 'MODEL', 'Tülu 3 405B'],
      [1, 'MODEL', 'Tülu 3 405B DPO'],
      [1, 'MODEL', 'Tülu 3 405B SFT'],
      [1, 'DATASET', 'RLVR-MATH'],
      [1, 'DATASET', 'Tülu 3 405B preference mix'],
      [1, 'DATASET', 'Tülu 3 SFT mixture'],
      [1, 'DATASET', 'Tülu 3 Safety (6-task average)'],
      [1, 'DATASET', 'Tülu 3 average with safety'],
      [1, 'DATASET', 'Tülu 3 average without safety'],
    ]);
    expect(neighborhood.nodes[0].entityId).toBe(await id('organization:allen-institute-for-ai'));
    expect(neighborhood.truncated).toBe(false);
    expect(neighborhood.edgesTruncated).toBe(false);

    // Every edge joins two returned nodes; all but BEATS counted here, BEATS checked against model_beats.
    const nodeIds = new Set(neighborhood.nodes.map((n: any) => n.entityId));
    for (const e of neighborhood.edges) expect(nodeIds.has(e.fromId) && nodeIds.has(e.toId)).toBe(true);
    const byType = (type: string) => neighborhood.edges.filter((e: any) => e.type === type);
    expect(Object.fromEntries(GRAPH_EDGE_TYPES.filter((t) => t !== 'BEATS').map((t) => [t, byType(t).length]))).toEqual(
      {
        DEVELOPED: 3,
        DERIVED_FROM: 2,
        USES_TECHNIQUE: 0,
        TRAINED_ON: 6,
        EVALUATED_ON: 21,
        CREATED: 6,
        SPECIALIZES: 0,
        SUBSET_OF: 0,
        EVALUATED: 7,
      },
    );
    const tulu = await id('model:tulu-3-405b');
    const dpo = await id('model:tulu-3-405b-dpo');
    expect(neighborhood.edges).toContainEqual({ type: 'DERIVED_FROM', fromId: tulu, toId: dpo, detail: 'finetune' });
    expect(neighborhood.edges).toContainEqual({
      type: 'TRAINED_ON',
      fromId: tulu,
      toId: await id('dataset:rlvr-math'),
      detail: 'rlvr',
    });
    expect(neighborhood.edges).toContainEqual({
      type: 'EVALUATED',
      fromId: await id('organization:allen-institute-for-ai'),
      toId: await id('model:deepseek-v3'),
      detail: '12',
    });
    const models = neighborhood.nodes.filter((n: any) => n.type === 'MODEL').map((n: any) => n.slug);
    const [{ pairs }] = (await query<{ pairs: number }>(
      backend().database.db,
      sql`select count(*)::int as pairs from (select distinct b.winner_id, b.loser_id from model_beats b
          join model w on w.id = b.winner_id join model l on l.id = b.loser_id
          where w.slug = any(${sql.raw(`array[${models.map((s: string) => `'${s}'`).join(', ')}]`)})
            and l.slug = any(${sql.raw(`array[${models.map((s: string) => `'${s}'`).join(', ')}]`)})) x`,
    )) as [{ pairs: number }];
    expect(byType('BEATS').length).toBe(pairs);
  });

  test('direction and edge types: who points at Tülu 3 405B through DEVELOPED or DERIVED_FROM', async () => {
    const { neighborhood } = await expectData(backend().app, NEIGHBORHOOD, {
      id: await id('model:tulu-3-405b'),
      direction: 'INCOMING',
      edgeTypes: ['DEVELOPED', 'DERIVED_FROM'],
      depth: 2,
    });
    expect(neighborhood.nodes.map((n: any) => [n.depth, n.name])).toEqual([
      [0, 'Tülu 3 405B'],
      [1, 'Allen Institute for AI'],
    ]);
    const out = await expectData(backend().app, NEIGHBORHOOD, {
      id: await id('model:tulu-3-405b'),
      direction: 'OUTGOING',
      edgeTypes: ['DERIVED_FROM'],
      depth: 3,
    });
    expect(out.neighborhood.nodes.map((n: any) => [n.depth, n.name])).toEqual([
      [0, 'Tülu 3 405B'],
      [1, 'Llama 3.1 405B'],
      [1, 'Tülu 3 405B DPO'],
      [2, 'Tülu 3 405B SFT'],
    ]);
    // The edges between the returned nodes, whatever their direction: SFT -> Llama too.
    expect(out.neighborhood.edges.length).toBe(4);
  });

  test('limit keeps the nearest nodes (then by type and id) and says the rest were cut', async () => {
    const { neighborhood } = await expectData(backend().app, NEIGHBORHOOD, {
      id: await id('organization:allen-institute-for-ai'),
      depth: 3,
      limit: 5,
    });
    // The four depth-1 models of lowest ids (the seed's first four), shown by name.
    expect(neighborhood.nodes.map((n: any) => n.name)).toEqual([
      'Allen Institute for AI',
      'Llama 3.1 405B Instruct',
      'Tülu 3 405B',
      'Tülu 3 405B DPO',
      'Tülu 3 405B SFT',
    ]);
    expect(neighborhood.truncated).toBe(true);
  });

  test('depth 2 from Ai2 reaches DeepSeek and Meta', async () => {
    const { neighborhood } = await expectData(backend().app, NEIGHBORHOOD, {
      id: await id('organization:allen-institute-for-ai'),
      depth: 2,
      limit: 500,
    });
    const depth2 = neighborhood.nodes.filter((n: any) => n.depth === 2).map((n: any) => n.slug);
    expect(depth2).toEqual(expect.arrayContaining(['deepseek', 'meta', 'llama-3.1-405b', 'gsm8k']));
    expect(neighborhood.truncated).toBe(false);
  });

  test.each([
    [{ depth: 0 }, 'depth', '"depth" is 0; it must be between 1 and 3.'],
    [{ depth: 4 }, 'depth', '"depth" is 4; it must be between 1 and 3.'],
    [{ limit: 0 }, 'limit', '"limit" is 0; it must be between 1 and 500.'],
    [{ limit: 501 }, 'limit', '"limit" is 501; it must be between 1 and 500.'],
    [{ edgeTypes: [] }, 'edgeTypes', '"edgeTypes" must list at least one edge type.'],
  ])('neighborhood %j is BAD_USER_INPUT', async (variables, argument, message) => {
    const errors = await expectErrors(backend().app, NEIGHBORHOOD, {
      id: await id('organization:allen-institute-for-ai'),
      ...variables,
    });
    expect(errors[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', argument } });
  });

  test('IDs: a source is not a graph node (BAD_USER_INPUT), a missing model is NOT_FOUND', async () => {
    const source = await expectData(backend().app, `{ source(slug: "t3-card") { id } }`);
    const [notANode] = await expectErrors(backend().app, NEIGHBORHOOD, { id: source.source.id });
    expect(notANode).toMatchObject({
      message: '"id" names a Source; graph nodes are organizations, models, techniques and datasets.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'id' },
    });
    const missing = Buffer.from('Model:999999').toString('base64');
    const [notFound] = await expectErrors(backend().app, NEIGHBORHOOD, { id: missing });
    expect(notFound?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const [pathNotFound] = await expectErrors(backend().app, PATH, { from: await id('model:gpt-4o'), to: missing });
    expect(pathNotFound?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const [malformed] = await expectErrors(backend().app, NEIGHBORHOOD, { id: 'not-an-id' });
    expect(malformed?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  test('path Ai2 -> DeepSeek: two hops, through a model both evaluated', async () => {
    const { path } = await expectData(backend().app, PATH, {
      from: await id('organization:allen-institute-for-ai'),
      to: await id('organization:deepseek'),
    });
    expect(path.length).toBe(2);
    expect(path.nodes).toEqual([
      { name: 'Allen Institute for AI', depth: 0 },
      { name: 'Llama 3.1 405B Instruct', depth: 1 },
      { name: 'DeepSeek', depth: 2 },
    ]);
    expect(path.steps.map((s: any) => [s.from.name, s.edge.type, s.direction, s.to.name])).toEqual([
      ['Allen Institute for AI', 'EVALUATED', 'FORWARD', 'Llama 3.1 405B Instruct'],
      ['Llama 3.1 405B Instruct', 'EVALUATED', 'BACKWARD', 'DeepSeek'],
    ]);
    // A backward step's edge still points the way it does in the graph: DeepSeek evaluated the model.
    expect(path.steps[1].edge).toMatchObject({
      fromId: await id('organization:deepseek'),
      toId: await id('model:llama-3.1-405b-instruct'),
    });
  });

  test('path Ai2 -> Tülu 3 405B -beats-> DeepSeek-V3 <- DeepSeek, with DEVELOPED and BEATS edges only', async () => {
    const { path } = await expectData(backend().app, PATH, {
      from: await id('organization:allen-institute-for-ai'),
      to: await id('organization:deepseek'),
      edgeTypes: ['DEVELOPED', 'BEATS'],
    });
    expect(path.steps.map((s: any) => [s.from.name, s.edge.type, s.direction, s.to.name])).toEqual([
      ['Allen Institute for AI', 'DEVELOPED', 'FORWARD', 'Tülu 3 405B'],
      ['Tülu 3 405B', 'BEATS', 'FORWARD', 'DeepSeek-V3'],
      ['DeepSeek-V3', 'DEVELOPED', 'BACKWARD', 'DeepSeek'],
    ]);
    const [{ benchmarks }] = (await query<{ benchmarks: string }>(
      backend().database.db,
      sql`select count(distinct dataset_id)::text as benchmarks from model_beats b
          join model w on w.id = b.winner_id join model l on l.id = b.loser_id
          where w.slug = 'tulu-3-405b' and l.slug = 'deepseek-v3'`,
    )) as [{ benchmarks: string }];
    expect(path.steps[1].edge.detail).toBe(benchmarks);
  });

  test('path through lineage: Tülu 3 405B and Nous Hermes 3 405B share their base', async () => {
    const { path } = await expectData(backend().app, PATH, {
      from: await id('model:tulu-3-405b'),
      to: await id('model:nous-hermes-3-405b'),
      edgeTypes: ['DERIVED_FROM'],
    });
    expect(path.steps.map((s: any) => [s.from.name, s.direction, s.to.name, s.edge.detail])).toEqual([
      ['Tülu 3 405B', 'FORWARD', 'Llama 3.1 405B', 'finetune'],
      ['Llama 3.1 405B', 'BACKWARD', 'Nous Hermes 3 405B', 'finetune'],
    ]);
    expect(await nameOf(path.steps[1].edge.fromId)).toBe('Nous Hermes 3 405B');
  });

  test('no path within maxHops, or through the edge types given, is null; a node to itself is length 0', async () => {
    const from = await id('organization:allen-institute-for-ai');
    const to = await id('organization:deepseek');
    expect((await expectData(backend().app, PATH, { from, to, maxHops: 1 })).path).toBeNull();
    expect((await expectData(backend().app, PATH, { from, to, edgeTypes: ['SUBSET_OF'] })).path).toBeNull();
    expect((await expectData(backend().app, PATH, { from, to: from })).path).toEqual({
      length: 0,
      nodes: [{ name: 'Allen Institute for AI', depth: 0 }],
      steps: [],
    });
  });

  test.each([
    [{ maxHops: 0 }, 'maxHops', '"maxHops" is 0; it must be between 1 and 6.'],
    [{ maxHops: 7 }, 'maxHops', '"maxHops" is 7; it must be between 1 and 6.'],
    [{ edgeTypes: [] }, 'edgeTypes', '"edgeTypes" must list at least one edge type.'],
  ])('path %j is BAD_USER_INPUT', async (variables, argument, message) => {
    const errors = await expectErrors(backend().app, PATH, {
      from: await id('organization:allen-institute-for-ai'),
      to: await id('organization:deepseek'),
      ...variables,
    });
    expect(errors[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', argument } });
  });

  test('a path search that visits too many nodes stops and says it could not decide', async () => {
    const { db } = backend().database;
    const [ai2, deepseek] = (await query<{ id: number }>(
      db,
      sql`select id from organization where slug in ('allen-institute-for-ai', 'deepseek') order by slug`,
    )) as [{ id: number }, { id: number }];
    const args = {
      from: { type: 'ORGANIZATION' as const, id: Number(ai2.id) },
      to: { type: 'ORGANIZATION' as const, id: Number(deepseek.id) },
      maxHops: 4,
      edgeTypes: GRAPH_EDGE_TYPES,
    };
    const unlimited = await shortestPath(db, args);
    expect(unlimited.status).toBe('found');
    // The first expansion (Ai2's 14 neighbors) goes past a limit of 3; the next step still checks whether the
    // other side meets what was visited, and it does: the path an unlimited search finds.
    expect(await shortestPath(db, { ...args, maxVisited: 3 })).toEqual(unlimited);
    // Where meeting needs another expansion past the limit, it is not made: the search says it cannot decide.
    const organizations = await query<{ id: number }>(db, sql`select id from organization order by id`);
    let refused = 0;
    for (const { id: other } of organizations) {
      const to = { type: 'ORGANIZATION' as const, id: Number(other) };
      const found = await shortestPath(db, { ...args, to });
      if (found.status !== 'found' || found.steps.length < 3) continue;
      expect(await shortestPath(db, { ...args, to, maxVisited: 3 })).toMatchObject({ status: 'limit' });
      refused++;
    }
    expect(refused, 'organizations 3 or more hops from Ai2').toBeGreaterThan(0);
  });

  test('graph_neighbor_branches: each node’s neighbors through the edge types other than BEATS, as graph_neighbors gives them', async () => {
    const { db } = backend().database;
    const branches = await query<{ node_type: string; neighbor_type: string; edge: string; query: string }>(
      db,
      sql`select node_type, neighbor_type, edge, query from graph_neighbor_branches()`,
    );
    const nodes = await query<{ key: string; type: string; id: number }>(
      db,
      sql`select k::text as key, graph_node_type(k) as type, graph_node_id(k) as id
          from (select graph_node_key(from_type, from_id) as k from graph_edge
                union select graph_node_key(to_type, to_id) from graph_edge) n order by k`,
    );
    const types = GRAPH_EDGE_TYPES.filter((edge) => edge !== 'BEATS');
    const typeArray = sql.raw(`array[${types.map((e) => `'${e}'`).join(', ')}]`);
    for (const node of nodes) {
      const expected = await query<{ edge: string; neighbor: string }>(
        db,
        sql`select distinct edge, neighbor::text from graph_neighbors(array[${node.key}::bigint], ${typeArray}, true, true, null)
            order by 1, 2`,
      );
      const found: { edge: string; neighbor: string }[] = [];
      for (const branch of branches.filter((b) => b.node_type === node.type)) {
        const ids = await query<{ neighbor: string }>(
          db,
          sql.raw(
            `select distinct graph_node_key('${branch.neighbor_type}', x.id)::text as neighbor
             from (${branch.query.replace('%s', String(Number(node.id)))}) x(id)`,
          ),
        );
        found.push(...ids.map(({ neighbor }) => ({ edge: branch.edge, neighbor })));
      }
      const distinct = [...new Map(found.map((f) => [`${f.edge} ${f.neighbor}`, f])).values()].sort(
        (a, b) => a.edge.localeCompare(b.edge, 'en') || a.neighbor.localeCompare(b.neighbor, 'en'),
      );
      const sorted = [...expected].sort(
        (a, b) => a.edge.localeCompare(b.edge, 'en') || a.neighbor.localeCompare(b.neighbor, 'en'),
      );
      expect(distinct, node.key).toEqual(sorted);
    }
  });

  const DIRECTIONS = {
    BOTH: [true, true],
    OUTGOING: [true, false],
    INCOMING: [false, true],
  } as const;
  type Walk = { types: readonly GraphEdgeType[]; direction: keyof typeof DIRECTIONS };
  const WITHOUT_BEATS = GRAPH_EDGE_TYPES.filter((e) => e !== 'BEATS');

  /** Each node's neighbors (keys, ascending) through a walk's edge types, followed its way, from graph_neighbors. */
  const neighborMap = async (db: AppDb, { types, direction }: Walk) => {
    const [outgoing, incoming] = DIRECTIONS[direction];
    const rows = await query<{ node: string; neighbors: string[] }>(
      db,
      sql`select node::text, array_agg(distinct neighbor::text) as neighbors
          from graph_neighbors(array(select graph_node_key(from_type, from_id) from graph_edge
                                     union select graph_node_key(to_type, to_id) from graph_edge),
                               ${sql.raw(`array[${types.map((e) => `'${e}'`).join(', ')}]`)}, ${outgoing}, ${incoming}, null)
          group by node`,
    );
    return new Map(rows.map((r) => [r.node, [...r.neighbors].sort(byKey)]));
  };
  const byKey = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
  const graphNodes = async (db: AppDb) =>
    (
      await query<{ key: string }>(
        db,
        sql`select k::text as key from (select graph_node_key(from_type, from_id) as k from graph_edge
                                         union select graph_node_key(to_type, to_id) from graph_edge) n order by k`,
      )
    ).map((r) => r.key);
  test('graph_first_neighbors: the first neighbors by key of graph_neighbors, without the visited ones', async () => {
    const { db } = backend().database;
    const nodes = await graphNodes(db);
    expect(nodes.length).toBeGreaterThan(40);
    // Frontiers of one node and of five; visited: the frontier alone, or with every third node.
    const others = nodes.filter((_, i) => i % 3 === 0);
    const frontiers = [
      ...nodes.map((n) => [n]),
      ...nodes.filter((_, i) => i % 5 === 0).map((_, i) => nodes.slice(i * 5, i * 5 + 5)),
    ];
    const cases = frontiers.flatMap((frontier) =>
      [frontier, [...new Set([...frontier, ...others])]].flatMap((visited) =>
        [1, 2, 5, 1000].map((howMany) => ({ frontier, visited, howMany })),
      ),
    );
    const keys = (list: string[]) => `array[${list.join(',')}]::bigint[]`;
    // Every type alone (each branch, both ways), all of them each way, all but BEATS.
    const walks: Walk[] = [
      ...GRAPH_EDGE_TYPES.map((e): Walk => ({ types: [e], direction: 'BOTH' })),
      ...(['BOTH', 'OUTGOING', 'INCOMING'] as const).map((direction): Walk => ({ types: GRAPH_EDGE_TYPES, direction })),
      { types: WITHOUT_BEATS, direction: 'BOTH' },
    ];
    let cut = 0;
    for (const { types, direction } of walks) {
      const [outgoing, incoming] = DIRECTIONS[direction];
      const neighbors = await neighborMap(db, { types, direction });
      const found = await query<{ i: number; neighbors: string[] }>(
        db,
        sql.raw(`select c.i, array(select g.neighbor::text from graph_first_neighbors(c.frontier, array[${types
          .map((e) => `'${e}'`)
          .join(', ')}], ${outgoing}, ${incoming}, c.visited, c.how_many) g) as neighbors
          from (values ${cases.map((c, i) => `(${i}, ${keys(c.frontier)}, ${keys(c.visited)}, ${c.howMany})`).join(', ')})
            as c(i, frontier, visited, how_many) order by c.i`),
      );
      for (const [i, { frontier, visited, howMany }] of cases.entries()) {
        const all = [...new Set(frontier.flatMap((n) => neighbors.get(n) ?? []))]
          .filter((n) => !visited.includes(n))
          .sort(byKey);
        if (all.length > howMany) cut++;
        expect([...found[i]!.neighbors].sort(byKey), `${types} ${direction} ${JSON.stringify(cases[i])}`).toEqual(
          all.slice(0, howMany),
        );
      }
    }
    expect(cut, 'cases where the limit leaves neighbors out').toBeGreaterThan(100);
  });

  test('neighborhood: the nodes and truncation of a walk that expands every neighbor of each level', async () => {
    const { db } = backend().database;
    const nodes = await graphNodes(db);
    const walks: Walk[] = [
      { types: GRAPH_EDGE_TYPES, direction: 'BOTH' },
      { types: WITHOUT_BEATS, direction: 'BOTH' },
      ...(['BOTH', 'OUTGOING', 'INCOMING'] as const).map((direction): Walk => ({
        types: ['DEVELOPED', 'DERIVED_FROM', 'EVALUATED'],
        direction,
      })),
    ];
    const neighbors = await Promise.all(walks.map((walk) => neighborMap(db, walk)));
    let compared = 0;
    let truncated = 0;
    // Each node once, with one of the walks and depths in turn.
    for (const [n, center] of nodes.entries()) {
      const walk = walks[n % walks.length]!;
      const depth = 1 + (Math.floor(n / walks.length) % GRAPH_LIMITS.maxDepth);
      // Every level in full, as the walk did before it kept only the first nodes of each level.
      const levels = [[center]];
      const visited = new Set([center]);
      while (levels.length <= depth) {
        const next = [...new Set(levels.at(-1)!.flatMap((k) => neighbors[n % walks.length]!.get(k) ?? []))]
          .filter((k) => !visited.has(k))
          .sort(byKey);
        for (const k of next) visited.add(k);
        levels.push(next);
      }
      // The limits where a level just overflows and just fits.
      const sizes = levels.map((_, d) => levels.slice(0, d + 1).flat().length).slice(1);
      const limits = [...new Set(sizes.flatMap((s) => [s - 1, s]))].filter((l) => l >= 1 && l <= 500);
      for (const limit of limits) {
        // That walk stopped after a level that brought the visited nodes past the limit.
        const reached: { key: string; depth: number }[] = [];
        for (const [d, level] of levels.entries()) {
          if (reached.length > limit) break;
          reached.push(...level.map((key) => ({ key, depth: d })));
        }
        const result = await neighborhood(db, {
          center: nodeOfKey(center),
          depth,
          limit,
          edgeTypes: walk.types,
          direction: walk.direction,
        });
        const label = `${walk.types} ${walk.direction} ${center} depth ${depth} limit ${limit}`;
        expect(
          result!.nodes
            .map((x) => ({ key: nodeKey(x).toString(), depth: x.depth }))
            .sort((a, b) => a.depth - b.depth || byKey(a.key, b.key)),
          label,
        ).toEqual(reached.slice(0, limit));
        expect(result!.truncated, label).toBe(reached.length > limit);
        if (result!.truncated) truncated++;
        compared++;
      }
    }
    expect(truncated).toBeGreaterThan(50);
    expect(compared - truncated).toBeGreaterThan(50);
  });

  test('a meeting after two steps found by index (graph_two_hop_meeting) gives the path the walk finds', async () => {
    const { db } = backend().database;
    const nodes = (
      await query<{ type: string; id: number }>(
        db,
        sql`(select 'ORGANIZATION' as type, id from organization order by id limit 8)
            union all (select 'MODEL', id from model order by id limit 6)
            union all (select 'DATASET', id from dataset order by id limit 4)
            union all (select 'TECHNIQUE', id from technique order by id limit 3)`,
      )
    ).map((n) => ({ type: n.type as 'ORGANIZATION' | 'MODEL' | 'DATASET' | 'TECHNIQUE', id: Number(n.id) }));
    const edgeSets: (typeof GRAPH_EDGE_TYPES)[number][][] = [
      [...GRAPH_EDGE_TYPES],
      GRAPH_EDGE_TYPES.filter((edge) => edge !== 'BEATS'),
      ['DERIVED_FROM', 'USES_TECHNIQUE', 'SPECIALIZES', 'TRAINED_ON', 'SUBSET_OF', 'EVALUATED_ON'],
    ];
    let shortcuts = 0;
    for (const edgeTypes of edgeSets) {
      for (const [i, from] of nodes.entries()) {
        // Each node with the next few, both ways (organizations: with every other organization).
        const later = nodes.slice(i);
        const others =
          from.type === 'ORGANIZATION' ? later.filter((n) => n.type === 'ORGANIZATION') : later.slice(0, 4);
        for (const to of others) {
          for (const [a, b] of [
            [from, to],
            [to, from],
          ] as const) {
            const args = { from: a, to: b, maxHops: 4, edgeTypes };
            const walked = await shortestPath(db, { ...args, twoHopMeeting: false });
            const found = await shortestPath(db, args);
            expect(found, JSON.stringify(args)).toEqual(walked);
            if (found.status === 'found' && found.steps.length === 2) {
              const [met] = await query<{ met: string | null }>(
                db,
                sql`select graph_two_hop_meeting(graph_node_key(${a.type}, ${a.id}), graph_node_key(${b.type}, ${b.id}),
                                                 ${sql.raw(`array[${edgeTypes.map((e) => `'${e}'`).join(', ')}]`)})::text as met`,
              );
              if (met?.met != null) shortcuts++;
            }
          }
        }
      }
    }
    expect(shortcuts, 'two-step paths the index found').toBeGreaterThan(10);
  }, 240_000);

  test('graph_level: the size of a frontier’s next level and its smallest node that another frontier reaches', async () => {
    const { db } = backend().database;
    const nodes = await graphNodes(db);
    // Frontiers of one node and of five; visited: the frontier alone, or with every third node; the other frontier
    // a node or five further on.
    const thirds = nodes.filter((_, i) => i % 3 === 0);
    const groups = [
      ...nodes.map((n) => [n]),
      ...nodes.filter((_, i) => i % 5 === 0).map((_, i) => nodes.slice(i * 5, i * 5 + 5)),
    ];
    const cases = groups.flatMap((frontier, i) =>
      [frontier, [...new Set([...frontier, ...thirds])]].flatMap((visited) =>
        [groups[(i * 7 + 3) % groups.length]!, groups[(i * 13 + 11) % groups.length]!].map((other) => ({
          frontier,
          visited,
          other,
          // Above: always, never, or around the level's size.
          above: (i % 3) - 1,
        })),
      ),
    );
    const keys = (list: string[]) => `array[${list.join(',')}]::bigint[]`;
    const walks: Walk[] = [
      ...GRAPH_EDGE_TYPES.map((e): Walk => ({ types: [e], direction: 'BOTH' })),
      { types: GRAPH_EDGE_TYPES, direction: 'BOTH' },
      { types: WITHOUT_BEATS, direction: 'BOTH' },
      { types: ['DEVELOPED', 'BEATS'], direction: 'BOTH' },
    ];
    let commons = 0;
    for (const { types, direction } of walks) {
      const neighbors = await neighborMap(db, { types, direction });
      const reach = (frontier: string[]) => new Set(frontier.flatMap((n) => neighbors.get(n) ?? []));
      const found = await query<{ i: number; size: number; first_common: string | null }>(
        db,
        sql.raw(`select c.i, l.size, l.first_common::text
          from (values ${cases.map((c, i) => `(${i}, ${keys(c.frontier)}, ${keys(c.visited)}, ${keys(c.other)}, ${c.above})`).join(', ')})
            as c(i, frontier, visited, other, above)
          cross join lateral graph_level(c.frontier, array[${types.map((e) => `'${e}'`).join(', ')}], c.visited, c.other, c.above) l
          order by c.i`),
      );
      for (const [i, { frontier, visited, other, above }] of cases.entries()) {
        const level = [...reach(frontier)].filter((n) => !visited.includes(n)).sort(byKey);
        const theirs = reach(other);
        const common = level.length > above ? (level.find((n) => theirs.has(n)) ?? null) : null;
        if (common !== null) commons++;
        const label = `${types} ${JSON.stringify(cases[i])}`;
        expect({ size: Number(found[i]!.size), common: found[i]!.first_common }, label).toEqual({
          size: level.length,
          common,
        });
      }
    }
    expect(commons, 'cases with a node both frontiers reach').toBeGreaterThan(100);
  });

  test('a path whose last levels are not expanded (graph_level) is the one the walk that expands every level finds', async () => {
    const { db } = backend().database;
    const nodes = (
      await query<{ type: string; id: number }>(
        db,
        sql`(select 'ORGANIZATION' as type, id from organization order by id limit 10)
            union all (select 'MODEL', id from model order by id limit 8)
            union all (select 'DATASET', id from dataset order by id limit 4)
            union all (select 'TECHNIQUE', id from technique order by id limit 3)`,
      )
    ).map((n) => ({ type: n.type as 'ORGANIZATION' | 'MODEL' | 'DATASET' | 'TECHNIQUE', id: Number(n.id) }));
    const edgeSets: GraphEdgeType[][] = [
      [...GRAPH_EDGE_TYPES],
      ['DEVELOPED', 'BEATS'],
      ['DEVELOPED', 'DERIVED_FROM', 'BEATS'],
      WITHOUT_BEATS,
      ['DERIVED_FROM', 'USES_TECHNIQUE', 'SPECIALIZES', 'TRAINED_ON', 'SUBSET_OF', 'EVALUATED_ON'],
    ];
    const outcomes = new Map<string, number>();
    let pairs = 0;
    for (const [i, a] of nodes.entries()) {
      for (const [j, b] of nodes.entries()) {
        if (i === j) continue;
        pairs++;
        // Every maxHops, edge set and visited limit in turn (limits of 3 and 12 stop some searches).
        const args = {
          from: a,
          to: b,
          maxHops: 1 + (pairs % 4),
          edgeTypes: edgeSets[Math.floor(pairs / 4) % edgeSets.length]!,
          maxVisited: [GRAPH_LIMITS.maxVisited, 3, 12][Math.floor(pairs / 20) % 3]!,
          twoHopMeeting: false,
        };
        const walked = await shortestPath(db, { ...args, lastLevel: false });
        const found = await shortestPath(db, args);
        expect(found, JSON.stringify(args)).toEqual(walked);
        const outcome = found.status === 'found' ? `${found.steps.length} of ${args.maxHops}` : found.status;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    }
    // Paths met at the last step (where the level before it was not expanded), and searches that found none or
    // stopped at the limit.
    expect(
      [2, 3, 4].reduce((n, hops) => n + (outcomes.get(`${hops} of ${hops}`) ?? 0), 0),
      JSON.stringify([...outcomes]),
    ).toBeGreaterThan(50);
    expect(outcomes.get('none')).toBeGreaterThan(20);
    expect(outcomes.get('limit')).toBeGreaterThan(20);
  }, 240_000);

  test('graph_path_edges: each neighbor’s parent edge as graph_neighbors gives it, from true edges', async () => {
    const { db } = backend().database;
    const nodes = await graphNodes(db);
    const models = nodes.filter((n) => nodeOfKey(n).type === 'MODEL');
    expect(models.length).toBeGreaterThan(15);
    // Frontiers of one node, of five nodes and of five models; visited: the frontier alone, or with every third
    // node; neighbors: any, or those of another group.
    const thirds = nodes.filter((_, i) => i % 3 === 0);
    const groups = [
      ...nodes.map((n) => [n]),
      ...nodes.filter((_, i) => i % 5 === 0).map((_, i) => nodes.slice(i * 5, i * 5 + 5)),
      ...models.filter((_, i) => i % 5 === 0).map((_, i) => models.slice(i * 5, i * 5 + 5)),
    ];
    const cases = groups.flatMap((frontier, i) =>
      [frontier, [...new Set([...frontier, ...thirds])]].map((visited, j) => ({
        frontier,
        visited,
        among: (i + j) % 2 ? groups[(i * 7 + 3) % groups.length]! : null,
        // The step's side: an edge out of the parent preferred, or into it.
        forwardFirst: (i + j) % 3 !== 0,
      })),
    );
    const keys = (list: string[] | null) => (list ? `array[${list.join(',')}]::bigint[]` : 'null::bigint[]');
    const edgeSets: GraphEdgeType[][] = [[...GRAPH_EDGE_TYPES], ['BEATS'], ['DEVELOPED', 'BEATS'], WITHOUT_BEATS];
    let fewer = 0;
    for (const types of edgeSets) {
      const array = `array[${types.map((e) => `'${e}'`).join(', ')}]`;
      // Each neighbor once, with the edge a path step picks: smallest node, preferred type, direction, detail.
      const chosen = (from: string) => `(select coalesce(json_agg(x order by x.neighbor), '[]') from (
          select distinct on (g.neighbor) g.neighbor::text, g.node::text, g.edge, g.forward, g.detail from ${from} g
          where (c.among is null or g.neighbor = any(c.among)) and g.neighbor <> all(c.visited)
          order by g.neighbor, g.node, array_position(${array}, g.edge), g.forward = c.forward_first desc, g.detail) x)`;
      const all = `graph_neighbors(c.frontier, ${array}, true, true, null)`;
      const mine = `graph_path_edges(c.frontier, ${array}, c.among, c.visited)`;
      const found = await query<{ i: number; expected: unknown; found: unknown; untrue: number; fewer: boolean }>(
        db,
        sql.raw(`select c.i, ${chosen(all)} as expected, ${chosen(mine)} as found,
            (select count(*) from (select * from ${mine} except select * from ${all}) x)::int as untrue,
            (select count(*) from ${mine} where edge = 'BEATS')
              < (select count(*) from ${all} g where g.edge = 'BEATS' and (c.among is null or g.neighbor = any(c.among))
                   and g.neighbor <> all(c.visited)) as fewer
          from (values ${cases.map((c, i) => `(${i}, ${keys(c.frontier)}, ${keys(c.visited)}, ${keys(c.among)}, ${c.forwardFirst})`).join(', ')})
            as c(i, frontier, visited, among, forward_first)
          order by c.i`),
      );
      for (const [i, c] of cases.entries()) {
        const label = `${types} ${JSON.stringify(c)}`;
        expect(found[i]!.found, label).toEqual(found[i]!.expected);
        expect(found[i]!.untrue, label).toBe(0);
        if (found[i]!.fewer) fewer++;
      }
    }
    expect(fewer, 'cases where larger nodes’ BEATS edges were left out').toBeGreaterThan(15);
  });

  test('a path whose steps read BEATS edges per key (graph_path_edges) is the one graph_neighbors’ every pair gives', async () => {
    const { db } = backend().database;
    const nodes = (
      await query<{ type: string; id: number }>(
        db,
        sql`(select 'ORGANIZATION' as type, id from organization order by id limit 8)
            union all (select 'MODEL', id from model order by id limit 12)
            union all (select 'DATASET', id from dataset order by id limit 3)
            union all (select 'TECHNIQUE', id from technique order by id limit 2)`,
      )
    ).map((n) => ({ type: n.type as 'ORGANIZATION' | 'MODEL' | 'DATASET' | 'TECHNIQUE', id: Number(n.id) }));
    const edgeSets: GraphEdgeType[][] = [
      [...GRAPH_EDGE_TYPES],
      ['DEVELOPED', 'BEATS'],
      ['BEATS'],
      ['DEVELOPED', 'DERIVED_FROM', 'BEATS'],
      ['EVALUATED_ON', 'BEATS'],
    ];
    const outcomes = new Map<string, number>();
    let pairs = 0;
    let throughWins = 0;
    for (const [i, a] of nodes.entries()) {
      for (const [j, b] of nodes.entries()) {
        // Two ordered pairs in three, every maxHops from 1 to 6, edge set, visited limit (3 and 12 stop some
        // searches) and level rule in turn; every level expanded when lastLevel is off.
        if (i === j || (i * 7 + j) % 3 === 0) continue;
        pairs++;
        const args = {
          from: a,
          to: b,
          maxHops: 1 + (pairs % 6),
          edgeTypes: edgeSets[Math.floor(pairs / 6) % edgeSets.length]!,
          maxVisited: [GRAPH_LIMITS.maxVisited, 3, 12][Math.floor(pairs / 30) % 3]!,
          lastLevel: pairs % 4 === 0,
          twoHopMeeting: false,
        };
        const every = await shortestPath(db, { ...args, beatsByKey: false });
        const found = await shortestPath(db, args);
        expect(found, JSON.stringify(args)).toEqual(every);
        const outcome = found.status === 'found' ? `${found.steps.length} of ${args.maxHops}` : found.status;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (found.status === 'found' && found.steps.some((s) => s.edge.type === 'BEATS')) throughWins++;
      }
    }
    expect(throughWins, JSON.stringify([...outcomes])).toBeGreaterThan(50);
    expect([...outcomes].filter(([o]) => /^[3-6] of/.test(o)).reduce((n, [, count]) => n + count, 0)).toBeGreaterThan(
      20,
    );
    expect(outcomes.get('none')).toBeGreaterThan(10);
    expect(outcomes.get('limit')).toBeGreaterThan(10);
  }, 240_000);

  test('the level-skip rule at its ties: a level as large as the other frontier is expanded on the forward side, skipped on the backward side', async () => {
    // Three small lineage graphs of their own (DERIVED_FROM edges between new models), each built so that the
    // level before the last of four steps has a given size against the other side's frontier; the search must find
    // the path the walk that expands every level finds, which these graphs pin. Ids follow the order of the names.
    const { db } = backend().database;
    const fixtures = [
      {
        // Forward side, level of 2 against a backward frontier of 2: the last step expands this side again, so the
        // level is expanded. Skipped (recorded as c1 alone, the smallest node both frontiers reach), the last step
        // would meet b2 through c1 instead of b1 through c2.
        name: 'f',
        models: ['f0', 'a1', 'a2', 'c1', 'c2', 'b1', 'b2', 't0'],
        edges: ['a1>f0', 'a2>f0', 'c1>a1', 'c2>a2', 'c1>b2', 'c2>b1', 'b1>t0', 'b2>t0'],
        path: ['f0', 'a2', 'c2', 'b1', 't0'],
      },
      {
        // Backward side, level of 2 against a forward frontier of 3: the last step expands this side again (the
        // level is expanded); skipped, it would meet a2 through d1 instead of a1 through d2.
        name: 'b',
        models: ['f0', 'a1', 'a2', 'a3', 'd1', 'd2', 'b1', 'b2', 't0'],
        edges: ['a1>f0', 'a2>f0', 'a3>f0', 'd1>b1', 'd2>b2', 'd1>a2', 'd2>a1', 'b1>t0', 'b2>t0'],
        path: ['f0', 'a1', 'd2', 'b2', 't0'],
      },
      {
        // Backward side, level of 3 against a forward frontier of 3 (the tie): the last step expands the forward
        // side, so the level is skipped, recorded as d1, where that step meets it.
        name: 't',
        models: ['f0', 'a1', 'a2', 'a3', 'd1', 'd2', 'd3', 'b1', 'b2', 't0'],
        edges: ['a1>f0', 'a2>f0', 'a3>f0', 'd1>b1', 'd2>b2', 'd3>b1', 'd1>a3', 'd2>a1', 'd3>a2', 'b1>t0', 'b2>t0'],
        path: ['f0', 'a3', 'd1', 'b1', 't0'],
      },
    ];
    const created: number[] = [];
    try {
      for (const fixture of fixtures) {
        const slug = (model: string) => `level-tie-${fixture.name}-${model}`;
        const ids = new Map<string, number>();
        for (const model of fixture.models) {
          const [row] = await query<{ id: number }>(
            db,
            sql`insert into model (slug, name, open_weights) values (${slug(model)}, ${slug(model)}, true) returning id`,
          );
          ids.set(model, Number(row!.id));
          created.push(Number(row!.id));
        }
        for (const edge of fixture.edges) {
          const [child, base] = edge.split('>') as [string, string];
          await db.execute(
            sql`insert into model_lineage (model_id, base_model_id, kind, source_id)
                values (${ids.get(child)}, ${ids.get(base)}, 'finetune', (select min(id) from source))`,
          );
        }
        const args = {
          from: { type: 'MODEL' as const, id: ids.get('f0')! },
          to: { type: 'MODEL' as const, id: ids.get('t0')! },
          maxHops: 4,
          edgeTypes: ['DERIVED_FROM' as const],
        };
        const found = await shortestPath(db, args);
        expect(found, fixture.name).toEqual(await shortestPath(db, { ...args, lastLevel: false }));
        expect(found.status === 'found' && found.nodes.map((n) => n.slug), fixture.name).toEqual(
          fixture.path.map(slug),
        );
      }
    } finally {
      await db.execute(
        sql`delete from model_lineage where model_id = any(${sql.raw(`array[${created.join(',') || 0}]`)})`,
      );
      await db.execute(sql`delete from model where id = any(${sql.raw(`array[${created.join(',') || 0}]`)})`);
    }
  });

  test('graph_path_edges when a model ties the nodes’ first model at a key: its BEATS parent is the next of another value', async () => {
    // Five new models with results at a comparability key of their own (a variant no seed result has): the nodes
    // m1 (50) and m2 (60); m3 ties m1 (50), so it is adjacent to m2 only; m4 (70) and m5 (40) to m1.
    const { db } = backend().database;
    const values = [50, 60, 50, 70, 40];
    const ids: number[] = [];
    try {
      for (const [i] of values.entries()) {
        const [row] = await query<{ id: number }>(
          db,
          sql`insert into model (slug, name, open_weights) values (${`path-edges-tie-m${i + 1}`}, ${`m${i + 1}`}, true) returning id`,
        );
        ids.push(Number(row!.id));
      }
      await db.execute(
        sql`insert into benchmark_result (model_id, dataset_id, metric_id, value, reported_value, evaluator_relationship,
                                          source_id, variant)
            select x.model_id, r.dataset_id, r.metric_id, x.value, x.value::text, r.evaluator_relationship, r.source_id,
                   'path-edges-tie'
            from (select * from benchmark_result order by id limit 1) r,
                 unnest(${sql.raw(`array[${ids.join(',')}]`)}, ${sql.raw(`array[${values.join(',')}]::float8[]`)}) as x(model_id, value)`,
      );
      const frontier = sql.raw(`array[${ids.slice(0, 2).map((id) => nodeKey({ type: 'MODEL', id }))}]::bigint[]`);
      const chosen = async (from: ReturnType<typeof sql>) =>
        query<{ neighbor: string; node: string; forward: boolean; detail: string }>(
          db,
          sql`select distinct on (g.neighbor) g.neighbor::text, g.node::text, g.forward, g.detail from ${from} g
              where graph_node_id(g.neighbor) = any(${sql.raw(`array[${ids.join(',')}]`)}) and g.neighbor <> all(${frontier})
              order by g.neighbor, g.node, g.forward desc, g.detail`,
        );
      const found = await chosen(sql`graph_path_edges(${frontier}, array['BEATS'], null, ${frontier})`);
      expect(found).toEqual(await chosen(sql`graph_neighbors(${frontier}, array['BEATS'], true, true, null)`));
      expect(found.map((e) => [nodeOfKey(e.neighbor).id, nodeOfKey(e.node).id])).toEqual([
        [ids[2], ids[1]],
        [ids[3], ids[0]],
        [ids[4], ids[0]],
      ]);
    } finally {
      const list = sql.raw(`array[${ids.join(',') || 0}]`);
      await db.execute(sql`delete from benchmark_result where model_id = any(${list})`);
      await db.execute(sql`delete from model where id = any(${list})`);
    }
  });

  test('statements: one per traversal, plus one per entity type when entities are asked for', async () => {
    const { app, statements } = backend();
    const ai2 = await id('organization:allen-institute-for-ai');
    const deepseek = await id('organization:deepseek');
    const cases: [string, Record<string, unknown>, number][] = [
      [
        `query ($id: ID!) { neighborhood(id: $id, depth: 2, limit: 10) { nodes { name } edges { type } } }`,
        { id: ai2 },
        1,
      ],
      [
        `query ($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { nodes { name } edges { type } } }`,
        { id: ai2 },
        1,
      ],
      [
        `query ($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { nodes { entity { id ... on Model { releaseDate organization { name } } ... on Dataset { domains } ... on Organization { country } ... on Technique { kind } } } } }`,
        { id: ai2 },
        5,
      ],
      [PATH, { from: ai2, to: deepseek }, 1],
      [
        `query ($from: ID!, $to: ID!) { path(from: $from, to: $to, edgeTypes: [DEVELOPED, BEATS]) { nodes { entity { id ... on Model { name } ... on Organization { name } } } } }`,
        { from: ai2, to: deepseek },
        3,
      ],
    ];
    for (const [document, variables, expected] of cases) {
      statements.reset();
      await expectData(app, document, variables);
      expect(statements.count, document).toBe(expected);
    }
  });
});
