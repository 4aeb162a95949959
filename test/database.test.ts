/**
 * The database itself guards the data: indexes on every foreign key, and constraints that refuse bad rows
 * whatever code writes them.
 */
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { describeEachBackend } from './helpers/backends.ts';

describeEachBackend('database constraints', (backend) => {
  const query = async <T>(statement: ReturnType<typeof sql>) =>
    ((await backend().database.db.execute(statement)) as unknown as { rows: T[] }).rows;

  test('every foreign key has an index that starts with its columns', async () => {
    const unindexed = await query<{ constraint: string }>(sql`
      select c.conrelid::regclass::text || '.' || c.conname as constraint
      from pg_constraint c
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        and not exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid
            and array_to_string((i.indkey::int2[])[0:cardinality(c.conkey) - 1], ',') = array_to_string(c.conkey, ',')
        )`);
    expect(unindexed).toEqual([]);
    const [{ n }] = (await query<{ n: number }>(
      sql`select count(*)::int as n from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`,
    )) as [{ n: number }];
    expect(Number(n)).toBeGreaterThan(30);
  });

  const rejected: [string, ReturnType<typeof sql>, RegExp][] = [
    [
      'a slug with spaces',
      sql`insert into organization (slug, name, kind) values ('Not A Slug', 'x', 'company')`,
      /organization_slug_format/,
    ],
    [
      'a country that is not ISO 3166 alpha-2',
      sql`insert into organization (slug, name, kind, country) values ('x-org', 'x', 'company', 'us')`,
      /organization_country_iso/,
    ],
    [
      'more active than total parameters',
      sql`insert into model (slug, name, open_weights, parameter_count, active_parameter_count) values ('x-model', 'x', true, 10, 20)`,
      /model_active_parameters_bounded/,
    ],
    [
      'a negative parameter count',
      sql`insert into model (slug, name, open_weights, parameter_count) values ('x-model', 'x', true, -1)`,
      /model_parameter_count_positive/,
    ],
    [
      'a model derived from itself',
      sql`insert into model_lineage (model_id, base_model_id, kind, source_id) select id, id, 'finetune', (select id from source limit 1) from model limit 1`,
      /model_lineage_not_self/,
    ],
    [
      'a result without a source',
      sql`insert into benchmark_result (model_id, dataset_id, metric_id, value, reported_value, evaluator_relationship) select (select id from model limit 1), (select id from dataset limit 1), (select id from metric limit 1), 1, '1', 'third_party'`,
      /source_id|null value/,
    ],
    [
      'a result with negative shots',
      sql`insert into benchmark_result (model_id, dataset_id, metric_id, value, reported_value, evaluator_relationship, source_id, shots) select model_id, dataset_id, metric_id, 1, '1', 'third_party', source_id, -1 from benchmark_result limit 1`,
      /benchmark_result_shots/,
    ],
    [
      'a claim about two subjects',
      sql`insert into claim (slug, source_id, ordinal, statement, predicate, subject_model_id, subject_organization_id) select 'x-claim', (select id from source limit 1), 999, 'x', 'developed', (select id from model limit 1), (select id from organization limit 1)`,
      /claim_one_subject/,
    ],
    [
      'a dataset that is neither benchmark nor training data',
      sql`insert into dataset (slug, name, is_benchmark, is_training_data) values ('x-data', 'x', false, false)`,
      /dataset_has_a_role/,
    ],
    [
      'a result pointing at a missing model',
      sql`insert into benchmark_result (model_id, dataset_id, metric_id, value, reported_value, evaluator_relationship, source_id) select 999999, dataset_id, metric_id, 1, '1', 'third_party', source_id from benchmark_result limit 1`,
      /foreign key/,
    ],
  ];

  test.each(rejected)('refuses %s', async (_name, statement, reason) => {
    await expect(backend().database.db.execute(statement)).rejects.toSatisfy((error: unknown) => {
      const text = `${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`;
      return reason.test(text);
    });
  });

  test('the same result twice is refused even when its setting has nulls (NULLS NOT DISTINCT)', async () => {
    const statement = sql`insert into benchmark_result (model_id, dataset_id, metric_id, value, reported_value, evaluator_relationship, source_id, shots, chain_of_thought, pass_k, split, harness, variant, model_variant)
      select model_id, dataset_id, metric_id, value, reported_value, evaluator_relationship, source_id, shots, chain_of_thought, pass_k, split, harness, variant, model_variant
      from benchmark_result where split is null and pass_k is null limit 1`;
    await expect(backend().database.db.execute(statement)).rejects.toSatisfy((error: unknown) =>
      /benchmark_result_natural_key/.test(
        `${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`,
      ),
    );
  });

  test('deleting a source that facts still cite is refused', async () => {
    await expect(backend().database.db.execute(sql`delete from source where slug = 't3-card'`)).rejects.toThrow();
    const rows = await query<{ n: number }>(sql`select count(*)::int as n from source where slug = 't3-card'`);
    expect(Number(rows[0]?.n)).toBe(1);
  });
});
