/**
 * The synthetic graph of the benchmarks (`npm run bench:graph`, `npm run bench`), as SQL over the migrated, empty
 * schema. Deterministic: no random(). At scale 1: 2,000 organizations, 50,000 models (lineage chains up to 9 hops
 * deep, every 7th model also merged from a second base), 200 techniques (3 per model), 1,000 datasets (800
 * benchmarks, 200 training sets), 500,000 results (10 per model, 1,600 comparability keys of about 310 models
 * each), 2,000 claims (one per 25 models). Scales above 1 grow organizations, models, results and claims.
 */

export type GraphSize = {
  organizations: number;
  models: number;
  techniques: number;
  datasets: number;
  resultsPerModel: number;
};

export function graphSize(scale: number): GraphSize {
  if (!(scale > 0)) throw new Error('scale must be positive');
  return {
    organizations: Math.round(2000 * scale),
    models: Math.round(50_000 * scale),
    techniques: 200,
    datasets: 1000,
    resultsPerModel: 10,
  };
}

const SYLLABLES = `array['al','bar','cor','dax','el','fen','gor','hal','ion','jun','kel','lum','mor','nex','or','pax','qua','ril','sol','tor','ul','vex','wen','xan','yor','zel','ark','bel','cin','dor','eth','fal','gal','hel','isk','jor','kal']`;

/** Lineage blocks: a model derives from the one a block before it, within groups of ten blocks. */
export const lineageBlock = (size: GraphSize) => Math.max(1, Math.round(size.models / 100));

/**
 * The statements that fill the graph, in order. `releaseDates: false` leaves `model.release_date` NULL, as the
 * first versions of this generator did.
 */
