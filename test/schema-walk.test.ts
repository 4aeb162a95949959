/**
 * src/graphql/schema-walk.ts, which the server's bundle calls instead of graphql-tools' `mapSchema` in the
 * response cache (src/scripts/build-server.mjs): on the API's schema, with a `@cacheControl` directive added, its
 * mappers see the same types and fields, in the same order, with what the response cache reads of them, as
 * `mapSchema`'s do. And the built bundle does make the response cache call it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import { buildSchema, type GraphQLNamedType, type GraphQLSchema, printSchema } from 'graphql';
import { describe, expect, test } from 'vitest';
import { schema as apiSchema } from '../src/graphql/index.ts';
import { type LookingMappers, walkSchema } from '../src/graphql/schema-walk.ts';
import { projectPath, projectRoot } from '../src/paths.ts';

const withCacheControl = buildSchema(`
  directive @cacheControl(maxAge: Int, scope: String) on OBJECT | FIELD_DEFINITION | INTERFACE | UNION
  interface Node { id: ID! }
  type Model implements Node @cacheControl(maxAge: 10) { id: ID! name: String @cacheControl(maxAge: 5, scope: "PRIVATE") tags: [Tag!]! }
  type Tag implements Node { id: ID! label: String }
  union Entry @cacheControl(maxAge: 3) = Model | Tag
  input Filter { name: String, first: Int = 10 }
  type Query { model(filter: Filter): Model entries: [Entry] node(id: ID!): Node }
`);

/** What the response cache's mappers read, call by call. */
function seen(schema: GraphQLSchema, walk: (schema: GraphQLSchema, mappers: LookingMappers) => void): string[] {
  const calls: string[] = [];
  const directives = (node: Parameters<typeof getDirective>[1]) =>
    JSON.stringify(getDirective(schema, node, 'cacheControl') ?? null);
  walk(schema, {
    [MapperKind.COMPOSITE_TYPE]: (type: GraphQLNamedType) => {
      calls.push(`type ${type.name} ${directives(type)}`);
      return type;
    },
    [MapperKind.FIELD]: (field, fieldName, typeName) => {
      calls.push(`field ${typeName}.${fieldName}: ${String(field.type)} ${directives(field as never)}`);
      return field;
    },
  });
  return calls;
}

const viaMapSchema = (schema: GraphQLSchema, mappers: LookingMappers) => {
  mapSchema(schema, mappers as never);
};

describe('walkSchema', () => {
  test.each([
    ['the API schema', apiSchema],
    ['a schema with @cacheControl', withCacheControl],
  ])('calls the mappers as mapSchema does: %s', (_, schema) => {
    const expected = seen(schema, viaMapSchema);
    expect(expected.length).toBeGreaterThan(10);
    expect(seen(schema, walkSchema)).toEqual(expected);
  });

  test('leaves the schema as it is', () => {
    const before = printSchema(withCacheControl);
    seen(withCacheControl, walkSchema);
    expect(printSchema(withCacheControl)).toBe(before);
  });
});

describe('the server bundle', () => {
  test('makes the response cache walk the schema instead of copying it', { timeout: 60_000 }, () => {
    execFileSync(process.execPath, ['src/scripts/build-server.mjs'], { cwd: projectRoot, stdio: 'ignore' });
    const bundle = readFileSync(projectPath('dist', 'server.cjs'), 'utf8');
    const onSchemaChange = bundle.slice(bundle.indexOf('onSchemaChange({schema:newSchema})'));
    expect(onSchemaChange.slice(0, 200)).toMatch(/getDirective\("cacheControl"\);walkSchema\d*\(/);
  });
});
