/**
 * Merging duplicates: `remove` is folded into `keep` in one transaction. Every row that refers to `remove` is
 * moved onto `keep`, unless `keep` already has the same row (same natural key): then `keep`'s row wins and
 * `remove`'s is dropped. Edges that would join `keep` to itself (a lineage edge between the two models, a
 * parent link between the two datasets or techniques) are dropped and described in `remarks`; a merge that
 * would close a longer cycle is refused. `remove`'s slug, name and aliases become aliases of `keep`, and
 * `remove` is deleted. Attributes of `keep` (size, dates, license...) are left as they are.
 */
import { eq, getTableName, type SQL, sql } from 'drizzle-orm';
import { entities, type MergeableKind } from '../db/entities.ts';
import { benchmarkResult, benchmarkResultKey, type model } from '../db/schema.ts';
import { ValidationError } from '../errors.ts';
import { ancestryPath, lockLineage, modelSlugs } from './lineage.ts';
import type { RowCount } from './checks.ts';
import { rederiveEvaluatorRelationships } from './result.ts';
import { type EntityLocator, locate } from './references.ts';
import type { Tx } from './transaction.ts';

export type MergeResult = { id: number; moved: RowCount[]; dropped: RowCount[]; remarks: string[] };

type Tally = { moved: Map<string, number>; dropped: Map<string, number>; remarks: string[] };

async function rows<T = Record<string, unknown>>(tx: Tx, query: SQL): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

function add(counts: Map<string, number>, table: string, count: number) {
  if (count > 0) counts.set(table, (counts.get(table) ?? 0) + count);
}

const ident = (name: string) => sql.identifier(name);

/**
 * Moves the rows of `table` whose `column` is `removeId` onto `keepId`. With `sameKey`, a row is a duplicate
 * when `keep` has a row equal on those columns (nulls equal): the duplicate is dropped instead.
 */
async function moveOrDrop(
  tx: Tx,
  tally: Tally,
  ids: { keep: number; remove: number },
  table: string,
  column: string,
  sameKey: string[] = [],
) {
  const t = ident(table);
  const c = ident(column);
  if (sameKey.length) {
    const same = sql.join(
      sameKey.map((key) => sql`k.${ident(key)} is not distinct from r.${ident(key)}`),
      sql` and `,
    );
    const dropped = await rows(
      tx,
      sql`delete from ${t} r where r.${c} = ${ids.remove} and exists (select 1 from ${t} k where k.${c} = ${ids.keep} and ${same}) returning 1`,
    );
    add(tally.dropped, table, dropped.length);
  }
  const moved = await rows(tx, sql`update ${t} set ${c} = ${ids.keep} where ${c} = ${ids.remove} returning 1`);
  add(tally.moved, table, moved.length);
}

/** Claim objects: a claim that names both entities keeps `keep`'s object. */
const moveClaimObjects = (tx: Tx, tally: Tally, ids: { keep: number; remove: number }, column: string) =>
  moveOrDrop(tx, tally, ids, 'claim_object', column, ['claim_id']);

/** The other columns of the result natural key, for moving results along one of them. */
const resultKey = benchmarkResultKey.map((field) => benchmarkResult[field].name);
const resultKeyWithout = (column: string) => resultKey.filter((key) => key !== column);

/**
 * The links the registry says a kind has: claims that name it (as subject or object) and the sources that
 * back it. A kind added to the registry as mergeable gets these moved without a change here.
 */
async function moveRegistryLinks(tx: Tx, tally: Tally, kind: MergeableKind, ids: { keep: number; remove: number }) {
  const entity = entities[kind];
  if (entity.inClaims === 'subject') await moveOrDrop(tx, tally, ids, 'claim', `subject_${kind}_id`);
  if (entity.inClaims !== null) await moveClaimObjects(tx, tally, ids, `${kind}_id`);
  await moveOrDrop(tx, tally, ids, getTableName(entity.sources), 'entity_id', ['source_id']);
}

