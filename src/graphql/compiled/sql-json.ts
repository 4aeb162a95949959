/**
 * Builds the JSON of a GraphQL selection in SQL: an object is one `json_build_object` over a row, a to-one
 * relation a scalar subquery, a list a `json_agg` in its order, a connection a page of `limit first (+1)` rows.
 * Plain fields are found from the schema itself (plugin-drizzle's exposed columns and to-one relations);
 * fields with their own logic are declared in catalog.ts. What is neither raises NotCompilable.
 */
import { decodeBase64, decodeCursorChunk, encodeBase64, encodeCursorChunk, encodeCursorTuple } from '@pothos/core';
import { type AnyRelation, type SQL, getTableColumns, getTableName, sql } from 'drizzle-orm';
import { type PgColumn, type PgTable, alias, getTableConfig } from 'drizzle-orm/pg-core';
import {
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  isObjectType,
  isScalarType,
} from 'graphql';
import type { DatabaseKind } from '../../db/client.ts';
import { relations } from '../../db/relations.ts';
import { checkConnectionArguments, DEFAULT_PAGE_SIZE } from '../pagination.ts';
import { collectFields, type Fragments, NotCompilable, subSelections, type Variables } from './selection.ts';

/** A table under an alias of this statement; columns are read by their TypeScript names. */
export type Row = PgTable & Record<string, PgColumn>;

/** What a catalog entry gets to build one field. */
export type FieldContext = {
  scope: Scope;
  row: Row;
  args: Record<string, unknown>;
  nodes: readonly FieldNode[];
  field: GraphQLField<unknown, unknown>;
  responseKey: string;
};

export type FieldCompiler = (context: FieldContext) => SQL;

/** Fields with their own logic, by type name and field name (catalog.ts). */
export type Catalog = Readonly<Record<string, Readonly<Record<string, FieldCompiler>>>>;

/** Scalars whose JSON from PostgreSQL is what their GraphQL serializer writes (a `date` is `YYYY-MM-DD`). */
const PASS_THROUGH_SCALARS = new Set(['String', 'Boolean', 'Int', 'Float', 'SafeInt', 'Date', 'CountryCode']);

/** `json_build_object` takes at most 100 arguments. */
const MAX_KEYS_PER_OBJECT = 50;

type TableConfig = { table: PgTable; name: string; relations: Record<string, AnyRelation> };
const tableConfigs = Object.values(relations as unknown as Record<string, TableConfig>);
const configByTable = new Map(tableConfigs.map((config) => [config.table, config]));

/** The TypeScript name of each column of a table, by column. */
const tsNames = new Map<PgColumn, string>();
for (const { table } of tableConfigs) {
  for (const [name, column] of Object.entries(getTableColumns(table))) tsNames.set(column as PgColumn, name);
}

function columnOf(row: Row, column: PgColumn): PgColumn {
  const name = tsNames.get(column);
  const aliased = name === undefined ? undefined : row[name];
  if (!aliased) throw new NotCompilable(`column ${column.name}`);
  return aliased;
}

/** One statement's state: its fragments and variables, and the aliases handed out so far. */
export class Scope {
  private aliases = 0;
  private readonly tables = new WeakMap<object, PgTable>();
  private readonly joinLists = new WeakMap<object, SQL[]>();
  /** Lists whose rows' JSON is being built: above 0, a FROM started now runs once per row of such a list. */
  private listDepth = 0;
  /** Root fields whose null means "not found": the ordinary executor answers those (with its error). */
  readonly nullMeansFallback: string[] = [];
  /** Whether the answer holds cursors to encode (`decodeMarkers`). */
  hasCursors = false;
  /**
   * What Node computes from data the statement reads, for fields whose logic is not SQL (a claim's verdict):
   * the answer holds `{"$mgx": [index, payload]}` there, which `decodeMarkers` replaces by `transforms[index]`
   * of the payload.
   */
  readonly transforms: ((payload: unknown) => unknown)[] = [];
  /** The operation's root fields by response key, once `rootJson` has read them. */
  rootFields: ReadonlyMap<string, readonly FieldNode[]> = new Map();

