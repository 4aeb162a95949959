/**
 * Analyst queries: counts grouped in the database (models per organization, country, license category,
 * architecture, technique or release year; results per evaluator, source...), technique adoption per release
 * year, and the best scores at one comparable set of results (per organization, over time, against size).
 * The SQL is in src/analytics/aggregates.ts and best-scores.ts: one statement per aggregate.
 */
import {
  type AdoptionYear,
  type GroupRow,
  type ModelGrouping,
  type ResultGrouping,
  type TechniqueAdoption,
  countModels,
  countResults,
  techniqueAdoption,
} from '../../analytics/aggregates.ts';
import {
  type OrganizationBest,
  type ParetoPoint,
  type RecordPoint,
  bestByOrganization,
  paretoFrontier,
  stateOfTheArt,
} from '../../analytics/best-scores.ts';
import { type Comparability, resolveComparability } from '../../analytics/comparability.ts';
import type { AppDb } from '../../db/client.ts';
import { benchmarkResult, model } from '../../db/schema.ts';
import { builder } from '../builder.ts';
import { NotFoundError } from '../../errors.ts';
import { InputError } from '../errors.ts';
import { BenchmarkResultFilter, resultCondition } from './benchmark-result.ts';
import { ComparabilityRef, comparabilityArgs, EvaluationSettingInput } from './comparison.ts';
import { ModelFilter, modelCondition } from './model.ts';
import { taskEnumValue } from './task.ts';
import { knownTasks } from '../../import/identity/tasks.ts';

// ---------------------------------------------------------------------------------------------------------
// Rows known by id

/**
 * A row known only by its primary key. The aggregate SQL returns ids; plugin-drizzle then loads the columns and
 * relations the query selects with its fallback query: one batched statement per table and selection, however
 * many rows there are. Typed `never` because the row is deliberately partial: the plugin completes it.
 */
function byId(id: number): never {
  return { id } as never;
}

// ---------------------------------------------------------------------------------------------------------
// Group counts

const GroupOrderEnum = builder.enumType('GroupOrder', {
  description: 'Order of the groups of a count. The group of rows without a value (key null) always comes last.',
  values: {
    COUNT: { value: 'count', description: 'Largest groups first; equal counts by key.' },
    KEY: {
      value: 'key',
      description: 'By key in its natural order: years ascending, enum values as declared, slugs and codes A to Z.',
    },
  } as const,
});

type Group = GroupRow & { label: string };

const GroupCountRef = builder.objectRef<Group>('GroupCount').implement({
  description: 'One group of a count: its key, a label for display, the number of rows in it and their share.',
  fields: (t) => ({
    key: t.exposeString('key', {
      nullable: true,
      description:
        'What the rows of the group share, as a filter accepts it: a slug, an ISO country code, an enum value (e.g. "RESTRICTIVE") or a year. Null for the rows that have no value (no license, undisclosed architecture, no release date...).',
    }),
    label: t.exposeString('label', {
      description: 'Display name of the group: an entity’s name, a country’s English name, a readable enum value.',
    }),
    count: t.exposeInt('count', { description: 'Number of rows in the group.' }),
    share: t.float({
      description:
        'count / the number of rows counted, between 0 and 1. When a row can fall in several groups (a model with several developers or techniques), shares add up to more than 1.',
      resolve: (g) => g.count / g.total,
    }),
  }),
});

const ModelGroupByEnum = builder.enumType('ModelGroupBy', {
  description: 'What to group models by.',
  values: {
    ORGANIZATION: {
      value: 'organization',
      description: 'Developer organization (key: slug). A model with several developers counts for each.',
    },
    COUNTRY: {
      value: 'country',
      description:
        'Country of the developer organizations (key: ISO 3166-1 alpha-2). A model counts once per distinct country of its developers.',
    },
    LICENSE_CATEGORY: {
      value: 'licenseCategory',
      description: 'Category of the model’s license (key: LicenseCategory).',
    },
    ARCHITECTURE: { value: 'architecture', description: 'Dense or mixture of experts (key: ArchitectureKind).' },
    TECHNIQUE: {
      value: 'technique',
      description: 'Techniques the model was built with (key: slug). A model counts once per technique it uses.',
    },
    RELEASE_YEAR: { value: 'releaseYear', description: 'Year of public release (key: the year, e.g. "2025").' },
    LANGUAGE: {
      value: 'language',
      description:
        'Languages the model supports, by any source (key: the language slug, e.g. "ja"). A model counts once per language.',
    },
    TASK: { value: 'task', description: 'The model’s primary task (key: Task, e.g. "TEXT_GENERATION").' },
    INPUT_MODALITY: {
      value: 'inputModality',
      description: 'What the model takes in (key: Modality). A model counts once per input modality.',
    },
    OUTPUT_MODALITY: {
      value: 'outputModality',
      description: 'What the model gives out (key: Modality). A model counts once per output modality.',
    },
  } as const,
});