async function locatePair(tx: Tx, table: MergeableKind, keep: EntityLocator, remove: EntityLocator) {
  const keepId = await locate(tx, entities[table].typeName, keep, ['input', 'keep']);
  const removeId = await locate(tx, entities[table].typeName, remove, ['input', 'remove']);
  if (keepId === removeId) {
    throw ValidationError.of(
      ['input', 'remove'],
      `cannot merge a ${table} with itself: "keep" and "remove" name the same one`,
    );
  }
  return { keep: keepId, remove: removeId };
}

/** `remove`'s slug, name and aliases join `keep`'s aliases; then `remove` is deleted. */
async function absorbAndDelete(tx: Tx, table: MergeableKind, ids: { keep: number; remove: number }) {
  // The mergeable tables share these columns; one of them stands for all in the types.
  const entity = entities[table].table as unknown as typeof model;
  const read = async (id: number) => {
    const [row] = await tx
      .select({ slug: entity.slug, name: entity.name, aliases: entity.aliases })
      .from(entity)
      .where(eq(entity.id, id));
    if (!row) throw new Error(`merge: ${table} ${id} vanished`);
    return row;
  };
  const kept = await read(ids.keep);
  const removed = await read(ids.remove);
  const aliases = [...new Set([...kept.aliases, removed.name, removed.slug, ...removed.aliases])].filter(
    (alias) => alias !== kept.name && alias !== kept.slug,
  );
  await tx.delete(entity).where(eq(entity.id, ids.remove));
  await tx
    .update(entity)
    .set({ aliases, updatedAt: sql`now()` })
    .where(eq(entity.id, ids.keep));
}

function result(ids: { keep: number }, tally: Tally): MergeResult {
  const list = (counts: Map<string, number>) => [...counts].map(([table, count]) => ({ table, count }));
  return { id: ids.keep, moved: list(tally.moved), dropped: list(tally.dropped), remarks: tally.remarks };
}

/** Results whose evaluator is now a developer of their model (or no longer one) get the relationship re-derived. */
async function rederive(tx: Tx, tally: Tally, where: SQL) {
  const changed = await rederiveEvaluatorRelationships(tx, where);
  if (changed) {
    tally.remarks.push(
      `Re-derived the evaluator relationship (first or third party) of ${changed} benchmark result${changed === 1 ? '' : 's'} from the merged developers.`,
    );
  }
}

const newTally = (): Tally => ({ moved: new Map(), dropped: new Map(), remarks: [] });

/**
 * Parent links of a self-referencing table (dataset.parent_dataset_id, technique.parent_technique_id):
 * `remove`'s children become `keep`'s, a link between the two is dropped, `keep` inherits `remove`'s parent
 * when it has none, and a merge that would make `keep` its own ancestor is refused.
 */
