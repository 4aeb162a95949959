/**
 * The Pothos schema builder: plugins, scalars and options only. Types live in `types/<entity>.ts`.
 */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DrizzlePlugin from '@pothos/plugin-drizzle';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { GraphQLError, GraphQLScalarType } from 'graphql';
import {
  CountryCodeResolver,
  DateTimeResolver,
  JSONObjectResolver,
  LocalDateResolver,
  SafeIntResolver,
  URLResolver,
} from 'graphql-scalars';
import { relations } from '../db/relations.ts';
import { type AuthScopes, authScopes, unauthorizedError } from './auth.ts';
import { complexityError, fieldComplexity, resolverLimits } from './complexity.ts';
import type { Context } from './context.ts';
import ConnectionArgumentsPlugin from './plugins/connection-arguments.ts';
import DescribeTotalCountPlugin from './plugins/describe-total-count.ts';
import { InputError } from './errors.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination.ts';

export type PothosTypes = {
  Context: Context;
  AuthScopes: AuthScopes;
  // Fields are non-null unless declared `nullable: true`: the columns behind them are NOT NULL, and typed
  // clients (Relay, Apollo) should not have to handle nulls that cannot happen.
  DefaultFieldNullability: false;
  DrizzleRelations: typeof relations;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    URL: { Input: URL; Output: string | URL };
    CountryCode: { Input: string; Output: string };
    SafeInt: { Input: number; Output: number };
    JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
  };
};

export const builder = new SchemaBuilder<PothosTypes>({
  defaultFieldNullability: false,
  // Relay before scope-auth (scopes see decoded IDs); scope-auth before errors, so a refusal is a top-level
  // error, not a typed result; errors before drizzle, so typed errors work on drizzle fields.
  plugins: [
    ComplexityPlugin,
    RelayPlugin,
    ScopeAuthPlugin,
    ErrorsPlugin,
    DrizzlePlugin,
    ConnectionArgumentsPlugin,
    DescribeTotalCountPlugin,
  ],
  complexity: { fieldComplexity, limit: resolverLimits, complexityError },
  scopeAuth: {
    authScopes,
    unauthorizedError: (_parent, context, info, result) => unauthorizedError(context, info, result.failure),
  },
  // Only the write errors (src/write/errors.ts) become typed results; each mutation lists them.
  errors: { directResult: true },
  drizzle: {
    client: (ctx) => ctx.db,
    getTableConfig,
    relations,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: { description: 'The nodes of the page, in order: a shortcut for `edges { node }`.' },
    // A malformed ID is the client's mistake: say so with a code instead of an anonymous failure.
    decodeGlobalID: (globalID) => {
      try {
        return decodeGlobalID(globalID);
      } catch {
        throw new InputError(`"${globalID}" is not a valid ID of this API.`, 'id');
      }
    },
    nodeTypeOptions: { description: 'An object with a global ID, which `Query.node` can refetch.' },
    idFieldOptions: { description: 'Global ID (opaque): pass it to `Query.node` to refetch the object.' },
    // Defined in types/node.ts, where a missing row resolves to null.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    pageInfoTypeOptions: { description: 'Where a page sits in its connection (Relay cursor connections spec).' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page; pass it as `before`.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page; pass it as `after`.' },
    cursorFieldOptions: { description: 'Opaque position of this item; pass it as `after` or `before`.' },
    nodeFieldOptions: { description: 'The item at this position.' },
    edgesFieldOptions: { description: 'The items of the page with their cursors.' },
    pageInfoFieldOptions: { description: 'Pagination state of this page.' },
    firstArgOptions: { description: `Return the first n items (at most ${MAX_PAGE_SIZE}).` },
    lastArgOptions: { description: `Return the last n items (at most ${MAX_PAGE_SIZE}).` },
    afterArgOptions: { description: 'Return items after this cursor.' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
    // A connection's arguments can be wrong (page size, cursor, filter): its error nulls the connection only.
    defaultConnectionFieldOptions: { nullable: true },
    defaultConnectionTypeOptions: { description: 'A page of items with its cursors (Relay connection).' },
    defaultEdgeTypeOptions: { description: 'One item of a connection with its cursor.' },
  },
});

// A calendar date, kept as the `YYYY-MM-DD` text it is in SQL. graphql-scalars' `Date` parses into a JS Date
// at midnight UTC, which node-postgres then sends in the server's local time zone: a day early west of UTC.
const localDate = LocalDateResolver.toConfig();
const dateError = (value: unknown) =>
  new GraphQLError(`Date cannot represent ${JSON.stringify(value)}: expected a calendar date as YYYY-MM-DD.`);
builder.addScalarType(
  'Date',
  new GraphQLScalarType({
    ...localDate,
    name: 'Date',
    description: 'A calendar date without a time zone, as `YYYY-MM-DD` (ISO 8601), e.g. 2025-01-30.',
    parseValue: (value) => {
      try {
        return localDate.parseValue!(value);
      } catch {
        throw dateError(value);
      }
    },
    parseLiteral: (ast, variables) => {
      try {
        return localDate.parseLiteral!(ast, variables);
      } catch {
        throw dateError('value' in ast ? ast.value : ast.kind);
      }
    },
  }),
);
builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('URL', URLResolver);
builder.addScalarType('CountryCode', CountryCodeResolver);
builder.addScalarType('SafeInt', SafeIntResolver);
builder.addScalarType('JSONObject', JSONObjectResolver);

builder.queryType({ description: 'Read access to the modelgraph knowledge graph.' });

/** The builder's resolved type parameters, for helpers that take Pothos builders (`ArgBuilder<SchemaTypes>`...). */
export type SchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