const ResultGroupByEnum = builder.enumType('ResultGroupBy', {
  description: 'What to group benchmark results by.',
  values: {
    EVALUATOR: { value: 'evaluator', description: 'Organization that ran the evaluation (key: slug).' },
    EVALUATOR_RELATIONSHIP: {
      value: 'evaluatorRelationship',
      description: 'First or third party (key: EvaluatorRelationship).',
    },
    SOURCE: { value: 'source', description: 'Where the result was published (key: slug; label: the title).' },
    DATASET: { value: 'dataset', description: 'The benchmark (key: slug).' },
  } as const,
});

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Labels of enum values, keyed by their database value. */
const enumLabels: Record<string, string> = {
  permissive: 'Permissive',
  copyleft: 'Copyleft',
  restrictive: 'Restrictive',
  non_commercial: 'Non-commercial',
  proprietary: 'Proprietary',
  dense: 'Dense',
  moe: 'Mixture of experts',
  first_party: 'First party',
  third_party: 'Third party',
  unknown: 'Relationship not stated',
  text: 'Text',
  image: 'Image',
  audio: 'Audio',
  video: 'Video',
  tabular: 'Tabular',
  time_series: 'Time series',
  three_d: '3D',
  embedding: 'Embedding',
  label: 'Label',
};

type Grouping = ModelGrouping | ResultGrouping;

/** Label of the group of rows without a value. */
const noValueLabels: Record<Grouping, string> = {
  organization: 'No developer recorded',
  country: 'Country unknown',
  licenseCategory: 'No license recorded',
  architecture: 'Architecture undisclosed',
  technique: 'No technique recorded',
  releaseYear: 'Release date unknown',
  language: 'No language recorded',
  task: 'No task recorded',
  inputModality: 'No input modality recorded',
  outputModality: 'No output modality recorded',
  evaluator: 'Evaluator not stated',
  evaluatorRelationship: 'Relationship unknown',
  source: 'No source',
  dataset: 'No dataset',
};

const enumGroupings = new Set<Grouping>([
  'licenseCategory',
  'architecture',
  'evaluatorRelationship',
  'inputModality',
  'outputModality',
]);

/** Tasks by pipeline tag, for the task groups' keys (the Task enum value) and labels (the registry's name). */
const taskNames = new Map(knownTasks().map((entry) => [entry.task, entry.name]));

