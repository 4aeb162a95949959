/**
 * Per-request batching for objects that analytics computes in SQL and returns by id (leaderboards, comparisons,
 * derived wins). A loader collects the ids asked for in one tick and loads them with one statement. Built in
 * `createContext`, so nothing is shared between requests or instances.
 */
import DataLoader from 'dataloader';
import { sql } from 'drizzle-orm';
import { type Beat, beats } from '../analytics/ranking.ts';
import { type Verdict, verifyClaims } from '../analytics/claims.ts';
import { type Comparability, type ComparabilityRow, toComparability } from '../analytics/comparability.ts';
import { intArray, rows, textArray } from '../analytics/sql.ts';
import type { AppDb } from '../db/client.ts';

export type BeatOptions = {
  side: 'winner' | 'loser';
  datasetId?: number | undefined;
  minMargin?: number | undefined;
  first: number;
};

export function createLoaders(db: AppDb) {
  return {
    /** The lead developer (lowest position) of each model. */
    leadOrganizationId: new DataLoader<number, number | null>(async (modelIds) => {
      const found = await rows<{ model_id: number; organization_id: number }>(
        db,
        sql`select distinct on (model_id) model_id, organization_id from model_developer
            where model_id = any(${intArray([...modelIds])}) order by model_id, position, organization_id`,
      );
      const lead = new Map(found.map((r) => [Number(r.model_id), Number(r.organization_id)]));
      return modelIds.map((id) => lead.get(id) ?? null);
    }),
    /** What a comparability key stands for: dataset, metric, setting and how many results share it. */
    comparability: new DataLoader<string, Comparability | null>(async (keys) => {
      const found = await rows<ComparabilityRow>(
        db,
        sql`select distinct on (comparability_key) comparability_key as key, dataset_id, metric_id, shots,
                   chain_of_thought, pass_k, split, variant, scaffold,
                   (count(*) over (partition by comparability_key))::int as results
            from benchmark_result where comparability_key = any(${textArray([...keys])})
            order by comparability_key`,
      );
      const byKey = new Map(found.map((row) => [row.key, toComparability(row)]));
      return keys.map((key) => byKey.get(key) ?? null);
    }),
    /** Computed verdicts of the claims asked for in one tick, from one batch of queries. */
    claimVerdict: new DataLoader<number, Verdict | null>(async (claimIds) => {
      const verdicts = await verifyClaims(db, claimIds);
      return claimIds.map((id) => verdicts.get(id) ?? null);
    }),
    /** Derived wins or losses per model; one query per distinct set of options in a tick. */
    beats: new DataLoader<{ modelId: number } & BeatOptions, Beat[], string>(
      async (keys) => {
        const groups = new Map<string, { options: BeatOptions; modelIds: number[] }>();
        for (const { modelId, ...options } of keys) {
          const group = JSON.stringify(options);
          const entry = groups.get(group) ?? { options, modelIds: [] };
          entry.modelIds.push(modelId);
          groups.set(group, entry);
        }
        const results = new Map<string, Beat[]>();
        for (const [group, { options, modelIds }] of groups) {
          const found = await beats(db, { ...options, modelIds });
          for (const modelId of modelIds) {
            results.set(
              `${group}#${modelId}`,
              found.filter((b) => (options.side === 'winner' ? b.winnerId : b.loserId) === modelId),
            );
          }
        }
        return keys.map(({ modelId, ...options }) => results.get(`${JSON.stringify(options)}#${modelId}`) ?? []);
      },
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
