/**
 * Bulk upsert of benchmark results for imports: each batch is one statement whose rows travel as one array
 * per column (`unnest`), not as a VALUES list with a placeholder per cell. The statement text stays the same
 * whatever the batch size, so building it costs nothing and PostgreSQL parses a few lines instead of tens of
 * thousands of parameters. Same semantics as `upsertRows`: new rows inserted, changed rows updated, identical
 * rows untouched (no write, no audit row), counted by kind.
 */
import { sql } from 'drizzle-orm';
import type { UpsertCounts } from '../write/upsert.ts';
import type { Tx } from '../write/transaction.ts';
import { benchmarkResult, benchmarkResultKey } from '../db/schema.ts';

type ResultRow = typeof benchmarkResult.$inferInsert;

/** Column, its SQL array type, and the row field it comes from. */
const columns = [
  ['model_id', 'integer', 'modelId'],
  ['dataset_id', 'integer', 'datasetId'],
  ['metric_id', 'integer', 'metricId'],
  ['value', 'double precision', 'value'],
  ['reported_value', 'text', 'reportedValue'],
  ['stderr', 'double precision', 'stderr'],
  ['shots', 'integer', 'shots'],
  ['chain_of_thought', 'boolean', 'chainOfThought'],
  ['pass_k', 'integer', 'passK'],
  ['split', 'text', 'split'],
  ['harness', 'text', 'harness'],
  ['scaffold', 'text', 'scaffold'],
  ['variant', 'text', 'variant'],
  ['model_variant', 'text', 'modelVariant'],
  ['evaluator_organization_id', 'integer', 'evaluatorOrganizationId'],
  ['evaluator_relationship', 'evaluator_relationship', 'evaluatorRelationship'],
  ['reported_on', 'date', 'reportedOn'],
  ['source_id', 'integer', 'sourceId'],
  ['notes', 'text', 'notes'],
  ['unverified', 'boolean', 'unverified'],
] as const;

const naturalKey = benchmarkResultKey.map((field) => benchmarkResult[field].name);
const content = columns.map(([name]) => name).filter((name) => !naturalKey.includes(name));

const names = columns.map(([name]) => `"${name}"`).join(', ');
/** Arrays of builtin types travel as such; an enum's array goes as text[] and is cast per value (PGlite cannot serialize enum arrays). */
const builtin = new Set(['integer', 'double precision', 'text', 'boolean', 'date']);
const wireType = (type: string) => (builtin.has(type) ? type : 'text');
const selectList = columns
  .map(([name, type]) => (builtin.has(type) ? `u."${name}"` : `u."${name}"::${type}`))
  .join(', ');
const statementHead = sql.raw(`insert into benchmark_result (${names}) select ${selectList} from unnest(`);
const statementTail = sql.raw(
  `) as u(${names}) on conflict (${naturalKey.map((n) => `"${n}"`).join(', ')}) do update set ${content
    .map((n) => `"${n}" = excluded."${n}"`)
    .join(', ')}, "updated_at" = now() where (${content.map((n) => `benchmark_result."${n}"`).join(', ')}) ` +
    `is distinct from (${content.map((n) => `excluded."${n}"`).join(', ')}) returning id, (xmax = 0) as inserted, ${naturalKey.map((n) => `"${n}"`).join(', ')}`,
);

/** A row the statement inserted or updated: its id, and its natural key columns as returned. */
export type ResultWrite = { id: number; inserted: boolean; returned: Record<string, unknown> };

/** The natural key of a result row, as one string (nulls included). */
export function naturalKeyOf(row: ResultRow): string {
  return JSON.stringify(benchmarkResultKey.map((field) => row[field] ?? null));
}

export async function upsertResults(
  tx: Tx,
  rows: readonly ResultRow[],
): Promise<{ counts: UpsertCounts; writes: ResultWrite[] }> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return { counts, writes: [] };
  const arrays = columns.map(
    ([, type, field]) => sql`${sql.param(rows.map((row) => row[field] ?? null))}::${sql.raw(wireType(type))}[]`,
  );
  const result = (await tx.execute(sql`${statementHead}${sql.join(arrays, sql`, `)}${statementTail}`)) as unknown as {
    rows: ({ id: number; inserted: boolean } & Record<string, unknown>)[];
  };
  const inserted = result.rows.filter((row) => row.inserted).length;
  counts.inserted = inserted;
  counts.updated = result.rows.length - inserted;
  counts.unchanged = rows.length - result.rows.length;
  const writes = result.rows.map((row) => ({ id: Number(row.id), inserted: row.inserted, returned: row }));
  return { counts, writes };
}

/**
 * Where in `rows` a written row came from. RETURNING cannot see the batch's row numbers, so the place is found
 * by natural key; only a duplicate's report needs it, so it is a scan, not a map built for every batch.
 */
export function indexOfWrite(rows: readonly ResultRow[], write: ResultWrite): number {
  const key = naturalKeyOf(fromColumns(write.returned));
  return rows.findIndex((row) => naturalKeyOf(row) === key);
}

/** A returned row's natural key columns, typed as the row they came from. */
function fromColumns(row: Record<string, unknown>): ResultRow {
  const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    modelId: Number(row.model_id),
    datasetId: Number(row.dataset_id),
    metricId: Number(row.metric_id),
    shots: number(row.shots),
    chainOfThought: (row.chain_of_thought ?? null) as boolean | null,
    passK: number(row.pass_k),
    split: (row.split ?? null) as string | null,
    harness: (row.harness ?? null) as string | null,
    scaffold: (row.scaffold ?? null) as string | null,
    variant: (row.variant ?? null) as string | null,
    modelVariant: (row.model_variant ?? null) as string | null,
    sourceId: Number(row.source_id),
  } as ResultRow;
}
