/**
 * Who is asking. Anonymous requests read; writes need an API key (`Authorization: Bearer mg_...`) or a JWT
 * (`Authorization: Bearer <jwt>`, HS256, with a `role` claim of `editor` or `admin`). A credential that is
 * present but wrong is refused outright (HTTP 401) rather than silently downgraded to anonymous.
 */
import { errors as joseErrors, jwtVerify } from 'jose';
import type { AppDb } from '../db/client.ts';
import { AuthenticationError } from '../errors.ts';
import { API_KEY_PREFIX, findActiveApiKey, type Role, roles } from './api-keys.ts';

export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'api-key'; keyId: number; name: string; role: Role }
  | { kind: 'jwt'; subject: string; role: Role | null };

export const anonymous: Viewer = Object.freeze({ kind: 'anonymous' });

export type JwtOptions = { secret: string; issuer?: string | undefined; audience?: string | undefined };

export type AuthOptions = { jwt?: JwtOptions | undefined };

/** The role a viewer writes with, if any. */
export const roleOf = (viewer: Viewer): Role | null => (viewer.kind === 'anonymous' ? null : viewer.role);

/** How the audit trail names a viewer. */
export function actorOf(viewer: Viewer): string {
  switch (viewer.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'api-key':
      return `api-key:${viewer.keyId} (${viewer.name})`;
    case 'jwt':
      return `jwt:${viewer.subject}`;
  }
}

export async function authenticate(
  authorization: string | null,
  { db, auth }: { db: AppDb; auth: AuthOptions },
): Promise<Viewer> {
  if (!authorization) return anonymous;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new AuthenticationError('The Authorization header must be "Bearer <API key or JWT>".');
  const token = match[1] as string;

  if (token.startsWith(API_KEY_PREFIX)) {
    const key = await findActiveApiKey(db, token);
    if (!key) throw new AuthenticationError('This API key is unknown or has been revoked.');
    return { kind: 'api-key', keyId: key.id, name: key.name, role: key.role };
  }

  if (!auth.jwt) throw new AuthenticationError('JWTs are not accepted by this server (JWT_SECRET is not set).');
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(auth.jwt.secret), {
      algorithms: ['HS256'],
      ...(auth.jwt.issuer ? { issuer: auth.jwt.issuer } : {}),
      ...(auth.jwt.audience ? { audience: auth.jwt.audience } : {}),
    });
    if (!payload.sub) throw new AuthenticationError('The JWT has no subject ("sub" claim).');
    const claimed = payload.role;
    const role = roles.find((r) => r === claimed) ?? null;
    return { kind: 'jwt', subject: payload.sub, role };
  } catch (error) {
    if (error instanceof AuthenticationError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new AuthenticationError('The JWT has expired.');
    if (error instanceof joseErrors.JOSEError) {
      throw new AuthenticationError(`The JWT was refused: ${error.message}.`);
    }
    throw error;
  }
}
