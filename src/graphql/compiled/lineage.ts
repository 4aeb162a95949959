/**
 * `Model.ancestors` / `descendants` on the compiled query path: the model's walk through `model_lineage` as one
 * recursive subquery of the statement, which builds the relatives' JSON (their models, paths, hops) as the
 * selection asks, instead of a walk statement, a statement per type of entity behind it and a resolver per
 * field (src/graphql/types/graph.ts, src/analytics/lineage.ts). Same rows, same order: every path, breadth
 * first, at most `LINEAGE_LIMITS.maxPaths + 1` of them, then by depth, the relative's name, its id and the path.
 * A lineage over the limit, which the resolvers refuse with their error, makes the statement fail with a value
 * PostgreSQL cannot read (class 22), and the resolvers answer (plugin.ts).
 */
import { type SQL, sql } from 'drizzle-orm';
import { LINEAGE_LIMITS } from '../../analytics/lineage.ts';
import { model, modelLineage, source } from '../../db/schema.ts';
import { NotCompilable } from './selection.ts';
import {
  byId,
  type Catalog,
  columnJson,
  derived,
  expression,
  type FieldContext,
  globalIdOf,
  objectJson,
  objectTypeOf,
} from './sql-json.ts';

const walkOf =
  (up: boolean) =>
  (context: FieldContext): SQL => {
    const { scope, row } = context;
    const maxDepth = context.args.maxDepth ?? LINEAGE_LIMITS.defaultDepth;
    // Out of range: the resolvers' error.
    if (typeof maxDepth !== 'number' || !Number.isSafeInteger(maxDepth)) throw new NotCompilable('maxDepth');
    if (maxDepth < 1 || maxDepth > LINEAGE_LIMITS.maxDepth) throw new NotCompilable('maxDepth out of range');
    const walk = scope.name();
    const relative = scope.name();
    const m = scope.name();
    const column = (alias: string, name: string) => sql.raw(`"${alias}"."${name}"`);
    const fields = derived({
      modelId: column(relative, 'model_id'),
      depth: column(relative, 'depth'),
      hops: column(relative, 'hops'),
    });
    const json = objectJson(scope, objectTypeOf(context.field.type), context.nodes, fields);
    // Ancestors follow an edge from the derived model to its base, descendants the other way (each uses its index).
    const [from, to] = up ? ['model_id', 'base_model_id'] : ['base_model_id', 'model_id'];
    const w = sql.raw(`"${walk}"`);
    const paths = LINEAGE_LIMITS.maxPaths;
    return sql`(with recursive ${w}(model_id, depth, visited, hops) as (
        select ${row.id}, 0, array[${row.id}], array[]::integer[]
        union all
        select l.${sql.raw(to)}, ${w}.depth + 1, ${w}.visited || l.${sql.raw(to)}, ${w}.hops || l.id
        from ${w} join ${modelLineage} l on l.${sql.raw(from)} = ${w}.model_id
        where ${w}.depth < ${sql.raw(String(maxDepth))} and l.${sql.raw(to)} <> all (${w}.visited)
      )
      select case when count(*) > ${sql.raw(String(paths))}
        then (${`lineage over ${paths} paths, left to the resolvers: `} || count(*))::int::text::json
        else coalesce(json_agg(${json} order by ${column(relative, 'depth')}, ${column(m, 'name')} collate "C",
          ${column(relative, 'model_id')}, ${column(relative, 'hops')}), '[]'::json) end
      from (select * from ${w} where depth > 0 limit ${sql.raw(String(paths + 1))}) ${sql.raw(`"${relative}"`)}
      join ${model} ${sql.raw(`"${m}"`)} on ${column(m, 'id')} = ${column(relative, 'model_id')})`;
  };

/** The hops of a relative's path, in order, each a row of `model_lineage`. */
function pathJson(context: FieldContext): SQL {
  const { scope } = context;
  const hop = scope.from(modelLineage);
  const position = sql.raw(`"${scope.name()}"`);
  const json = objectJson(scope, objectTypeOf(context.field.type), context.nodes, hop.row);
  return sql`coalesce((select json_agg(${json} order by ${position}.n)
    from unnest(${expression(context.row, 'hops')}) with ordinality ${position}(id, n)
    join ${hop.source} on ${hop.row.id} = ${position}.id), '[]'::json)`;
}

export const lineageCatalog: Catalog = {
  Model: { ancestors: walkOf(true), descendants: walkOf(false) },
  LineageRelative: { model: byId(model, 'modelId'), path: pathJson },
  LineageHop: {
    derivationId: ({ row }) => globalIdOf(sql.raw(`'Derivation:'`), expression(row, 'id')),
    kind: (context) => columnJson(context.field.type, expression(context.row, 'kind')),
    model: byId(model, 'modelId'),
    baseModel: byId(model, 'baseModelId'),
    source: byId(source, 'sourceId'),
  },
};
