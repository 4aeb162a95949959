/**
 * Lineage to any depth: the ancestors (base models, their bases...) or descendants of models, through
 * `model_lineage` edges, in one recursive SQL statement for any number of starting models.
 *
 * Every path is reported: a model reachable in two ways (Tülu 3 405B reaches Llama 3.1 405B directly and through
 * its SFT and DPO checkpoints) appears once per path, each with its depth. Each path carries the array of the
 * models it visited, and a step never returns to one of them, so a cycle in the data (which the schema does not
 * forbid beyond self-loops) cannot make the walk loop.
 */
import { sql } from 'drizzle-orm';
import type { AppDb } from '../db/client.ts';
import { rows } from './sql.ts';

export type LineageDirection = 'ancestors' | 'descendants';

/** Default and hard maximum of `maxDepth`, and most paths one model's lineage may return. */
export const LINEAGE_LIMITS = { defaultDepth: 10, maxDepth: 20, maxPaths: 1000 } as const;

export type LineageHop = {
  /** model_lineage.id */
  id: number;
  kind: string;
  details: string;
  unverified: boolean;
  sourceId: number;
  /** The derived model (child) and the model it was derived from (parent). */
  modelId: number;
  baseModelId: number;
};

export type LineageRelative = {
  modelId: number;
  depth: number;
  /** The hops from the starting model outward, in order. */
  path: LineageHop[];
};

/** One lineage question: the ancestors or descendants of `modelId` within `maxDepth` edges. */
export type LineageRequest = { modelId: number; direction: LineageDirection; maxDepth: number };

export const lineageRequestKey = (r: LineageRequest) => `${r.modelId}:${r.direction}:${r.maxDepth}`;

/** Answers by `lineageRequestKey`: the relatives, or `null` past `LINEAGE_LIMITS.maxPaths` paths. */
export type LineageAnswers = Map<string, LineageRelative[] | null>;

type Row = { request: number; model_id: number; depth: number; hops: string };

/**
 * Answers several lineage questions (any models, directions and depths) with one statement. Relatives come by
 * depth, then by the related model's name, then by path. The walk stops once it has produced more than
 * `maxPaths` paths per question on average, so a combinatorial explosion (a DAG of merges) costs a bounded
 * amount of work; the questions over the limit are answered `null`, and the others, whose walk may have been
 * cut short, are walked again without them.
 */
export async function lineage(db: AppDb, requests: readonly LineageRequest[]): Promise<LineageAnswers> {
  const answers: LineageAnswers = new Map();
  let pending = [...new Map(requests.map((r) => [lineageRequestKey(r), r])).values()];
  while (pending.length > 0) {
    const budget = (LINEAGE_LIMITS.maxPaths + 1) * pending.length;
    const found = await walk(db, pending, budget);
    const relatives: LineageRelative[][] = pending.map(() => []);
    for (const row of found) {
      relatives[Number(row.request)]!.push({
        modelId: Number(row.model_id),
        depth: Number(row.depth),
        path: (JSON.parse(row.hops) as LineageHop[]).map((h) => ({
          ...h,
          id: Number(h.id),
          sourceId: Number(h.sourceId),
          modelId: Number(h.modelId),
          baseModelId: Number(h.baseModelId),
        })),
      });
    }
    if (found.length < budget) {
      pending.forEach((r, i) => answers.set(lineageRequestKey(r), relatives[i]!));
      break;
    }
    // The budget ran out: the questions over the limit are refused; the others may be incomplete: walk again.
    const over = new Set(pending.filter((_r, i) => relatives[i]!.length > LINEAGE_LIMITS.maxPaths));
    for (const r of over) answers.set(lineageRequestKey(r), null);
    pending = pending.filter((r) => !over.has(r));
  }
  return answers;
}

function walk(db: AppDb, requests: LineageRequest[], budget: number) {
  const seeds = JSON.stringify(requests.map((r, i) => [i, r.modelId, r.direction === 'ancestors', r.maxDepth]));
  return rows<Row>(
    db,
    sql`with recursive walk(request, up, max_depth, model_id, depth, visited, hops) as (
          select (s->>0)::int, (s->>2)::boolean, (s->>3)::int, (s->>1)::int, 0, array[(s->>1)::int], array[]::integer[]
          from jsonb_array_elements(${seeds}::jsonb) as s
          union all
          select w.request, w.up, w.max_depth, n.next, w.depth + 1, w.visited || n.next, w.hops || n.id
          from walk w
          -- Ancestors follow an edge from the derived model to its base, descendants the other way; the branch
          -- of the other direction is skipped (a one-time filter), and each branch uses its index.
          cross join lateral (
            select l.id, l.base_model_id as next from model_lineage l where w.up and l.model_id = w.model_id
            union all
            select l.id, l.model_id from model_lineage l where not w.up and l.base_model_id = w.model_id
          ) n
          where w.depth < w.max_depth and n.next <> all (w.visited)
        ),
        -- Breadth first and pipelined: the walk stops as soon as the budget is reached.
        bounded as (select * from walk where depth > 0 limit ${budget})
        select b.request, b.model_id, b.depth,
          (select json_agg(json_build_object('id', l.id, 'kind', l.kind, 'details', l.details,
                    'unverified', l.unverified, 'sourceId', l.source_id, 'modelId', l.model_id,
                    'baseModelId', l.base_model_id) order by h.position)
           from unnest(b.hops) with ordinality as h(id, position)
           join model_lineage l on l.id = h.id)::text as hops
        from bounded b
        join model m on m.id = b.model_id
        order by b.request, b.depth, m.name collate "C", b.model_id, b.hops`,
  );
}
