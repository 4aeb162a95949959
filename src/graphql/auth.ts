/**
 * Authorization scopes (Pothos scope-auth). Reading needs none; `editor` writes (admins are editors too);
 * `admin` deletes and merges. A refusal is an error that says which role the field needs and what the
 * request has: UNAUTHENTICATED for anonymous requests, FORBIDDEN for a role too low.
 */
import { type AuthFailure, AuthScopeFailureType } from '@pothos/plugin-scope-auth';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { roleOf } from '../auth/viewer.ts';
import type { Context } from './context.ts';

export type AuthScopes = { editor: boolean; admin: boolean };

export function authScopes(context: Context): AuthScopes {
  const role = roleOf(context.viewer);
  return { editor: role === 'editor' || role === 'admin', admin: role === 'admin' };
}

function requiredScope(failure: AuthFailure): string | undefined {
  switch (failure.kind) {
    case AuthScopeFailureType.AuthScope:
      return failure.scope;
    case AuthScopeFailureType.AnyAuthScopes:
    case AuthScopeFailureType.AllAuthScopes:
      return failure.failures.map(requiredScope).find(Boolean);
    default:
      return undefined;
  }
}

export function unauthorizedError(context: Context, info: GraphQLResolveInfo, failure: AuthFailure): GraphQLError {
  const role = requiredScope(failure) ?? 'editor';
  const field = `${info.parentType.name}.${info.fieldName}`;
  const viewer = context.viewer;
  if (viewer.kind === 'anonymous') {
    return new GraphQLError(
      `${field} needs the ${role} role; this request is anonymous. Send "Authorization: Bearer <API key or JWT>".`,
      { extensions: { code: 'UNAUTHENTICATED', requiredRole: role } },
    );
  }
  const has = roleOf(viewer);
  return new GraphQLError(
    `${field} needs the ${role} role; this ${viewer.kind === 'jwt' ? 'JWT' : 'API key'} has ${has ? `the ${has} role` : 'no role'}.`,
    { extensions: { code: 'FORBIDDEN', requiredRole: role, role: has } },
  );
}
