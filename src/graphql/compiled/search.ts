/**
 * `Query.search` on the compiled query path: the resolver's own statement (`searchQuery`, src/analytics/search.ts)
 * as a subquery, its hits built as JSON in SQL. The text is a parameter and the rest of the statement is fixed by
 * the types and `first`, so the statement stays prepared whatever is searched for. Arguments the resolver refuses
 * are refused here too (`searchArguments` throws), and the resolvers answer with their error. `SearchHit.entity`
 * (an interface) is not compiled.
 */
import { type SQL, sql } from 'drizzle-orm';
import { searchQuery } from '../../analytics/search.ts';
import { entities, KIND_OF_SEARCHABLE, type SearchableType } from '../../db/entities.ts';
import { searchArguments } from '../types/search.ts';
import {
  type Catalog,
  columnJson,
  derived,
  expression,
  type FieldContext,
  globalIdOf,
  objectJson,
  objectTypeOf,
} from './sql-json.ts';

function searchJson(context: FieldContext): SQL {
  const { scope } = context;
  const { text, types, first } = searchArguments(
    context.args as { text: string; types?: SearchableType[] | null; first?: number | null },
  );
  const hits = sql.raw(`"${scope.name()}"`);
  const column = (name: string) => sql`${hits}.${sql.raw(`"${name}"`)}`;
  const result = derived({
    totalCount: sql`coalesce(max(${column('total')}), 0)`,
    exhaustive: sql`not coalesce(bool_or(${column('capped')}), false)`,
    // For `hits`: each hit's columns, and their order (the statement's).
    type: column('type'),
    id: column('id'),
    slug: column('slug'),
    name: column('name'),
    score: column('score'),
    field: column('field'),
    text: column('text'),
    order: sql`${column('score')} desc, ${column('name')} collate "C", ${column('type')}, ${column('id')}`,
  });
  const json = objectJson(scope, objectTypeOf(context.field.type), context.nodes, result);
  const query = searchQuery({ text, types, first: sql.raw(String(first)) });
  // Grouped by nothing: one object whatever the number of hits, even for a selection without an aggregate.
  return sql`(select ${json} from (${query}) ${hits} group by ())`;
}

/** The hits, best first, from the columns of the rows `searchJson` reads. */
function hitsJson(context: FieldContext): SQL {
  const { row } = context;
  const json = objectJson(context.scope, objectTypeOf(context.field.type), context.nodes, row);
  return sql`coalesce(json_agg(${json} order by ${expression(row, 'order')}), '[]'::json)`;
}

/** The GraphQL type name of each searchable type, for the hits' global IDs. */
const typeNames = Object.entries(KIND_OF_SEARCHABLE)
  .map(([type, kind]) => `when '${type}' then '${entities[kind].typeName}:'`)
  .join(' ');

export const searchCatalog: Catalog = {
  Query: { search: searchJson },
  SearchResults: { hits: hitsJson },
  SearchHit: {
    entityId: ({ row }) =>
      globalIdOf(sql`(case ${expression(row, 'type')} ${sql.raw(typeNames)} end)`, expression(row, 'id')),
    type: (context) => columnJson(context.field.type, expression(context.row, 'type')),
    matchedField: (context) => columnJson(context.field.type, expression(context.row, 'field')),
  },
};
