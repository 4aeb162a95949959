/**
 * Loads a validated seed in one transaction with the graph writer (`write/graph.ts`): every write is an upsert
 * on a natural key that only touches changed rows, so loading the same seed twice changes nothing. Rows that
 * the seed no longer lists are left alone: the database may hold edits and imports that the seed does not
 * know about. The seed's results are tables as their sources print them, expanded here into rows.
 */
import { sql } from 'drizzle-orm';
import type { AppDb } from '../db/client.ts';
import * as t from '../db/schema.ts';
import type { SeedData } from '../formats/graph-json.ts';
import { type BenchmarkResultRow, type GraphSummary, type ResultIds, writeGraph } from '../write/graph.ts';
import { nameTransaction, type Tx } from '../write/transaction.ts';
import type { LoadedSeed } from './read.ts';

export type SeedSummary = GraphSummary;

export async function loadSeed(db: AppDb, { data, contentHash }: LoadedSeed): Promise<SeedSummary> {
  return db.transaction(async (tx) => {
    await nameTransaction(tx, { actor: 'seed', operation: 'seed' });
    const summary = await writeSeed(tx, data);
    const changed = Object.values(summary).some((c) => c.inserted + c.updated + (c.deleted ?? 0) > 0);
    const [last] = await tx
      .select({ contentHash: t.seedRun.contentHash })
      .from(t.seedRun)
      .orderBy(sql`${t.seedRun.id} desc`)
      .limit(1);
    // Record a run only when it did something (or the seed file changed), so a repeat run writes nothing.
    if (changed || last?.contentHash !== contentHash) {
      await tx.insert(t.seedRun).values({ contentHash, summary });
    }
    return summary;
  });
}

/** True once any seed has been loaded into this database. */
export async function hasBeenSeeded(db: AppDb): Promise<boolean> {
  const rows = await db.select({ id: t.seedRun.id }).from(t.seedRun).limit(1);
  return rows.length > 0;
}

type IdMap = Map<string, number>;

function lookup(ids: IdMap, slug: string): number;
function lookup(ids: IdMap, slug: string | undefined): number | null;
function lookup(ids: IdMap, slug: string | undefined): number | null {
  if (slug === undefined) return null;
  const id = ids.get(slug);
  // readSeed() checked every reference, so a miss here is a bug in the loader, not in the data.
  if (id === undefined) throw new Error(`seed loader: "${slug}" was not written before it was referenced`);
  return id;
}

/** Writes a validated seed (inside the caller's transaction); `loadSeed` wraps it. */
export async function writeSeed(tx: Tx, seed: SeedData): Promise<SeedSummary> {
  return writeGraph(tx, seed, (ids) => expandResultTables(seed, ids));
}

/** One `benchmark_result` per non-empty cell of each source table. */
function expandResultTables(seed: SeedData, ids: ResultIds): BenchmarkResultRow[] {
  const developers = new Map(seed.models.map((m) => [m.slug, new Set(m.developers.map((d) => d.organization))]));
  const sourceDates = new Map(seed.sources.map((s) => [s.slug, s.publishedOn]));

  return seed.results.flatMap((table) =>
    table.rows.flatMap((row) =>
      row.values.flatMap((printed, index) => {
        if (printed === null) return [];
        const column = table.columns[index] as (typeof table.columns)[number];
        const { model, modelVariant } =
          typeof column === 'string' ? { model: column, modelVariant: undefined } : column;
        const scale = row.scale ?? table.scale;
        const firstParty = table.evaluator !== undefined && (developers.get(model)?.has(table.evaluator) ?? false);
        return [
          {
            modelId: lookup(ids.modelIds, model),
            datasetId: lookup(ids.datasetIds, row.dataset),
            metricId: lookup(ids.metricIds, row.metric),
            // Round away binary noise from scaling (0.848 * 100 = 84.80000000000001).
            value: Number((Number(printed) * scale).toPrecision(12)),
            reportedValue: printed,
            shots: row.setting.shots ?? null,
            chainOfThought: row.setting.chainOfThought ?? null,
            passK: row.setting.passK ?? null,
            split: row.setting.split ?? null,
            harness: row.setting.harness ?? table.harness ?? null,
            scaffold: row.setting.scaffold ?? null,
            variant: row.setting.variant ?? null,
            modelVariant: modelVariant ?? null,
            evaluatorOrganizationId: lookup(ids.organizationIds, table.evaluator),
            evaluatorRelationship:
              table.evaluatorRelationship ??
              (table.evaluator === undefined
                ? ('unknown' as const)
                : firstParty
                  ? ('first_party' as const)
                  : ('third_party' as const)),
            reportedOn: table.reportedOn ?? sourceDates.get(table.source) ?? null,
            sourceId: lookup(ids.sourceIds, table.source),
            notes: [table.notes, row.notes].filter(Boolean).join(' '),
            unverified: row.unverified ?? table.unverified,
          },
        ];
      }),
    ),
  );
}
