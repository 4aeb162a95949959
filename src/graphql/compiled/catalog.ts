/**
 * The fields of the compiled query path that have their own logic: root lookups and connections, list
 * relations with their order, and computed fields. Each one builds the same rows, in the same order, as its
 * resolver in src/graphql/types/ (whose conditions and orders it reuses); test/compiled-queries.test.ts
 * compares the two paths' answers. A field missing here (and not a plain column or to-one relation) is
 * answered by the ordinary executor.
 */
import { type SQL, and, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  benchmarkResult,
  claim,
  model,
  modelDeveloper,
  modelExternalId,
  modelLineage,
  modelTechnique,
  organization,
} from '../../db/schema.ts';
import { benchmarkResultOrder, resultCondition, resultSortKeys } from '../types/benchmark-result.ts';
import { claimCondition, claimOrder } from '../types/claim.ts';
import {
  MODEL_LIST_ORDERS,
  MODEL_RESULTS_ORDER,
  modelCondition,
  modelOrder,
  modelResultsCondition,
  modelSortKeys,
} from '../types/model.ts';
import {
  ORGANIZATION_MODELS_ORDER,
  organizationCondition,
  organizationOrder,
  organizationSortKeys,
} from '../types/organization.ts';
import {
  type Catalog,
  type FieldCompiler,
  type FieldContext,
  connectionJson,
  listJson,
  objectJson,
  objectTypeOf,
  orderKeys,
  type Row,
  singleJson,
} from './sql-json.ts';
import { leadOrganizationJson } from './lead-organization.ts';
import { claimsCatalog } from './claims.ts';
import { compareCatalog } from './compare.ts';
import { graphCatalog } from './graph.ts';
import { leaderboardCatalog } from './leaderboard.ts';
import { lineageCatalog } from './lineage.ts';
import { searchCatalog } from './search.ts';

/** Arguments as coerced by graphql-js, typed by the resolver functions they are passed to. */
type Args = { filter: never; orderBy: never };

/** `Query.<entity>(slug)`: null (not found) is left to the resolver, which answers NOT_FOUND. */
function bySlug(table: PgTable & { slug: unknown }): FieldCompiler {
  return (context) => {
    context.scope.nullMeansFallback.push(context.responseKey);
    return singleJson(context.scope, context, table, (row) => sql`${row.slug} = ${context.args.slug}`);
  };
}

/** A root connection with a `filter` and an `orderBy` argument. */
function rootConnection<T extends PgTable>(
  table: T,
  condition: (row: T, filter: never) => SQL | undefined,
  order: { orderBy: (value: never) => Record<string, 'asc' | 'desc' | undefined> },
  sortKeys: Readonly<Record<string, (row: never) => SQL>>,
): FieldCompiler {
  return (context) => {
    const { filter, orderBy } = context.args as Args;
    return connectionJson(context.scope, context, {
      table,
      rows: (row) => ({ where: condition(row as unknown as T, filter) }),
      order: (row) => orderKeys(row, order.orderBy(orderBy), sortKeys),
    });
  };
}

/** A list relation: rows of `table` whose `foreignKey` is the parent's id, in `order`. */
function childList(table: PgTable, foreignKey: string, order: Readonly<Record<string, 'asc' | 'desc'>>): FieldCompiler {
  return (context) =>
    listJson(
      context.scope,
      context,
      table,
      (child) => sql`${child[foreignKey]} = ${context.row.id}`,
      (child) => orderKeys(child, order),
    );
}

/** A field whose object is built from the parent's own row (e.g. `BenchmarkResult.setting`). */
const sameRow: FieldCompiler = (context: FieldContext) =>
  objectJson(context.scope, objectTypeOf(context.field.type), context.nodes, context.row);

export const catalog: Catalog = {
  ...leaderboardCatalog,
  ...compareCatalog,
  ...graphCatalog,
  ...lineageCatalog,
  ...searchCatalog,
  ...claimsCatalog,
  Query: {
    ...searchCatalog.Query,
    ...leaderboardCatalog.Query,
    ...compareCatalog.Query,
    ...graphCatalog.Query,
    model: bySlug(model),
    organization: bySlug(organization),
    models: rootConnection(model, modelCondition, modelOrder, modelSortKeys),
    organizations: rootConnection(organization, organizationCondition, organizationOrder, organizationSortKeys),
    benchmarkResults: rootConnection(benchmarkResult, resultCondition, benchmarkResultOrder, resultSortKeys),
    claims: rootConnection(claim, claimCondition, claimOrder, {}),
  },
  Model: {
    ...leaderboardCatalog.Model,
    ...lineageCatalog.Model,
    organization: (context) => leadOrganizationJson(context, sql`${context.row.id}`),
    developers: childList(modelDeveloper, 'modelId', MODEL_LIST_ORDERS.developers),
    baseModels: childList(modelLineage, 'modelId', MODEL_LIST_ORDERS.lineage),
    derivatives: childList(modelLineage, 'baseModelId', MODEL_LIST_ORDERS.lineage),
    techniques: childList(modelTechnique, 'modelId', MODEL_LIST_ORDERS.techniques),
    externalIds: childList(modelExternalId, 'modelId', MODEL_LIST_ORDERS.externalIds),
    huggingfaceId: ({ row }) =>
      sql`(select ${modelExternalId.value} from ${modelExternalId} where ${modelExternalId.modelId} = ${row.id} and ${modelExternalId.namespace} = 'huggingface' order by ${modelExternalId.id} limit 1)`,
    results: (context) =>
      connectionJson(context.scope, context, {
        table: benchmarkResult,
        rows: (result) => ({
          where: and(
            sql`${result.modelId} = ${context.row.id}`,
            modelResultsCondition(result as unknown as typeof benchmarkResult, (context.args as Args).filter),
          ),
        }),
        order: (result) => orderKeys(result, MODEL_RESULTS_ORDER),
      }),
  },
  Organization: {
    // Through `model_developer`, newest first, as the `models` relation of the resolver.
    models: (context) =>
      connectionJson(context.scope, context, {
        table: model,
        rows: (developed: Row) => {
          const credit = context.scope.from(modelDeveloper);
          return {
            join: sql`join ${credit.source} on ${credit.row.modelId} = ${developed.id}`,
            where: sql`${credit.row.organizationId} = ${context.row.id}`,
          };
        },
        order: (developed) => orderKeys(developed, ORGANIZATION_MODELS_ORDER, modelSortKeys),
      }),
    modelCount: ({ row }) =>
      sql`(select count(*) from ${modelDeveloper} where ${modelDeveloper.organizationId} = ${row.id})`,
  },
  BenchmarkResult: { setting: sameRow },
};
