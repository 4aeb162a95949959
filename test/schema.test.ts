/**
 * The committed SDL matches the code, every module of the schema's folders is part of it, and every part of the
 * schema is documented.
 */
import { readdir, readFile } from 'node:fs/promises';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  isIntrospectionType,
} from 'graphql';
import { expect, test } from 'vitest';
import { schema } from '../src/graphql/index.ts';
import { printSortedSchema } from '../src/graphql/print.ts';

test('schema/schema.graphql is what the code builds (run `npm run schema:print` after a change)', async () => {
  const committed = await readFile(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
  expect(committed).toBe(printSortedSchema());
});

test('src/graphql/index.ts imports every module of types/ and mutations/, types first, in name order', async () => {
  const index = await readFile(new URL('../src/graphql/index.ts', import.meta.url), 'utf8');
  const imported = [...index.matchAll(/^import '\.\/((?:types|mutations)\/[\w-]+\.ts)';$/gm)].map((m) => m[1]);
  const expected: string[] = [];
  for (const folder of ['types', 'mutations']) {
    const files = (await readdir(new URL(`../src/graphql/${folder}/`, import.meta.url))).filter((f) =>
      f.endsWith('.ts'),
    );
    expected.push(...files.sort().map((file) => `${folder}/${file}`));
  }
  expect(imported).toEqual(expected);
});

test('every type, field, argument, input field and enum value has a description', () => {
  const missing: string[] = [];
  const check = (where: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(where);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        check(`${type.name}.${field.name}`, field.description);
        field.args.forEach((arg: GraphQLArgument) => check(`${type.name}.${field.name}(${arg.name})`, arg.description));
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLInputField[])
        check(`${type.name}.${field.name}`, field.description);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
  }
  expect(missing).toEqual([]);
});