/** Key and label as the API shows them: enum keys are GraphQL enum values (upper case). */
function presentGroups(groups: GroupRow[], grouping: Grouping): Group[] {
  return groups.map((g) => {
    if (g.key === null) return { ...g, label: noValueLabels[grouping] };
    if (enumGroupings.has(grouping)) return { ...g, key: g.key.toUpperCase(), label: enumLabels[g.key] ?? g.key };
    if (grouping === 'country') return { ...g, label: countryNames.of(g.key) ?? g.key };
    if (grouping === 'task') return { ...g, key: taskEnumValue(g.key), label: taskNames.get(g.key) ?? g.key };
    return { ...g, label: g.name ?? g.key };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Technique adoption

/** A series whose technique exists (the resolver turns an unknown slug into NOT_FOUND first). */
type Adoption = TechniqueAdoption & { techniqueId: number };

const TechniqueAdoptionYearRef = builder.objectRef<AdoptionYear>('TechniqueAdoptionYear').implement({
  description: 'Adoption of a technique in one release year.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'Release year.' }),
    models: t.exposeInt('models', { description: 'Models released that year and built with the technique.' }),
    released: t.exposeInt('released', { description: 'Models released that year (matching the filter), in all.' }),
    share: t.float({
      nullable: true,
      description: 'models / released, between 0 and 1; null in a year without releases.',
      resolve: (y) => (y.released === 0 ? null : y.models / y.released),
    }),
  }),
});

const TechniqueAdoptionRef = builder.objectRef<Adoption>('TechniqueAdoption').implement({
  description: 'How many models used a technique, per release year: a series for a chart.',
  fields: (t) => ({
    technique: t.drizzleField({
      type: 'technique',
      description: 'The technique.',
      resolve: (_query, a) => byId(a.techniqueId),
    }),
    models: t.exposeInt('models', { description: 'Models built with the technique over the years of the series.' }),
    undated: t.exposeInt('undated', {
      description: 'Models built with the technique whose release date is unknown: in no year of the series.',
    }),
    years: t.field({
      type: [TechniqueAdoptionYearRef],
      description: 'One entry per year from `from` to `to`, years without releases included (with zeros).',
      resolve: (a) => a.years,
    }),
  }),
});

/** Release years the API accepts, as the database's checks on years. */
const YEARS = { min: 1900, max: 2100 } as const;

function checkYear(value: number | null | undefined, argument: string): number | null {
  if (value == null) return null;
  if (value < YEARS.min || value > YEARS.max) {
    throw new InputError(`"${argument}" must be a year between ${YEARS.min} and ${YEARS.max}.`, argument);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Best scores at one comparable set

type Scoped<T> = T & { comparability: Comparability };

const OrganizationBestScoreRef = builder.objectRef<OrganizationBest>('OrganizationBestScore').implement({
  description: 'An organization’s best model at one comparable set of results.',
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: 'Position among organizations; equal values share a rank (1, 1, 3).' }),
    organization: t.drizzleField({
      type: 'organization',
      description: 'The organization (a developer of the model).',
      resolve: (_query, b) => byId(b.organizationId),
    }),
    model: t.drizzleField({
      type: 'model',
      description: 'The organization’s best model here.',
      resolve: (_query, b) => byId(b.modelId),
    }),
    value: t.exposeFloat('value', { description: 'The model’s score, in the metric’s unit.' }),
    result: t.drizzleField({
      type: 'benchmarkResult',
      description: 'The result behind the score: the model’s preferred one when several sources report it.',
      resolve: (_query, b) => byId(b.resultId),
    }),
    modelsEvaluated: t.exposeInt('modelsEvaluated', {
      description: 'Number of the organization’s models with a result in this comparable set.',
    }),
  }),
});

const OrganizationBestScoresRef = builder
  .objectRef<Scoped<{ entries: OrganizationBest[] }>>('OrganizationBestScores')
  .implement({
    description:
      'Each organization’s best model at one comparable set of results, best first. Every model counts with its preferred result (when sources disagree: the run covering the most models, then a third party, then the newest).',
    fields: (t) => ({
      comparability: t.field({
        type: ComparabilityRef,
        description: 'The dataset, metric and setting compared.',
        resolve: (s) => s.comparability,
      }),
      entries: t.field({
        type: [OrganizationBestScoreRef],
        description: 'One entry per organization, best first; ties by organization slug.',
        resolve: (s) => s.entries,
      }),
    }),
  });

const DateBasisEnum = builder.enumType('DateBasis', {
  description: 'Where the date of a point of a time series comes from.',
  values: {
    REPORTED: { value: 'reported', description: 'The date the result was published (`reportedOn`).' },
    RELEASE: {
      value: 'release',
      description: 'The result gives no date: the model’s release date stands in for it.',
    },
  } as const,
});

const StateOfTheArtPointRef = builder.objectRef<RecordPoint>('StateOfTheArtPoint').implement({
  description: 'A result that beat every earlier one: a step of the state-of-the-art series.',
  fields: (t) => ({
    date: t.expose('date', { type: 'Date', description: 'When the new best was reached.' }),
    dateBasis: t.expose('dateBasis', { type: DateBasisEnum, description: 'Where `date` comes from.' }),
    value: t.exposeFloat('value', { description: 'The new best score, in the metric’s unit.' }),
    improvement: t.exposeFloat('improvement', {
      nullable: true,
      description: 'How much better than the previous best, in the metric’s unit; null for the first point.',
    }),
    model: t.drizzleField({
      type: 'model',
      description: 'The model that reached it.',
      resolve: (_query, p) => byId(p.modelId),
    }),
    result: t.drizzleField({
      type: 'benchmarkResult',
      description: 'The result, with its source.',
      resolve: (_query, p) => byId(p.resultId),
    }),
  }),
});

const StateOfTheArtRef = builder
  .objectRef<Scoped<{ points: RecordPoint[]; results: number; undatedResults: number }>>('StateOfTheArt')
  .implement({
    description:
      'The best score at one comparable set of results as it stood over time: a step series, one point each time the best improved. Every result counts (all sources), dated by its `reportedOn`, else by the model’s release date. On one date only the best result of the day can make a point, and a tie does not.',
    fields: (t) => ({
      comparability: t.field({
        type: ComparabilityRef,
        description: 'The dataset, metric and setting of the series.',
        resolve: (s) => s.comparability,
      }),
      points: t.field({
        type: [StateOfTheArtPointRef],
        description: 'The improvements, oldest first.',
        resolve: (s) => s.points,
      }),
      results: t.exposeInt('results', { description: 'Results considered, dated or not.' }),
      undatedResults: t.exposeInt('undatedResults', {
        description: 'Results left out because neither they nor their model have a date.',
      }),
    }),
  });

