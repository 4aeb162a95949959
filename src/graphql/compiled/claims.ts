/**
 * `Claim.verdict` on the compiled query path. A verdict's checks are rules written in TypeScript
 * (src/analytics/claims.ts), not SQL: the statement reads each claim's facts (`claimFactsJson`, the subquery the
 * resolvers' loader runs as a statement of its own) next to the claim's other fields, and Node computes the
 * verdict from them with the resolvers' own function (`verdictsOf`) and writes the fields the selection asks for,
 * as graphql-js would (enums by name, in selection order). So a page of claims with their verdicts is one
 * statement, without the page query, the facts query and a resolver per field. Fields of a check that are
 * entities (`results`, `sources`) are left to the resolvers.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type FieldNode, type GraphQLObjectType, getNamedType, isLeafType, isListType, getNullableType } from 'graphql';
import { claimFactsJson, type FactsJson } from '../../analytics/claim-facts.ts';
import { type Check, type Verdict, verdictsOf } from '../../analytics/claims.ts';
import { collectFields, NotCompilable, subSelections } from './selection.ts';
import { type Catalog, type FieldContext, objectTypeOf, type Scope } from './sql-json.ts';

/** How a field of a computed object is read from its source: a value, or an object (or list) with its own fields. */
type Reader<T> = { read: (source: T) => unknown; fields?: Readers<never> };
type Readers<T> = Readonly<Record<string, Reader<T>>>;

const CHECK_FIELDS: Readers<Check> = {
  description: { read: (check) => check.description },
  outcome: { read: (check) => check.outcome },
  expected: { read: (check) => check.expected },
  actual: { read: (check) => check.actual },
};

const VERDICT_FIELDS: Readers<Verdict> = {
  verdict: { read: (verdict) => verdict.verdict },
  summary: { read: (verdict) => verdict.summary },
  checks: { read: (verdict) => verdict.checks, fields: CHECK_FIELDS as Readers<never> },
};

/**
 * The function writing the response object of `type` that `nodes` select, from a source value: leaves
 * serialized by their GraphQL type (an enum's internal value to its name), objects and lists by their own fields.
 */
function projection<T>(
  scope: Scope,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
  readers: Readers<T>,
): (source: T) => Record<string, unknown> {
  const fields = collectFields(type, subSelections(nodes), scope.fragments, scope.variables);
  const writers = [...fields].map(([key, group]): [string, (source: T) => unknown] => {
    const name = group[0]!.name.value;
    if (name === '__typename') return [key, () => type.name];
    const field = type.getFields()[name];
    const reader = readers[name];
    if (!field || !reader || field.args.length > 0) throw new NotCompilable(`${type.name}.${name}`);
    const named = getNamedType(field.type);
    if (reader.fields) {
      const child = projection(scope, objectTypeOf(field.type), group, reader.fields as Readers<unknown>);
      const list = isListType(getNullableType(field.type));
      return [
        key,
        (source) => {
          const value = reader.read(source);
          if (value === null || value === undefined) return null;
          return list ? (value as unknown[]).map(child) : child(value);
        },
      ];
    }
    if (!isLeafType(named)) throw new NotCompilable(`${type.name}.${name}`);
    return [
      key,
      (source) => {
        const value = reader.read(source);
        return value === null || value === undefined ? null : named.serialize(value);
      },
    ];
  });
  return (source) => {
    const object: Record<string, unknown> = {};
    for (const [key, write] of writers) object[key] = write(source);
    return object;
  };
}

/** The claim's verdict: its facts read by the statement, the verdict computed and written in Node. */
function verdictJson(context: FieldContext): SQL {
  const { scope, row, nodes, field } = context;
  const write = projection(scope, objectTypeOf(field.type), nodes, VERDICT_FIELDS);
  return scope.transformed(
    (facts) => {
      // The facts of this one claim, read in the same snapshot as its row: its verdict is the only one.
      const [verdict] = verdictsOf(facts as FactsJson).values();
      return verdict ? write(verdict) : null;
    },
    sql`(${claimFactsJson(sql`array[${row.id}]`)})`,
  );
}

export const claimsCatalog: Catalog = { Claim: { verdict: verdictJson } };
