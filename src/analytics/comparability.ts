/**
 * Comparability: two results can be ranked against each other only when their dataset, metric and setting
 * (shots, chain of thought, pass@k, split, variant, agent scaffold) match; `benchmark_result.comparability_key` encodes that.
 * This module turns what a client names (dataset and metric slugs, a partial setting) into exactly one key, or
 * explains why it cannot.
 */
import { sql } from 'drizzle-orm';
import type { AppDb } from '../db/client.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { rows } from './sql.ts';

export type Setting = {
  shots: number | null;
  chainOfThought: boolean | null;
  passK: number | null;
  split: string | null;
  variant: string | null;
  scaffold: string | null;
};

export type SettingInput = Partial<{ [K in keyof Setting]: Setting[K] | undefined }>;

export type Comparability = { key: string; datasetId: number; metricId: number; setting: Setting; resultCount: number };

export type ComparabilityRow = {
  key: string;
  dataset_id: number;
  metric_id: number;
  shots: number | null;
  chain_of_thought: boolean | null;
  pass_k: number | null;
  split: string | null;
  variant: string | null;
  scaffold: string | null;
  results: number;
};

export function describeSetting(setting: Setting): string {
  const parts = [
    setting.shots !== null ? `${setting.shots}-shot` : undefined,
    setting.chainOfThought === true
      ? 'chain of thought'
      : setting.chainOfThought === false
        ? 'no chain of thought'
        : undefined,
    setting.passK !== null ? `pass@${setting.passK}` : undefined,
    setting.split !== null ? `split ${setting.split}` : undefined,
    setting.variant !== null ? `variant "${setting.variant}"` : undefined,
    setting.scaffold !== null ? `scaffold "${setting.scaffold}"` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no setting stated';
}

export function toComparability(row: ComparabilityRow): Comparability {
  return {
    key: row.key,
    datasetId: Number(row.dataset_id),
    metricId: Number(row.metric_id),
    resultCount: Number(row.results),
    setting: {
      shots: row.shots,
      chainOfThought: row.chain_of_thought,
      passK: row.pass_k,
      split: row.split,
      variant: row.variant,
      scaffold: row.scaffold,
    },
  };
}

/** Every comparability key with results on a dataset (optionally in one metric), most results first. */
export async function comparabilityKeys(
  db: AppDb,
  { dataset, metric }: { dataset: string; metric?: string | null | undefined },
): Promise<Comparability[]> {
  const [found] = await rows<{ dataset_id: number | null; metric_id: number | null }>(
    db,
    sql`select (select id from dataset where slug = ${dataset}) as dataset_id,
               (select id from metric where slug = ${metric ?? null}) as metric_id`,
  );
  if (found?.dataset_id == null) throw new NotFoundError('Dataset', 'slug', dataset);
  if (metric != null && found.metric_id == null) throw new NotFoundError('Metric', 'slug', metric);
  const keys = await rows<ComparabilityRow>(
    db,
    // The sets and their counts as the last commit left them (`comparability_set`, kept at commit).
    sql`select comparability_key as key, dataset_id, metric_id, shots, chain_of_thought, pass_k, split, variant, scaffold,
               result_count as results
        from comparability_set
        where dataset_id = ${found.dataset_id} and (${found.metric_id}::int is null or metric_id = ${found.metric_id})
        order by result_count desc, comparability_key`,
  );
  return keys.map(toComparability);
}

/**
 * The one key a dataset, metric and (partial) setting name. Setting fields that are given must match; fields
 * left out match anything. Zero or several matching keys are a BAD_USER_INPUT that lists the settings there are.
 */
export async function resolveComparability(
  db: AppDb,
  { dataset, metric, setting = {} }: { dataset: string; metric: string; setting?: SettingInput | null | undefined },
): Promise<Comparability> {
  const keys = await comparabilityKeys(db, { dataset, metric });
  const given = Object.entries(setting ?? {}).filter(([, value]) => value !== undefined) as [keyof Setting, unknown][];
  const matching = keys.filter((k) => given.every(([field, value]) => k.setting[field] === value));
  const available = keys.map((k) => `(${describeSetting(k.setting)}: ${k.resultCount} results)`).join(', ');
  if (keys.length === 0) {
    throw ValidationError.of(['metric'], `There are no results on "${dataset}" in the metric "${metric}".`);
  }
  if (matching.length === 0) {
    throw ValidationError.of(
      ['setting'],
      `No results on "${dataset}" (${metric}) match that setting. Settings with results: ${available}.`,
    );
  }
  if (matching.length > 1) {
    throw ValidationError.of(
      ['setting'],
      `Results on "${dataset}" (${metric}) come in ${matching.length} settings that are not comparable with each other; name one with \`setting\`: ${matching
        .map((k) => `(${describeSetting(k.setting)}: ${k.resultCount} results)`)
        .join(', ')}.`,
    );
  }
  return matching[0] as Comparability;
}