  constructor(
    readonly schema: GraphQLSchema,
    readonly catalog: Catalog,
    readonly fragments: Fragments,
    readonly variables: Variables,
    /** The database the statement is for: cursors carry what its driver returns. */
    readonly backend: DatabaseKind,
  ) {}

  /** A fresh alias, for a table or a derived table of this statement. */
  name(): string {
    return `c${this.aliases++}`;
  }

  /** `table` under a fresh alias, with the SQL of `from <table> <alias>`. */
  from<T extends PgTable>(table: T): { row: Row & T; source: SQL } {
    const name = this.name();
    const row = alias(table, name) as unknown as Row & T;
    this.tables.set(row, table);
    return { row, source: sql`${sql.identifier(getTableName(table))} ${sql.identifier(name)}` };
  }

  /**
   * Lets to-one relations read from `row` be `left join`s of the FROM that reads `row` (the caller puts the
   * returned list there, after building the row's JSON) instead of a subquery per row, when that FROM runs once
   * per row of an enclosing list: PostgreSQL then looks each one up in the same plan node, whose hash of the
   * target table it keeps across those runs, not in a subplan started for every row (Q2 on mg_large: 16.7 ->
   * 13.2 ms). A FROM that runs once per statement keeps the subqueries: a join would hash the whole target table
   * for the page's few rows (Q1's results page at 4x, 1,000 datasets for 10 results: 0.61 -> 0.26 ms of
   * execution, the ceiling's 0.17).
   */
  openJoins(row: Row, joins: SQL[] = []): SQL[] {
    if (this.listDepth > 0) this.joinLists.set(row, joins);
    return joins;
  }

  /** `build()`, which builds the JSON of a list's rows (the FROMs it starts run once per row). */
  inList<T>(build: () => T): T {
    this.listDepth++;
    try {
      return build();
    } finally {
      this.listDepth--;
    }
  }

  /** The joins of the FROM that reads `row`, when it takes them. */
  joinsOf(row: Row): SQL[] | undefined {
    return this.joinLists.get(row);
  }

  /** A JSON value that the answer holds as `transform(payload)`, computed in Node once the statement has run. */
  transformed(transform: (payload: unknown) => unknown, payload: SQL): SQL {
    const index = this.transforms.push(transform) - 1;
    return sql`json_build_object('$mgx', json_build_array(${sql.raw(String(index))}, ${payload}))`;
  }

  /** The table an alias of this statement stands for. */
  tableOf(row: Row): PgTable {
    const table = this.tables.get(row);
    if (!table) throw new NotCompilable('row of another statement');
    return table;
  }
}

/** The object type a field returns (through lists and non-null), or NotCompilable. */
export function objectTypeOf(type: GraphQLOutputType): GraphQLObjectType {
  const named = getNamedType(type);
  if (!isObjectType(named)) throw new NotCompilable(`abstract type ${named.name}`);
  return named;
}

/** The table behind a plugin-drizzle type (its `pothosDrizzleTable` extension is the table's relations config). */
function tableOf(type: GraphQLObjectType): PgTable {
  const table = (type.extensions.pothosDrizzleTable as TableConfig | undefined)?.table;
  if (!table || !configByTable.has(table)) throw new NotCompilable(`${type.name} is not a table`);
  return table;
}

/** The root of a query operation: every root field must be one of the catalog's. */
export function rootJson(scope: Scope, type: GraphQLObjectType, selectionSet: SelectionSetNode): SQL {
  const fields = collectFields(type, [selectionSet], scope.fragments, scope.variables);
  if (fields.size > MAX_KEYS_PER_OBJECT) throw new NotCompilable('too many fields');
  scope.rootFields = fields;
  const pairs = [...fields].map(([key, group]) => {
    const name = group[0]!.name.value;
    if (name !== '__typename' && !scope.catalog[type.name]?.[name]) throw new NotCompilable(`root field ${name}`);
    return sql`${sql.raw(`'${key}'`)}, ${fieldJson(scope, type, key, group, undefined as unknown as Row)}`;
  });
  return sql`json_build_object(${sql.join(pairs, sql`, `)})`;
}

