/**
 * The rule for operations with several mutation fields: the whole operation is authorized before any field
 * runs. graphql-js executes mutation fields one after another, so without this an operation whose second field
 * the caller may not run would commit the first and then report `data: null` (the refused field's result is
 * non-null), leaving the client unaware of the write. Here such an operation is refused whole, with one error
 * per refused field, and nothing is written.
 *
 * Only static scopes (`authScopes: { editor: true }`) can be checked up front; a field with computed scopes is
 * left to scope-auth when it runs.
 */
import { type DefinitionNode, type FieldNode, GraphQLError, getOperationAST, Kind, type GraphQLSchema } from 'graphql';
import { collectFields } from 'graphql/execution/collectFields.js';
import type { Plugin } from 'graphql-yoga';
import { roleOf } from '../auth/viewer.ts';
import { type AuthScopes, authScopes } from './auth.ts';
import type { Context } from './context.ts';

type StaticScopes = Partial<Record<keyof AuthScopes, boolean>>;

function staticScopes(schema: GraphQLSchema, field: string): StaticScopes | undefined {
  const options = schema.getMutationType()?.getFields()[field]?.extensions?.pothosOptions as
    { authScopes?: unknown } | undefined;
  const scopes = options?.authScopes;
  return scopes && typeof scopes === 'object' ? (scopes as StaticScopes) : undefined;
}

/** scope-auth's rule for a scope map: any one scope set to true that the request has. */
function allowed(required: StaticScopes, has: AuthScopes): boolean {
  return Object.entries(required).some(([scope, wanted]) => wanted && has[scope as keyof AuthScopes]);
}

function refusal(context: Context, field: string, node: FieldNode, required: StaticScopes): GraphQLError {
  const role = Object.keys(required).find((scope) => required[scope as keyof AuthScopes]) ?? 'editor';
  const viewer = context.viewer;
  const has = roleOf(viewer);
  const anonymous = viewer.kind === 'anonymous';
  const why = anonymous
    ? 'this request is anonymous. Send "Authorization: Bearer <API key or JWT>".'
    : `this ${viewer.kind === 'jwt' ? 'JWT' : 'API key'} has ${has ? `the ${has} role` : 'no role'}.`;
  return new GraphQLError(`Mutation.${field} needs the ${role} role; ${why} No field of this operation ran.`, {
    nodes: [node],
    path: [node.alias?.value ?? field],
    extensions: anonymous
      ? { code: 'UNAUTHENTICATED', requiredRole: role }
      : { code: 'FORBIDDEN', requiredRole: role, role: has },
  });
}

export function useMutationPreflight(): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      const mutationType = args.schema.getMutationType();
      if (operation?.operation !== 'mutation' || !mutationType) return;
      const fragments = Object.fromEntries(
        args.document.definitions.flatMap((d: DefinitionNode) =>
          d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [],
        ),
      );
      const fields = collectFields(
        args.schema,
        fragments,
        (args.variableValues ?? {}) as Record<string, unknown>,
        mutationType,
        operation.selectionSet,
      );
      const context = args.contextValue as Context;
      const has = authScopes(context);
      const errors: GraphQLError[] = [];
      for (const nodes of fields.values()) {
        const node = nodes[0]!;
        const required = staticScopes(args.schema, node.name.value);
        if (required && !allowed(required, has)) errors.push(refusal(context, node.name.value, node, required));
      }
      // One refused field refuses the operation; a single-field operation keeps scope-auth's own error.
      if (errors.length && fields.size > 1) setResultAndStopExecution({ errors, data: null });
    },
  };
}
