/**
 * A model's lead developer as the compiled path builds it: the first credit by position (then organization), as
 * the resolvers read `developers[0]` (`Model.organization`) and `leadOrganizationId` (`LeaderboardEntry.organization`).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { modelDeveloper, organization } from '../../db/schema.ts';
import { type FieldContext, objectJson, objectTypeOf } from './sql-json.ts';

export function leadOrganizationJson({ scope, nodes, field }: FieldContext, modelId: SQL | PgColumn): SQL {
  const credit = scope.from(modelDeveloper);
  const lead = scope.from(organization);
  const json = objectJson(scope, objectTypeOf(field.type), nodes, lead.row);
  return sql`(select ${json} from ${credit.source} join ${lead.source} on ${lead.row.id} = ${credit.row.organizationId} where ${credit.row.modelId} = ${modelId} order by ${credit.row.position} asc, ${credit.row.organizationId} asc limit 1)`;
}