/** `json_build_object(...)` of the fields `nodes` select on `type`, read from `row`. */
export function objectJson(scope: Scope, type: GraphQLObjectType, nodes: readonly FieldNode[], row: Row): SQL {
  const fields = collectFields(type, subSelections(nodes), scope.fragments, scope.variables);
  if (fields.size > MAX_KEYS_PER_OBJECT) throw new NotCompilable('too many fields');
  const pairs = [...fields].map(
    ([key, group]) => sql`${sql.raw(`'${key}'`)}, ${fieldJson(scope, type, key, group, row)}`,
  );
  return sql`json_build_object(${sql.join(pairs, sql`, `)})`;
}

function fieldJson(scope: Scope, type: GraphQLObjectType, key: string, nodes: FieldNode[], row: Row): SQL {
  const name = nodes[0]!.name.value;
  if (name === '__typename') return sql.raw(`'${type.name}'`);
  const field = type.getFields()[name];
  if (!field) throw new NotCompilable(`${type.name}.${name}`);
  const custom = scope.catalog[type.name]?.[name];
  if (custom) {
    const args = getArgumentValues(field, nodes[0]!, scope.variables as Record<string, unknown>);
    return custom({ scope, row, args, nodes, field, responseKey: key });
  }
  if (field.args.length > 0) throw new NotCompilable(`${type.name}.${name} has arguments`);
  if (name === 'id' && type.getInterfaces().some((i) => i.name === 'Node')) return globalId(type.name, row);
  const exposed = field.extensions.pothosExposedField;
  if (typeof exposed === 'string' && row[exposed]) return columnJson(field.type, row[exposed]);
  if (field.extensions.pothosDrizzleLoaded) return toOneJson(scope, field, nodes, row);
  throw new NotCompilable(`${type.name}.${name}`);
}

/** plugin-relay's global ID, `base64("<Type>:<id>")`, without the line breaks PostgreSQL's base64 adds. */
function globalId(typeName: string, row: Row): SQL {
  if (!row.id) throw new NotCompilable(`${typeName} has no id column`);
  return globalIdOf(sql.raw(`'${typeName}:'`), row.id);
}

/** `base64(<prefix> || <id>)` as plugin-relay writes global IDs; `prefix` is SQL giving `'<Type>:'`. */
export function globalIdOf(prefix: SQL, id: SQL | PgColumn): SQL {
  return sql`translate(encode(convert_to(${prefix} || ${id}::text, 'UTF8'), 'base64'), E'\\n', '')`;
}

