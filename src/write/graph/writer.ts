/**
 * What the graph writer's steps share: one transaction, the ids of the rows written so far (to resolve the
 * slugs later records name), the counts per kind of row, and the bulk upserts and child pruning. Each step
 * checks its records with its entity's input schema, the one the mutations parse with.
 */
import { sql } from 'drizzle-orm';
import type { InferInsertModel } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { distinctSources } from '../rules.ts';
import { type FieldIssue, NotFoundError, ValidationError } from '../../errors.ts';
import { checkNoParentCycle } from '../checks.ts';
import { entities, type SourcedKind } from '../../db/entities.ts';
import { type Resolve, type SluggedType, sluggedTables } from '../references.ts';
import type { Tx } from '../transaction.ts';
import { pruneChildren, type UpsertCounts, upsertRows } from '../upsert.ts';

/** A source named by slug, or with a note on what it backs. */
export type SourceRef = string | { source: string; notes?: string | undefined };

/** The ids of an entity kind's rows by slug. */
export type IdMap = Map<string, number>;

export class GraphWriter {
  readonly counts: Record<string, UpsertCounts> = {};
  pruned = 0;
  private readonly ids = new Map<SluggedType, IdMap>();

  constructor(readonly tx: Tx) {}

  /**
   * Each value parsed with `schema` (an entity's input rules), or one ValidationError with every issue at its
   * place in the document (`["models", "3", "parameterCount"]`).
   */
  parse<S extends z.ZodType>(schema: S, entries: readonly (readonly [unknown, string[]])[]): z.output<S>[] {
    const issues: FieldIssue[] = [];
    const parsed = entries.map(([value, at]) => {
      const result = schema.safeParse(value);
      if (!result.success)
        issues.push(...result.error.issues.map((i) => ({ path: [...at, ...i.path.map(String)], message: i.message })));
      return result.data as z.output<S>;
    });
    if (issues.length > 0) throw new ValidationError(issues);
    return parsed;
  }

  /**
   * The children a record lists (a model's `baseModels`...) parsed with `schema` (e.g. addLineageEdge's input),
   * each with its owner's index and its path (`["models", "3", "baseModels", "0"]`).
   */
  parseChildren<R, C, S extends z.ZodType>(
    schema: S,
    list: string,
    records: readonly R[],
    field: string,
    children: (record: R) => readonly C[],
    value: (child: C) => unknown = (child) => child,
  ) {
    const entries = records.flatMap((record, owner) =>
      children(record).map((child, index) => ({ owner, child, path: [list, String(owner), field, String(index)] })),
    );
    const inputs = this.parse(
      schema,
      entries.map((e): [unknown, string[]] => [value(e.child), e.path]),
    );
    return entries.map((entry, index) => ({ ...entry, input: inputs[index] as z.output<S> }));
  }

  /** Slugs resolve to rows written by earlier steps or already in the database (`readIds`). */
  readonly resolve: Resolve = async (type, slug, path) => {
    const id = this.ids.get(type)?.get(slug);
    if (id === undefined) throw new NotFoundError(type, 'slug', slug, path);
    return id;
  };

  /** The id of a row this writer has written (a miss is a bug in the writer, not in the data). */
  id(type: SluggedType, slug: string): number {
    const id = this.ids.get(type)?.get(slug);
    if (id === undefined) throw new Error(`graph writer: ${type} "${slug}" was not written before it was referenced`);
    return id;
  }

  idsOf(type: SluggedType): IdMap {
    return this.ids.get(type) ?? new Map();
  }

  /** Reads the ids of every row of a kind, once its step has written them. */
  async readIds(type: SluggedType): Promise<void> {
    const { rows } = (await this.tx.execute(sql`select id, slug from ${sluggedTables[type]}`)) as unknown as {
      rows: { id: number; slug: string }[];
    };
    this.ids.set(type, new Map(rows.map((row) => [row.slug, Number(row.id)])));
  }

  /** Upserts `rows` on `key`, adding the counts to `kind` of the summary (`null`: a second pass, not counted). */
  async upsert<T extends PgTable>(kind: string | null, table: T, rows: InferInsertModel<T>[], key: PgColumn[]) {
    const counts = await upsertRows(this.tx, table, rows, key);
    if (kind === null) return;
    const total = this.counts[kind] ?? { inserted: 0, updated: 0, unchanged: 0 };
    this.counts[kind] = {
      inserted: total.inserted + counts.inserted,
      updated: total.updated + counts.updated,
      unchanged: total.unchanged + counts.unchanged,
    };
  }

  /** A record owns its child collections: children of `parentIds` not in `keep` are deleted. */
  async prune(table: PgTable, parent: PgColumn, parentIds: readonly number[], key: PgColumn[], keep: unknown[][]) {
    this.pruned += await pruneChildren(this.tx, table, parent, parentIds, key, keep);
  }