async function moveParents(
  tx: Tx,
  tally: Tally,
  table: 'dataset' | 'technique',
  ids: { keep: number; remove: number },
) {
  const t = ident(table);
  const parent = ident(`parent_${table}_id`);
  const slugs = await rows<{ id: number; slug: string }>(
    tx,
    sql`select id, slug from ${t} where id in (${ids.keep}, ${ids.remove})`,
  );
  const slug = (id: number) => slugs.find((row) => Number(row.id) === id)?.slug ?? String(id);

  const self = await rows(
    tx,
    sql`update ${t} set ${parent} = null where id = ${ids.keep} and ${parent} = ${ids.remove} returning 1`,
  );
  const reverse = await rows(tx, sql`select 1 from ${t} where id = ${ids.remove} and ${parent} = ${ids.keep}`);
  for (const [child, of] of [
    ...(self.length ? [[ids.keep, ids.remove]] : []),
    ...(reverse.length ? [[ids.remove, ids.keep]] : []),
  ] as [number, number][]) {
    add(tally.dropped, `${table}.parent`, 1);
    tally.remarks.push(
      `Dropped the parent link of "${slug(child)}" to "${slug(of)}": after the merge it would make "${slug(ids.keep)}" its own parent.`,
    );
  }
  const children = await rows(
    tx,
    sql`update ${t} set ${parent} = ${ids.keep} where ${parent} = ${ids.remove} and id <> ${ids.keep} returning 1`,
  );
  add(tally.moved, `${table}.parent`, children.length);
  const inherited = await rows(
    tx,
    sql`update ${t} k set ${parent} = r.${parent} from ${t} r
        where k.id = ${ids.keep} and r.id = ${ids.remove} and k.${parent} is null and r.${parent} is not null and r.${parent} <> k.id
        returning 1`,
  );
  add(tally.moved, `${table}.parent`, inherited.length);
  // After the move, is `keep` among its own ancestors?
  const cycle = await rows<{ path: string[] }>(
    tx,
    sql`with recursive up(id, path) as (
          select ${parent}, array[slug] from ${t} where id = ${ids.keep} and ${parent} is not null
          union all
          select p.${parent}, up.path || p.slug from ${t} p join up on p.id = up.id
          where p.${parent} is not null and up.id <> ${ids.keep} and array_length(up.path, 1) < 1000
        )
        select up.path || (select slug from ${t} where id = ${ids.keep}) as path from up where up.id = ${ids.keep} limit 1`,
  );
  if (cycle[0]) {
    throw ValidationError.of(
      ['input', 'remove'],
      `merging would make "${slug(ids.keep)}" its own ancestor: ${cycle[0].path.join(' → ')} (each the child of the next)`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------

export async function mergeModels(tx: Tx, keep: EntityLocator, remove: EntityLocator): Promise<MergeResult> {
  const ids = await locatePair(tx, 'model', keep, remove);
  const tally = newTally();
  await lockLineage(tx);

  // Developer credits: keep's first, then remove's other developers in their order.
  const droppedDevelopers = await rows(
    tx,
    sql`delete from model_developer r where r.model_id = ${ids.remove}
        and exists (select 1 from model_developer k where k.model_id = ${ids.keep} and k.organization_id = r.organization_id)
        returning 1`,
  );
  add(tally.dropped, 'model_developer', droppedDevelopers.length);
  const movedDevelopers = await rows(
    tx,
    sql`update model_developer d set model_id = ${ids.keep}, position = next.position + moved.rank - 1
        from (select organization_id, row_number() over (order by position, organization_id)::int as rank
              from model_developer where model_id = ${ids.remove}) moved,
             (select coalesce(max(position) + 1, 0)::int as position from model_developer where model_id = ${ids.keep}) next
        where d.model_id = ${ids.remove} and d.organization_id = moved.organization_id
        returning 1`,
  );
  add(tally.moved, 'model_developer', movedDevelopers.length);

  await moveOrDrop(tx, tally, ids, 'model_external_id', 'model_id');
  // Languages: one row per language and source; the primary task: keep's wins.
  await moveOrDrop(tx, tally, ids, 'model_language', 'model_id', ['language_id', 'source_id']);
  const droppedTask = await rows(
    tx,
    sql`delete from model_task r where r.model_id = ${ids.remove}
        and exists (select 1 from model_task k where k.model_id = ${ids.keep}) returning 1`,
  );
  add(tally.dropped, 'model_task', droppedTask.length);
  await moveOrDrop(tx, tally, ids, 'model_task', 'model_id');

  // Lineage edges between the two would become self-edges: drop them and say so.
  const selfEdges = await rows<{ modelId: number; baseModelId: number; kind: string }>(
    tx,
    sql`delete from model_lineage where (model_id = ${ids.remove} and base_model_id = ${ids.keep})
          or (model_id = ${ids.keep} and base_model_id = ${ids.remove})
        returning model_id as "modelId", base_model_id as "baseModelId", kind`,
  );
  if (selfEdges.length) {
    add(tally.dropped, 'model_lineage', selfEdges.length);
    const [keepSlug, removeSlug] = await modelSlugs(tx, [ids.keep, ids.remove]);
    const name = (id: number) => (Number(id) === ids.keep ? keepSlug : removeSlug);
    for (const edge of selfEdges) {
      tally.remarks.push(
        `Dropped the lineage edge "${name(edge.modelId)}" ${edge.kind} of "${name(edge.baseModelId)}": after the merge it would join "${keepSlug}" to itself.`,
      );
    }
  }
  await moveOrDrop(tx, tally, ids, 'model_lineage', 'model_id', ['base_model_id', 'kind']);
  await moveOrDrop(tx, tally, ids, 'model_lineage', 'base_model_id', ['model_id', 'kind']);
  const bases = await rows<{ id: number }>(
    tx,
    sql`select base_model_id as id from model_lineage where model_id = ${ids.keep}`,
  );
  for (const base of bases) {
    const chain = await ancestryPath(tx, Number(base.id), ids.keep);
    if (chain) {
      const slugs = await modelSlugs(tx, [ids.keep, ...chain]);
      throw ValidationError.of(
        ['input', 'remove'],
        `merging would close a lineage cycle: ${slugs.join(' → ')} (each derived from the next)`,
      );
    }
  }

  // Technique uses: keep's use of a technique wins (with its datasets).
  const droppedUseDatasets = await rows(
    tx,
    sql`delete from model_technique_dataset where model_technique_id in (
          select r.id from model_technique r where r.model_id = ${ids.remove}
          and exists (select 1 from model_technique k where k.model_id = ${ids.keep} and k.technique_id = r.technique_id))
        returning 1`,
  );
  add(tally.dropped, 'model_technique_dataset', droppedUseDatasets.length);
  await moveOrDrop(tx, tally, ids, 'model_technique', 'model_id', ['technique_id']);
  await moveOrDrop(tx, tally, ids, 'benchmark_result', 'model_id', resultKeyWithout('model_id'));
  await moveRegistryLinks(tx, tally, 'model', ids);
  await rederive(tx, tally, sql`${benchmarkResult.modelId} = ${ids.keep}`);
  await absorbAndDelete(tx, 'model', ids);
  return result(ids, tally);
}

export async function mergeOrganizations(tx: Tx, keep: EntityLocator, remove: EntityLocator): Promise<MergeResult> {
  const ids = await locatePair(tx, 'organization', keep, remove);
  const tally = newTally();
  await moveOrDrop(tx, tally, ids, 'model_developer', 'organization_id', ['model_id']);
  await moveOrDrop(tx, tally, ids, 'benchmark_result', 'evaluator_organization_id');
  await moveOrDrop(tx, tally, ids, 'dataset_creator', 'organization_id', ['dataset_id']);
  await moveRegistryLinks(tx, tally, 'organization', ids);
  await rederive(tx, tally, sql`${benchmarkResult.evaluatorOrganizationId} = ${ids.keep}`);
  await absorbAndDelete(tx, 'organization', ids);
  return result(ids, tally);
}

export async function mergeDatasets(tx: Tx, keep: EntityLocator, remove: EntityLocator): Promise<MergeResult> {
  const ids = await locatePair(tx, 'dataset', keep, remove);
  const tally = newTally();
  await moveOrDrop(tx, tally, ids, 'benchmark_result', 'dataset_id', resultKeyWithout('dataset_id'));
  await moveOrDrop(tx, tally, ids, 'model_technique_dataset', 'dataset_id', ['model_technique_id']);
  await moveOrDrop(tx, tally, ids, 'dataset_creator', 'dataset_id', ['organization_id']);
  await moveRegistryLinks(tx, tally, 'dataset', ids);
  await moveParents(tx, tally, 'dataset', ids);
  await absorbAndDelete(tx, 'dataset', ids);
  return result(ids, tally);
}

export async function mergeTechniques(tx: Tx, keep: EntityLocator, remove: EntityLocator): Promise<MergeResult> {
  const ids = await locatePair(tx, 'technique', keep, remove);
  const tally = newTally();
  const droppedUseDatasets = await rows(
    tx,
    sql`delete from model_technique_dataset where model_technique_id in (
          select r.id from model_technique r where r.technique_id = ${ids.remove}
          and exists (select 1 from model_technique k where k.technique_id = ${ids.keep} and k.model_id = r.model_id))
        returning 1`,
  );
  add(tally.dropped, 'model_technique_dataset', droppedUseDatasets.length);
  await moveOrDrop(tx, tally, ids, 'model_technique', 'technique_id', ['model_id']);
  await moveRegistryLinks(tx, tally, 'technique', ids);
  await moveParents(tx, tally, 'technique', ids);
  await absorbAndDelete(tx, 'technique', ids);
  return result(ids, tally);
}