const ParetoPointRef = builder.objectRef<ParetoPoint>('ParetoPoint').implement({
  description: 'A model’s score and size at one comparable set of results.',
  fields: (t) => ({
    model: t.drizzleField({ type: 'model', description: 'The model.', resolve: (_query, p) => byId(p.modelId) }),
    parameterCount: t.expose('parameterCount', {
      type: 'SafeInt',
      nullable: true,
      description: 'Total parameters (all experts of a mixture of experts); null when undisclosed.',
    }),
    value: t.exposeFloat('value', { description: 'The model’s score, in the metric’s unit.' }),
    result: t.drizzleField({
      type: 'benchmarkResult',
      description: 'The result behind the score: the model’s preferred one when several sources report it.',
      resolve: (_query, p) => byId(p.resultId),
    }),
    dominates: t.exposeInt('dominates', {
      nullable: true,
      description: 'Number of models this one dominates; null when its size is undisclosed.',
    }),
    dominatedBy: t.exposeInt('dominatedBy', {
      nullable: true,
      description: 'Number of models that dominate this one (0 on the frontier); null when its size is undisclosed.',
    }),
  }),
});

const ParetoFrontierRef = builder
  .objectRef<Scoped<{ frontier: ParetoPoint[]; dominated: ParetoPoint[]; undisclosedSize: ParetoPoint[] }>>(
    'ParetoFrontier',
  )
  .implement({
    description:
      'Score against total parameter count at one comparable set of results, one preferred result per model. A model is dominated when another scores at least as well with at most as many parameters and is strictly better on one of the two; the frontier is the models no other dominates.',
    fields: (t) => ({
      comparability: t.field({
        type: ComparabilityRef,
        description: 'The dataset, metric and setting compared.',
        resolve: (s) => s.comparability,
      }),
      frontier: t.field({
        type: [ParetoPointRef],
        description: 'The models no other dominates, smallest first.',
        resolve: (s) => s.frontier,
      }),
      dominatedCount: t.int({
        description: 'Number of models of known size that another model dominates.',
        resolve: (s) => s.dominated.length,
      }),
      dominated: t.field({
        type: [ParetoPointRef],
        description: 'The dominated models, smallest first: with `frontier`, every model of known size.',
        resolve: (s) => s.dominated,
      }),
      undisclosedSize: t.field({
        type: [ParetoPointRef],
        description: 'Models whose parameter count is undisclosed, best score first: they cannot be placed.',
        resolve: (s) => s.undisclosedSize,
      }),
    }),
  });

// ---------------------------------------------------------------------------------------------------------
// Root fields

type ComparableArgs = {
  dataset: string;
  metric: string;
  setting?: typeof EvaluationSettingInput.$inferInput | null | undefined;
  filter?: typeof ModelFilter.$inferInput | null | undefined;
};

/** The one comparable set the arguments name (NOT_FOUND or BAD_USER_INPUT otherwise), and the models in scope. */
async function comparableScope(db: AppDb, args: ComparableArgs) {
  const condition = modelCondition(model, args.filter);
  const comparability = await resolveComparability(db, args);
  return { comparability, condition };
}