  /** Replaces the source links of each written entity with those its input lists (counted as `entitySources`). */
  async sourceLinks(
    kind: SourcedKind,
    inputs: readonly { slug: string; sources: readonly { source: string; notes: string }[] }[],
  ) {
    const { sources: table, typeName: type } = entities[kind];
    const rows = inputs.flatMap((input) =>
      input.sources.map((link) => ({
        entityId: this.id(type, input.slug),
        sourceId: this.id('Source', link.source),
        notes: link.notes,
      })),
    );
    const key = [table.entityId, table.sourceId];
    await this.prune(
      table,
      table.entityId,
      inputs.map((input) => this.id(type, input.slug)),
      key,
      rows.map((row) => [row.entityId, row.sourceId]),
    );
    await this.upsert('entitySources', table, rows, key);
  }
}

/** The links an entity input takes, from a document's slugs or `{ source, notes }`. */
export const sourceLinkInputs = (sources: readonly SourceRef[]) =>
  sources.map((s) => (typeof s === 'string' ? { source: s } : s));

/**
 * A document's record is the whole entity: every field of `fields` that it leaves out is cleared (`null`),
 * as an update that names every field would, except `keep` (written by a later pass).
 */
export function whole<I extends object>(input: I, fields: z.ZodObject, keep: readonly string[] = []): I {
  const given = input as Record<string, unknown>;
  const cleared = Object.keys(fields.shape).filter((f) => given[f] === undefined && !keep.includes(f));
  return { ...Object.fromEntries(cleared.map((f) => [f, null])), ...input };
}

/** `[record, [list, index]]` pairs for `GraphWriter.parse`. */
export const at = <R, V>(list: string, records: readonly R[], value: (record: R) => V) =>
  records.map((record, index): [V, string[]] => [value(record), [list, String(index)]]);

/**
 * What a graph may hold beyond what a create mutation accepts: an entity that an import made has no sources
 * yet. A graph round-trips whatever the database holds, so its entity inputs are read with this relaxation.
 */
export const asStored = { sources: distinctSources };

/** An entity as a graph document lists it: its input's fields, with `unverified` and its sources by slug. */
export type GraphEntity = { slug: string; unverified: readonly string[]; sources: readonly SourceRef[] };

/** The records parsed as the entity's create input (`unverified` is not an input field: the caller writes it). */
export function entityInputs<S extends z.ZodType>(
  g: GraphWriter,
  schema: S,
  list: string,
  records: readonly GraphEntity[],
): z.output<S>[] {
  return g.parse(
    schema,
    at(list, records, ({ unverified: _unverified, sources, ...fields }) => ({
      ...fields,
      sources: sourceLinkInputs(sources),
    })),
  );
}

/** How to write an entity kind whose rows name a parent of their own kind (techniques, datasets). */
export type ParentedKind<I> = {
  kind: string;
  type: SluggedType;
  table: PgTable & { id: PgColumn; slug: PgColumn };
  parentColumn: PgColumn;
  noun: string;
  /** The entity's update input schema: the fields a record clears by leaving them out. */
  fields: z.ZodObject;
  /** The entity's column mapping, as its mutations use it. */
  columns: (input: I, resolve: Resolve, at: string[]) => Promise<object>;
};

/**
 * Writes the rows without their parent links, then (every row having an id) with them, and checks that no
 * parent link closes a cycle, as the entity's update mutation does. `at(index)` is a record's path.
 */
export async function writeParented<I extends { slug: string; parent?: string | null | undefined }>(
  g: GraphWriter,
  spec: ParentedKind<I>,
  inputs: readonly I[],
  records: readonly GraphEntity[],
  at: (index: number) => string[],
) {
  const rows = async (withParent: boolean) => {
    const written = [];
    for (const [index, input] of inputs.entries()) {
      const { parent: _parent, ...rest } = input;
      const fields = withParent ? whole(input, spec.fields) : whole(rest, spec.fields, ['parent']);
      const columns = await spec.columns(fields as I, g.resolve, at(index));
      written.push({ ...columns, unverifiedFields: records[index]?.unverified });
    }
    return written as InferInsertModel<typeof spec.table>[];
  };
  await g.upsert(spec.kind, spec.table, await rows(false), [spec.table.slug]);
  await g.readIds(spec.type);
  await g.upsert(null, spec.table, await rows(true), [spec.table.slug]);
  for (const [index, input] of inputs.entries()) {
    if (!input.parent) continue;
    const [id, parentId] = [g.id(spec.type, input.slug), g.id(spec.type, input.parent)];
    await checkNoParentCycle(g.tx, spec.table, spec.parentColumn, spec.noun, id, parentId, [...at(index), 'parent']);
  }
}
