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
import { intArray, rows } from './sql.ts';

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

/** A root's lineage, or `null` when it has more than `LINEAGE_LIMITS.maxPaths` paths within the depth. */
export type LineageByRoot = Map<number, LineageRelative[] | null>;

type Row = { root_id: number; model_id: number; depth: number; hops: string };

/**
 * The lineage of every model in `roots` within `maxDepth` hops, ordered by depth, then by the related model's
 * name, then by path. The walk stops once it has produced more than `maxPaths` paths per root on average, so a
 * combinatorial explosion (a DAG of merges) costs a bounded amount of work; the roots over the limit come back
 * as `null`, and the others, whose walk may have been cut short, are computed again without them.
 */
export async function lineage(
  db: AppDb,
  { roots, direction, maxDepth }: { roots: readonly number[]; direction: LineageDirection; maxDepth: number },
): Promise<LineageByRoot> {
  const result: LineageByRoot = new Map();
  let pending = [...new Set(roots)];
  while (pending.length > 0) {
    const budget = (LINEAGE_LIMITS.maxPaths + 1) * pending.length;
    const found = await walk(db, pending, direction, maxDepth, budget);
    const byRoot = new Map<number, LineageRelative[]>(pending.map((id) => [id, []]));
    for (const row of found) {
      byRoot.get(Number(row.root_id))!.push({
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
      for (const [id, relatives] of byRoot) result.set(id, relatives);
      break;
    }
    // The budget ran out: the roots over the limit are refused; the others may be incomplete, so run again.
    const over = pending.filter((id) => byRoot.get(id)!.length > LINEAGE_LIMITS.maxPaths);
    for (const id of over) result.set(id, null);
    pending = pending.filter((id) => !over.includes(id));
  }
  return result;
}

function walk(db: AppDb, roots: number[], direction: LineageDirection, maxDepth: number, budget: number) {
  // Ancestors follow an edge from the derived model to its base; descendants the other way.
  const [from, to] = direction === 'ancestors' ? ['model_id', 'base_model_id'] : ['base_model_id', 'model_id'];
  return rows<Row>(
    db,
    sql`with recursive walk(root_id, model_id, depth, visited, hops) as (
          select r.id, r.id, 0, array[r.id], array[]::integer[]
          from unnest(${intArray(roots)}) as r(id)
          union all
          select w.root_id, l.${sql.raw(to)}, w.depth + 1, w.visited || l.${sql.raw(to)}, w.hops || l.id
          from walk w
          join model_lineage l on l.${sql.raw(from)} = w.model_id
          where w.depth < ${maxDepth} and l.${sql.raw(to)} <> all (w.visited)
        ),
        -- Breadth first and pipelined: the walk stops as soon as the budget is reached.
        bounded as (select * from walk where depth > 0 limit ${budget})
        select b.root_id, b.model_id, b.depth,
          (select json_agg(json_build_object('id', l.id, 'kind', l.kind, 'details', l.details,
                    'unverified', l.unverified, 'sourceId', l.source_id, 'modelId', l.model_id,
                    'baseModelId', l.base_model_id) order by h.position)
           from unnest(b.hops) with ordinality as h(id, position)
           join model_lineage l on l.id = h.id)::text as hops
        from bounded b
        join model m on m.id = b.model_id
        order by b.root_id, b.depth, m.name, b.model_id, b.hops`,
  );
}