builder.queryFields((t) => {
  /** The arguments that name one comparable set of results, and an optional restriction of the models. */
  const comparable = () =>
    comparabilityArgs(t.arg, {
      setting: 'Picks the setting when the dataset and metric have results in several; the error lists them otherwise.',
      filter:
        'Only models matching these conditions are considered (e.g. `{ openWeights: true }`); preferred results are chosen among them.',
    });
  return {
    modelStats: t.field({
      type: [GroupCountRef],
      description:
        'Models counted per organization, country, license category, architecture, technique or release year, in one SQL statement. Models without a value (no license, unknown country...) form a group with a null key.',
      args: {
        groupBy: t.arg({ type: ModelGroupByEnum, required: true, description: 'What to group the models by.' }),
        filter: t.arg({ type: ModelFilter, description: 'Only models matching these conditions are counted.' }),
        order: t.arg({ type: GroupOrderEnum, defaultValue: 'count', description: 'Order of the groups.' }),
      },
      resolve: async (_root, args, ctx) =>
        presentGroups(
          await countModels(ctx.db, modelCondition(model, args.filter), args.groupBy, args.order ?? 'count'),
          args.groupBy,
        ),
    }),
    resultStats: t.field({
      type: [GroupCountRef],
      description:
        'Benchmark results counted per evaluator, evaluator relationship, source or dataset, in one SQL statement. Results whose evaluator is not stated form a group with a null key.',
      args: {
        groupBy: t.arg({ type: ResultGroupByEnum, required: true, description: 'What to group the results by.' }),
        filter: t.arg({
          type: BenchmarkResultFilter,
          description: 'Only results matching these conditions are counted.',
        }),
        order: t.arg({ type: GroupOrderEnum, defaultValue: 'count', description: 'Order of the groups.' }),
      },
      resolve: async (_root, args, ctx) =>
        presentGroups(
          await countResults(
            ctx.db,
            resultCondition(benchmarkResult, args.filter),
            args.groupBy,
            args.order ?? 'count',
          ),
          args.groupBy,
        ),
    }),
    techniqueAdoption: t.field({
      type: [TechniqueAdoptionRef],
      description:
        'Per technique, the number of models built with it in each release year, beside the number of models released that year. Counts direct uses: a model trained with GRPO does not count for PPO, which GRPO specializes. Errors with NOT_FOUND for an unknown technique.',
      args: {
        techniques: t.arg.stringList({
          description:
            'Technique slugs, in the order wanted (e.g. ["sft", "dpo", "rlvr"]); every technique by slug when omitted.',
        }),
        from: t.arg.int({ description: 'First year of the series; the first release year in scope when omitted.' }),
        to: t.arg.int({ description: 'Last year of the series; the last release year in scope when omitted.' }),
        filter: t.arg({ type: ModelFilter, description: 'Only models matching these conditions are counted.' }),
      },
      resolve: async (_root, args, ctx) => {
        if (args.techniques?.length === 0) {
          throw new InputError('"techniques" must list at least one technique (or be left out for all).', 'techniques');
        }
        const from = checkYear(args.from, 'from');
        const to = checkYear(args.to, 'to');
        if (from !== null && to !== null && from > to) {
          throw new InputError(`"from": the year ${from} is after "to", ${to}.`, 'from');
        }
        const slugs = args.techniques ? [...new Set(args.techniques)] : null;
        const series = await techniqueAdoption(ctx.db, {
          condition: modelCondition(model, args.filter),
          slugs,
          from,
          to,
        });
        const unknown = series.find((s) => s.techniqueId === null);
        if (unknown) throw new NotFoundError('Technique', 'slug', unknown.slug);
        return series.filter((s): s is Adoption => s.techniqueId !== null);
      },
    }),
    bestScoreByOrganization: t.field({
      type: OrganizationBestScoresRef,
      description:
        'For one dataset, metric and setting, each organization’s best model and its score, best first (the metric’s direction decides). Errors with NOT_FOUND for an unknown dataset or metric, and with BAD_USER_INPUT (listing the settings) when `setting` does not pick exactly one.',
      args: comparable(),
      resolve: async (_root, args, ctx) => {
        const { comparability, condition } = await comparableScope(ctx.db, args);
        return { comparability, entries: await bestByOrganization(ctx.db, { key: comparability.key, condition }) };
      },
    }),
    stateOfTheArt: t.field({
      type: StateOfTheArtRef,
      description:
        'For one dataset, metric and setting, the best score as it stood at each date: a step series for a chart, one point each time the best improved. Errors with NOT_FOUND for an unknown dataset or metric, and with BAD_USER_INPUT (listing the settings) when `setting` does not pick exactly one.',
      args: comparable(),
      resolve: async (_root, args, ctx) => {
        const { comparability, condition } = await comparableScope(ctx.db, args);
        return { comparability, ...(await stateOfTheArt(ctx.db, { key: comparability.key, condition })) };
      },
    }),
    paretoFrontier: t.field({
      type: ParetoFrontierRef,
      description:
        'For one dataset, metric and setting, the models no other beats on both score and size (total parameters), smallest first, with the dominated ones and those of undisclosed size apart. Errors with NOT_FOUND for an unknown dataset or metric, and with BAD_USER_INPUT (listing the settings) when `setting` does not pick exactly one.',
      args: comparable(),
      resolve: async (_root, args, ctx) => {
        const { comparability, condition } = await comparableScope(ctx.db, args);
        return { comparability, ...(await paretoFrontier(ctx.db, { key: comparability.key, condition })) };
      },
    }),
  };
});