/** A column as its GraphQL type writes it: enums by name (the column holds the internal value). */
export function columnJson(type: GraphQLOutputType, column: PgColumn | SQL): SQL {
  const nullable = getNullableType(type);
  const named = getNamedType(type);
  if (isListType(nullable)) {
    if (isScalarType(named) && named.name === 'String' && !isListType(getNullableType(nullable.ofType))) {
      return sql`${column}`;
    }
    throw new NotCompilable(`list of ${named.name}`);
  }
  if (isEnumType(named)) {
    const cases = named.getValues().map((value) => {
      if (typeof value.value !== 'string' || /'/.test(value.value)) throw new NotCompilable(`enum ${named.name}`);
      return `when '${value.value}' then '${value.name}'`;
    });
    return sql`(case ${column} ${sql.raw(cases.join(' '))} end)`;
  }
  if (isScalarType(named) && PASS_THROUGH_SCALARS.has(named.name)) return sql`${column}`;
  throw new NotCompilable(`scalar ${named.name}`);
}

/** A plain to-one relation of the same name as the field (plugin-drizzle's `t.relation`). */
function toOneJson(scope: Scope, field: GraphQLField<unknown, unknown>, nodes: FieldNode[], row: Row): SQL {
  const config = configByTable.get(scope.tableOf(row));
  if (!config) throw new NotCompilable('table without relations');
  const relation = config.relations[field.name];
  if (!relation || relation.relationType !== 'one' || relation.where || relation.through) {
    throw new NotCompilable(`relation ${field.name}`);
  }
  const target = objectTypeOf(field.type);
  if (tableOf(target) !== relation.targetTable) throw new NotCompilable(`relation ${field.name} target`);
  const { row: child, source } = scope.from(relation.targetTable as PgTable);
  const on = sql.join(
    relation.sourceColumns.map(
      (column, i) =>
        sql`${columnOf(child, relation.targetColumns[i] as PgColumn)} = ${columnOf(row, column as PgColumn)}`,
    ),
    sql` and `,
  );
  const joins = scope.joinsOf(row);
  const key = relation.targetColumns.length === 1 ? (relation.targetColumns[0] as PgColumn) : undefined;
  // A join by the target's primary key finds at most one row, as the subquery does; no row is a null object.
  if (joins && key?.primary) {
    // The child's own to-one relations join the same FROM, after it.
    joins.push(sql`left join ${source} on ${on}`);
    scope.openJoins(child, joins);
    const json = objectJson(scope, target, nodes, child);
    return sql`(case when ${columnOf(child, key)} is null then null else ${json} end)`;
  }
  return sql`(select ${objectJson(scope, target, nodes, child)} from ${source} where ${on})`;
}

/** One ordering key: an expression over the row and its direction. */
export type OrderKey = {
  expression: SQL | PgColumn;
  direction: 'asc' | 'desc';
  /** An expression (not a column drizzle maps): its cursor value is what the driver returns for its type. */
  raw?: boolean;
};

function orderSql(keys: readonly OrderKey[]): SQL {
  return sql.join(
    keys.map((key) => sql`${key.expression} ${sql.raw(key.direction)}`),
    sql`, `,
  );
}

/**
 * Ordering keys from plugin-drizzle's `{ key: direction }` form, with the primary key appended in the last
 * key's direction, as plugin-drizzle does for cursor connections (a no-op when the order is already unique).
 */
export function orderKeys(
  row: Row,
  order: Readonly<Record<string, 'asc' | 'desc' | undefined>>,
  extras: Readonly<Record<string, (row: never) => SQL>> = {},
): OrderKey[] {
  const keys: OrderKey[] = [];
  for (const [name, direction] of Object.entries(order)) {
    if (!direction) continue;
    const extra = extras[name];
    const expression = extra ? extra(row as never) : row[name];
    if (!expression) throw new NotCompilable(`order key ${name}`);
    keys.push({ expression, direction, raw: extra !== undefined });
  }
  // plugin-drizzle appends the primary key unless the keys are already unique (its cursors carry exactly these
  // keys): a unique column, or every column of a unique constraint (a claim's source and ordinal), not null.
  const columns = Object.keys(order).flatMap((name) => (!order[name] || extras[name] || !row[name] ? [] : [row[name]]));
  const ordered = new Set(columns.map((column) => column.name));
  const unique =
    columns.some((column) => (column.primary || column.isUnique) && column.notNull) ||
    getTableConfig(row).uniqueConstraints.some((constraint) =>
      constraint.columns.every((column) => column.notNull && ordered.has(column.name)),
    );
  if (!unique && row.id) keys.push({ expression: row.id, direction: keys.at(-1)?.direction ?? 'asc' });
  return keys;
}

/** A list of rows of `table` as a JSON array (`[]` when none), in `order`. */
export function listJson(
  scope: Scope,
  context: FieldContext,
  table: PgTable,
  where: (row: Row) => SQL,
  order: (row: Row) => OrderKey[],
): SQL {
  const { row, json, from } = tableObjects(scope, context, table, true);
  // Aggregated in the order of an ordered subquery, as connections' pages are (connectionJson).
  return sql`coalesce((select json_agg(l.j) from (select ${json} as j from ${from} where ${where(row)} order by ${orderSql(order(row))}) l), '[]'::json)`;
}

/**
 * Rows of `table` under a fresh alias as the field's objects (a `list` of them, or one): the FROM with the joins
 * their to-one fields add.
 */
function tableObjects(
  scope: Scope,
  context: FieldContext,
  table: PgTable,
  list: boolean,
): { row: Row; json: SQL; from: SQL } {
  const target = objectTypeOf(context.field.type);
  if (tableOf(target) !== table) throw new NotCompilable(`${target.name} table`);
  const { row, source } = scope.from(table);
  const joins = scope.openJoins(row);
  const build = () => objectJson(scope, target, context.nodes, row);
  const json = list ? scope.inList(build) : build();
  return { row, json, from: sql`${source} ${sql.join(joins, sql` `)}` };
}

/** What a connection reads: its rows, their condition and order, and optionally a join through another table. */
export type ConnectionSource = {
  table: PgTable;
  /** The condition on a row, and a `join ... on ...` it needs (e.g. through `model_developer`). */
  rows: (row: Row) => { join?: SQL; where: SQL | undefined };
  order: (row: Row) => OrderKey[];
};

/** The ordering values a plugin-drizzle cursor (`base64("DC:" + chunk)`) holds, one per key, or NotCompilable. */
function cursorValues(cursor: string, keyCount: number): (string | number)[] {
  const text = decodeBase64(cursor);
  if (!text.startsWith('DC:')) throw new NotCompilable('cursor');
  const decoded: unknown = decodeCursorChunk(text.slice(3));
  const values = keyCount === 1 ? [decoded] : decoded;
  if (!Array.isArray(values) || values.length !== keyCount) throw new NotCompilable('cursor of another ordering');
  if (!values.every((value) => typeof value === 'string' || typeof value === 'number')) {
    throw new NotCompilable('cursor value');
  }
  return values as (string | number)[];
}

/**
 * A Relay connection's page going forward: `nodes`, `edges { cursor node }`, `totalCount` and `pageInfo`, with
 * `first` and `after`. Cursors are plugin-drizzle's: the SQL returns each row's ordering values under `$mgc`, and
 * `decodeMarkers` writes them as plugin-drizzle would. `before` and `last` are left to the resolvers.
 */
export function connectionJson(scope: Scope, context: FieldContext, input: ConnectionSource): SQL {
  const { args } = context;
  for (const name of ['before', 'last'] as const) {
    if (args[name] != null) throw new NotCompilable(`connection ${name}`);
  }
  try {
    checkConnectionArguments(args);
  } catch {
    throw new NotCompilable('connection arguments');
  }
  const pageSize = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new NotCompilable('empty page');
  // Page sizes are written into the SQL, not bound: with `limit $n` PostgreSQL plans a prepared statement
  // generically for an unknown row count, finds that plan costlier than a custom one and re-plans at every
  // execution (Q3 on mg_large: 1.2-2.1 ms per execution, 0.7 ms once it keeps the generic plan). Each page size
  // is a statement of its own; clients use few, and the prepared statements are bounded (plugin.ts).
  const first = sql.raw(String(pageSize));
  const connection = objectTypeOf(context.field.type);
  const fields = collectFields(connection, subSelections(context.nodes), scope.fragments, scope.variables);
  const { row, source } = scope.from(input.table);
  const joins = scope.openJoins(row);
  const rows = input.rows(row);
  const keys = input.order(row);
  const order = orderSql(keys);
  let where = rows.where ?? sql`true`;
  if (typeof args.after === 'string') {
    const values = cursorValues(args.after, keys.length);
    const direction = keys[0]!.direction;
    if (keys.some((key) => key.direction !== direction)) throw new NotCompilable('mixed directions');
    const tuple = (items: readonly (SQL | PgColumn | string | number)[]) =>
      sql`(${sql.join(
        items.map((item) => sql`${item}`),
        sql`, `,
      )})`;
    where = sql`${where} and ${tuple(keys.map((key) => key.expression))} ${sql.raw(direction === 'asc' ? '>' : '<')} ${tuple(values)}`;
  }
  const join = rows.join ?? sql``;
  // node-postgres returns bigint and numeric values as text, PGlite as numbers: a raw key's cursor value follows.
  const cursorValue = (key: OrderKey) =>
    key.raw && scope.backend === 'postgres'
      ? sql`(case when pg_typeof(${key.expression}) in ('bigint'::regtype, 'numeric'::regtype) then to_json(${key.expression}::text) else to_json(${key.expression}) end)`
      : sql`${key.expression}`;
  const cursorOf = sql`json_build_object('$mgc', json_build_array(${sql.join(keys.map(cursorValue), sql`, `)}))`;
  // Each `pageInfo` selection's fields, collected once: whether one asks for hasNextPage shapes the whole page.
  const infoFieldsOf = new Map(
    [...fields.values()]
      .filter((group) => group[0]!.name.value === 'pageInfo')
      .map((group) => {
        const pageInfo = objectTypeOf(connection.getFields().pageInfo!.type);
        return [group, collectFields(pageInfo, subSelections(group), scope.fragments, scope.variables)] as const;
      }),
  );
  const needsNextPage = [...infoFieldsOf.values()].some((info) =>
    [...info.values()].some((group) => group[0]!.name.value === 'hasNextPage'),
  );
  // The page is read one row past `first` only to answer hasNextPage, and then its aggregates leave that row out by
  // its rank. Aggregates take the rows in the page's order (a plain aggregate over an ordered subquery with no join
  // between them, as PostgreSQL's manual shows for ordered aggregates): no sort per aggregate and parent row.
  const inPage = needsNextPage ? sql` filter (where p.n <= ${first})` : sql``;
  let needsCursors = false;
  const pageCursor = (index: 0 | -1) => {
    needsCursors = true;
    return sql`(json_agg(p.c)${inPage}) -> ${sql.raw(String(index))}`;
  };
  const nodeType = objectTypeOf(connection.getFields().nodes!.type);
  let nodeJson: SQL | undefined;
  const nodeJsonOf = (nodes: readonly FieldNode[]) => scope.inList(() => objectJson(scope, nodeType, nodes, row));
  const pairs: SQL[] = [];
  for (const [key, group] of fields) {
    const name = group[0]!.name.value;
    const label = sql.raw(`'${key}'`);
    if (name === '__typename') pairs.push(sql`${label}, ${sql.raw(`'${connection.name}'`)}`);
    else if (name === 'totalCount') {
      const counted = scope.from(input.table);
      const countedRows = input.rows(counted.row);
      pairs.push(
        sql`${label}, (select count(*) from ${counted.source} ${countedRows.join ?? sql``} where ${countedRows.where ?? sql`true`})`,
      );
    } else if (name === 'nodes') {
      if (nodeJson) throw new NotCompilable('nodes twice');
      nodeJson = nodeJsonOf(group);
      pairs.push(sql`${label}, coalesce(json_agg(p.j)${inPage}, '[]'::json)`);
    } else if (name === 'edges') {
      if (nodeJson) throw new NotCompilable('nodes twice');
      const edges = edgesJson(scope, connection, group, inPage);
      needsCursors ||= edges.cursors;
      pairs.push(sql`${label}, ${edges.json}`);
      const edgeType = objectTypeOf(connection.getFields().edges!.type);
      const edgeFields = collectFields(edgeType, subSelections(group), scope.fragments, scope.variables);
      nodeJson = nodeJsonOf(edgeFields.get('node') ?? []);
    } else if (name === 'pageInfo') {
      const pageInfo = objectTypeOf(connection.getFields().pageInfo!.type);
      const infoFields = infoFieldsOf.get(group)!;
      const infoPairs = [...infoFields].map(([infoKey, infoGroup]) => {
        const infoName = infoGroup[0]!.name.value;
        const infoLabel = sql.raw(`'${infoKey}'`);
        if (infoName === 'hasNextPage') return sql`${infoLabel}, count(*) > ${first}`;
        // As plugin-drizzle: going forward, there are rows before exactly when a cursor was given.
        if (infoName === 'hasPreviousPage') return sql`${infoLabel}, ${sql.raw(args.after ? 'true' : 'false')}`;
        if (infoName === 'startCursor') return sql`${infoLabel}, ${pageCursor(0)}`;
        if (infoName === 'endCursor') return sql`${infoLabel}, ${pageCursor(-1)}`;
        if (infoName === '__typename') return sql`${infoLabel}, ${sql.raw(`'${pageInfo.name}'`)}`;
        throw new NotCompilable(`pageInfo.${infoName}`);
      });
      pairs.push(sql`${label}, json_build_object(${sql.join(infoPairs, sql`, `)})`);
    } else throw new NotCompilable(`${connection.name}.${name}`);
  }
  // Without nodes, edges or hasNextPage the page is not read: a select over it without an aggregate would
  // return no row (no object) when the page is empty.
  if (!nodeJson && !needsNextPage && !needsCursors) return sql`(select json_build_object(${sql.join(pairs, sql`, `)}))`;
  if (needsCursors) scope.hasCursors = true;
  const limit = sql.raw(String(needsNextPage ? pageSize + 1 : pageSize));
  const page = sql`select ${nodeJson ?? sql`null::json`} as j, ${needsCursors ? cursorOf : sql`null::json`} as c${needsNextPage ? sql`, row_number() over (order by ${order}) as n` : sql``} from ${source} ${join} ${sql.join(joins, sql` `)} where ${where} order by ${order} limit ${limit}`;
  return sql`(select json_build_object(${sql.join(pairs, sql`, `)}) from (${page}) p)`;
}

/** `edges { cursor node }` of the page, in order, and whether a cursor is asked for. */
function edgesJson(
  scope: Scope,
  connection: GraphQLObjectType,
  nodes: readonly FieldNode[],
  inPage: SQL,
): { json: SQL; cursors: boolean } {
  let cursors = false;
  const edgeType = objectTypeOf(connection.getFields().edges!.type);
  const fields = collectFields(edgeType, subSelections(nodes), scope.fragments, scope.variables);
  const pairs = [...fields].map(([key, group]) => {
    const name = group[0]!.name.value;
    const label = sql.raw(`'${key}'`);
    if (name === 'node') return sql`${label}, p.j`;
    if (name === 'cursor') {
      cursors = true;
      return sql`${label}, p.c`;
    }
    if (name === '__typename') return sql`${label}, ${sql.raw(`'${edgeType.name}'`)}`;
    throw new NotCompilable(`${edgeType.name}.${name}`);
  });
  // Several `node` keys (aliases) would need several node objects; one is what clients send.
  if ([...fields.values()].filter((group) => group[0]!.name.value === 'node').length > 1) {
    throw new NotCompilable('node twice');
  }
  return {
    json: sql`coalesce(json_agg(json_build_object(${sql.join(pairs, sql`, `)}))${inPage}, '[]'::json)`,
    cursors,
  };
}

/**
 * Replaces each `{"$mgc": [values]}` in a compiled answer with plugin-drizzle's cursor of those values, and each
 * `{"$mgx": [index, payload]}` with `transforms[index](payload)` (`Scope.transformed`).
 */
export function decodeMarkers(value: unknown, transforms: readonly ((payload: unknown) => unknown)[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => decodeMarkers(item, transforms));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const values = object.$mgc;
  if (Array.isArray(values)) {
    return encodeBase64(`DC:${values.length === 1 ? encodeCursorChunk(values[0]) : encodeCursorTuple(values)}`);
  }
  const marked = object.$mgx;
  if (Array.isArray(marked)) return transforms[marked[0] as number]!(marked[1]);
  for (const key of Object.keys(object)) object[key] = decodeMarkers(object[key], transforms);
  return object;
}

/** An object built from SQL expressions rather than a table's row: its fields read them by name. */
export const derived = (fields: Record<string, SQL | PgColumn>) => fields as unknown as Row;

/** The expression a derived `row` holds under `name` (set by the parent's compiler). */
export function expression(row: Row, name: string): SQL | PgColumn {
  const value = (row as unknown as Record<string, SQL | PgColumn | undefined>)[name];
  if (!value) throw new NotCompilable(`${name} of a derived row`);
  return value;
}

/** One object of `table` by the id the parent's row holds under `idOf`. */
export const byId = (table: PgTable, idOf: string) => (context: FieldContext) =>
  singleJson(context.scope, context, table, (row) => sql`${row.id} = ${expression(context.row, idOf)}`);

/** One object of `table` found by `where`, or null. */
export function singleJson(scope: Scope, context: FieldContext, table: PgTable, where: (row: Row) => SQL): SQL {
  const { row, json, from } = tableObjects(scope, context, table, false);
  return sql`(select ${json} from ${from} where ${where(row)} limit 1)`;
}
