/**
 * API keys: `mg_` followed by 256 random bits (base64url). The database keeps only their SHA-256 and a short
 * prefix for listings; the key itself is shown once, by `npm run keys -- create`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { AppDb } from '../db/client.ts';
import { apiKey } from '../db/schema.ts';

export const API_KEY_PREFIX = 'mg_';
export const roles = ['editor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const hashApiKey = (secret: string) => createHash('sha256').update(secret).digest('hex');

export type ApiKeyInfo = {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
};

const infoColumns = {
  id: apiKey.id,
  name: apiKey.name,
  role: apiKey.role,
  prefix: apiKey.prefix,
  createdAt: apiKey.createdAt,
  revokedAt: apiKey.revokedAt,
};

/** Creates a key and returns it with its secret, which is not stored and cannot be shown again. */
export async function createApiKey(
  db: AppDb,
  { name, role }: { name: string; role: Role },
): Promise<ApiKeyInfo & { secret: string }> {
  const secret = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  const prefix = secret.slice(0, API_KEY_PREFIX.length + 8);
  const [row] = await db
    .insert(apiKey)
    .values({ name, role, prefix, secretHash: hashApiKey(secret) })
    .returning(infoColumns);
  return { ...(row as ApiKeyInfo), secret };
}

/** Revokes a key by id or prefix; returns the revoked keys (none when nothing matched or it was revoked). */
export async function revokeApiKey(db: AppDb, idOrPrefix: string): Promise<ApiKeyInfo[]> {
  const byId = /^\d+$/.test(idOrPrefix) ? eq(apiKey.id, Number(idOrPrefix)) : sql`false`;
  return db
    .update(apiKey)
    .set({ revokedAt: sql`now()` })
    .where(and(or(byId, eq(apiKey.prefix, idOrPrefix)), isNull(apiKey.revokedAt)))
    .returning(infoColumns);
}

export async function listApiKeys(db: AppDb): Promise<ApiKeyInfo[]> {
  return db.select(infoColumns).from(apiKey).orderBy(desc(apiKey.id));
}

/** The active key with this secret, or undefined (unknown or revoked). One indexed lookup per request. */
export async function findActiveApiKey(db: AppDb, secret: string): Promise<ApiKeyInfo | undefined> {
  const [row] = await db
    .select(infoColumns)
    .from(apiKey)
    .where(and(eq(apiKey.secretHash, hashApiKey(secret)), isNull(apiKey.revokedAt)))
    .limit(1);
  return row;
}
