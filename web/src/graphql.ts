/**
 * The Explorer's typed documents, with gql.tada (the documents themselves are in ./documents.ts; the client that
 * sends them in ./client.ts). The types come from the committed SDL (schema/schema.graphql), turned into
 * ./graphql-env.d.ts by `npm run explorer:types` (gql.tada generate output); nothing of the schema is written by
 * hand here. Nothing here needs a browser: Node imports it to build the persisted-operations manifest.
 */
import { Kind, print, visit, type DocumentNode, type ValueNode } from '@0no-co/graphql.web';
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: {
    Date: string;
    DateTime: string;
    URL: string;
    SafeInt: number;
    CountryCode: string;
    JSONObject: Record<string, unknown>;
  };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';

function toValueNode(value: unknown): ValueNode {
  if (value === null || value === undefined) return { kind: Kind.NULL };
  if (Array.isArray(value)) return { kind: Kind.LIST, values: value.map(toValueNode) };
  if (typeof value === 'boolean') return { kind: Kind.BOOLEAN, value };
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? { kind: Kind.INT, value: String(value) }
      : { kind: Kind.FLOAT, value: String(value) };
  if (typeof value === 'object')
    return {
      kind: Kind.OBJECT,
      fields: Object.entries(value).map(([name, field]) => ({
        kind: Kind.OBJECT_FIELD,
        name: { kind: Kind.NAME, value: name },
        value: toValueNode(field),
      })),
    };
  const text = String(value);
  // Enum values are upper case and slugs lower case: the one kind of value the Explorer passes of each.
  if (/^[A-Z][A-Z0-9_]*$/.test(text)) return { kind: Kind.ENUM, value: text };
  return { kind: Kind.STRING, value: text };
}

/**
 * The document with its variables written in as literals, for GraphiQL, which takes a query (not variables) from
 * its URL.
 */
export function inlineVariables(document: DocumentNode, variables: Record<string, unknown> = {}): string {
  const inlined = visit(document, {
    VariableDefinition: () => null,
    Variable: (node) => toValueNode(variables[node.name.value]),
  });
  return print(inlined);
}

/** A link that opens a view's query in GraphiQL, ready to run. */
export function graphiqlHref(document: DocumentNode, variables?: Record<string, unknown>): string {
  return `/graphql?query=${encodeURIComponent(inlineVariables(document, variables))}`;
}