export function graphStatements(scale: number, { releaseDates = true } = {}): string[] {
  const size = graphSize(scale);
  const block = lineageBlock(size);
  return [
    `insert into source (slug, url, title, kind, is_primary)
   select 'bench-source-' || i, 'https://bench.example/source/' || i, 'Bench source ' || i, 'webpage', false
   from generate_series(1, 100) i`,
    `insert into metric (slug, name, unit, higher_is_better) values
   ('bench-accuracy', 'Bench accuracy', 'percent', true), ('bench-error-rate', 'Bench error rate', 'percent', false)`,
    `insert into organization (slug, name, aliases, description, kind)
   select 'bench-org-' || i, initcap(w[1 + i % 37] || w[1 + (i * 7) % 37]) || ' Labs ' || i, array[upper(w[1 + i % 37]) || i],
          'Synthetic research organization ' || i || ' working on ' || w[1 + (i * 3) % 37] || ' models.', 'company'
   from generate_series(1, ${size.organizations}) i, (select ${SYLLABLES} as w) words`,
    `insert into model (slug, name, aliases, description, open_weights, parameter_count)
   select 'bench-model-' || i, initcap(w[1 + (i / 7) % 37] || w[1 + (i / 3) % 37]) || '-' || (1 + i % 9) || ' ' || (1 + i % 400) || 'B',
          array[initcap(w[1 + (i / 7) % 37]) || ' ' || i], 'Synthetic model ' || i || ' of the ' || w[1 + (i / 7) % 37] || ' family.',
          i % 3 > 0, (1 + i % 400)::bigint * 1000000000
   from generate_series(1, ${size.models}) i, (select ${SYLLABLES} as w) words`,
    // Release dates spread over nine years, deterministic, so orderings by release date are not primary-key orders.
    ...(releaseDates
      ? [`update model set release_date = date '2017-01-01' + (substr(slug, 13)::int * 3301) % 3287`]
      : []),
    `create temporary table bench_model as select substr(slug, 13)::int as n, id from model`,
    `create temporary table bench_org as select substr(slug, 11)::int as n, id from organization`,
    `insert into technique (slug, name, aliases, description, kind)
   select 'bench-technique-' || i, 'Technique ' || initcap(w[1 + i % 37]) || ' ' || i, array['T' || i], 'Synthetic technique ' || i, 'post_training'
   from generate_series(1, ${size.techniques}) i, (select ${SYLLABLES} as w) words`,
    `create temporary table bench_technique as select substr(slug, 17)::int as n, id from technique`,
    `update technique t set parent_technique_id = p.id from bench_technique c, bench_technique p
   where c.id = t.id and c.n > 20 and p.n = 1 + c.n % 20`,
    `insert into dataset (slug, name, description, is_benchmark, is_training_data, default_metric_id)
   select 'bench-dataset-' || i, 'Bench ' || initcap(w[1 + i % 37] || w[1 + (i / 37) % 37]) || ' ' || i, 'Synthetic dataset ' || i,
          i <= 800, i > 800, (select id from metric where slug = 'bench-accuracy')
   from generate_series(1, ${size.datasets}) i, (select ${SYLLABLES} as w) words`,
    `create temporary table bench_dataset as select substr(slug, 15)::int as n, id from dataset`,
    `update dataset d set parent_dataset_id = p.id from bench_dataset c, bench_dataset p
   where c.id = d.id and c.n % 10 = 0 and p.n = c.n - 1`,
    `insert into dataset_creator (dataset_id, organization_id)
   select d.id, o.id from bench_dataset d join bench_org o on o.n = 1 + d.n % ${size.organizations}`,
    `insert into model_developer (model_id, organization_id, position, source_id)
   select m.id, o.id, 0, (select id from source where slug = 'bench-source-1')
   from bench_model m join bench_org o on o.n = 1 + m.n % ${size.organizations}`,
    // Chains: a model derives from the one a block before it, except in the first block of each group of ten.
    `insert into model_lineage (model_id, base_model_id, kind, source_id)
   select c.id, b.id, (array['finetune', 'distillation', 'quantization', 'continued_pretraining'])[1 + c.n % 4]::lineage_kind,
          (select id from source where slug = 'bench-source-2')
   from bench_model c join bench_model b on b.n = c.n - ${block}
   where ((c.n - 1) / ${block}) % 10 <> 0`,
    // Merges: every 7th model (from the third block of a group on) also derives from a model two blocks back.
    `insert into model_lineage (model_id, base_model_id, kind, source_id)
   select c.id, b.id, 'merge', (select id from source where slug = 'bench-source-2')
   from bench_model c join bench_model b on b.n = c.n - 2 * ${block} - 1
   where c.n % 7 = 0 and ((c.n - 1) / ${block}) % 10 >= 2`,
    `insert into model_technique (model_id, technique_id, stage, source_id)
   select m.id, t.id, k, (select id from source where slug = 'bench-source-3')
   from bench_model m cross join generate_series(1, 3) k
   join bench_technique t on t.n = 1 + (m.n + (k - 1) * 67) % ${size.techniques}`,
    `insert into model_technique_dataset (model_technique_id, dataset_id)
   select mt.id, d.id from model_technique mt join bench_model m on m.id = mt.model_id
   join bench_dataset d on d.n = 801 + m.n % 200 where mt.stage = 1`,
    // Results: 10 per model on 800 benchmarks, 0 or 5 shots; a third first-party, the rest by 20 evaluators.
    `insert into benchmark_result (model_id, dataset_id, metric_id, value, reported_value, shots,
     evaluator_organization_id, evaluator_relationship, source_id, reported_on)
   select m.id, d.id, case when d.n % 5 = 0 then me.id else ma.id end,
          ((m.n * 37 + k * 101) % 1000) / 10.0, (((m.n * 37 + k * 101) % 1000) / 10.0)::text, (k % 2) * 5,
          case when k % 3 = 0 then dev.organization_id else o.id end,
          (case when k % 3 = 0 then 'first_party' else 'third_party' end)::evaluator_relationship,
          s.id, date '2025-01-01' + (k * 11 + m.n) % 300
   from bench_model m cross join generate_series(0, ${size.resultsPerModel - 1}) k
   join bench_dataset d on d.n = 1 + (m.n * 7 + k * 79) % 800
   join model_developer dev on dev.model_id = m.id
   join bench_org o on o.n = 1 + (m.n + k) % 20
   join source s on s.slug = 'bench-source-' || (1 + (k * 10 + m.n % 10) % 100)
   cross join (select id from metric where slug = 'bench-accuracy') ma
   cross join (select id from metric where slug = 'bench-error-rate') me`,
    // Claims: one per 25 models, each in a source's article; alternately "outperforms <model 800 on> on <a benchmark
    // both have results on>" (models 800 apart share their benchmarks and settings) and "has <its size>".
    `insert into claim (slug, source_id, ordinal, statement, predicate, subject_model_id, quantity, quantity_unit)
   select 'bench-claim-' || m.n, s.id, m.n / 25, 'Model ' || m.n || case when (m.n / 25) % 2 = 1
            then ' outperforms model ' || (case when m.n + 800 <= ${size.models} then m.n + 800 else m.n - 800 end)
            else ' has ' || (1 + m.n % 400) || 'B parameters' end,
          (case when (m.n / 25) % 2 = 1 then 'outperforms_on' else 'has_parameter_count' end)::claim_predicate, m.id,
          case when (m.n / 25) % 2 = 0 then (1 + m.n % 400)::float8 * 1e9 end, case when (m.n / 25) % 2 = 0 then 'parameters' end
   from bench_model m join source s on s.slug = 'bench-source-' || (1 + (m.n / 25) % 100)
   where m.n % 25 = 0`,
    `insert into claim_object (claim_id, position, model_id)
   select c.id, 0, o.id from claim c join bench_model m on m.id = c.subject_model_id
   join bench_model o on o.n = case when m.n + 800 <= ${size.models} then m.n + 800 else m.n - 800 end
   where c.predicate = 'outperforms_on'`,
    `insert into claim_object (claim_id, position, dataset_id)
   select c.id, 1, d.id from claim c join bench_model m on m.id = c.subject_model_id
   join bench_dataset d on d.n = 1 + (m.n * 7) % 800
   where c.predicate = 'outperforms_on'`,
    // Steady state: planner statistics, and the GIN indexes' pending lists merged (a bulk load leaves them full).
    `vacuum analyze`,
  ];
}
