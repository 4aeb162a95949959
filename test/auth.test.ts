/**
 * Who may write: anonymous requests read only; API keys (hashed, revocable) and HS256 JWTs with a role write.
 * A credential that is present but wrong is refused with HTTP 401 before anything runs; a role too low is
 * FORBIDDEN with the role needed. Refused writes change nothing, and the audit trail names the writer.
 */
import { sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { beforeAll, expect, test } from 'vitest';
import { createApiKey, hashApiKey, listApiKeys, revokeApiKey } from '../src/auth/api-keys.ts';
import { loadConfig } from '../src/config.ts';
import { type App, createApp } from '../src/yoga.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { execute, expectData } from './helpers/graphql.ts';

const secret = 'a-test-secret-of-at-least-32-characters!';
const jwtOptions = { secret, issuer: 'https://auth.modelgraph.test', audience: 'modelgraph' };

async function jwt(
  claims: Record<string, unknown>,
  { expiresIn = '5m', key = secret, issuer = jwtOptions.issuer } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setIssuer(issuer)
    .setAudience(jwtOptions.audience)
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(key));
}

/** A createSource mutation for a new source `slug`. */
const createSource = (slug: string) => `mutation {
  createSource(input: { slug: "${slug}", title: "Source ${slug}", kind: WEBPAGE, primary: false, url: "https://example.org/${slug}" }) {
    __typename ... on SourcePayload { source { slug } } ... on Error { message }
  }
}`;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describeEachBackend('authentication and roles', (backend) => {
  let app: App;
  let editorKey: string;
  let adminKey: string;
  let sourceCount: () => Promise<number>;

  beforeAll(async () => {
    app = createApp({ database: backend().database, graphiql: false, auth: { jwt: jwtOptions } });
    editorKey = (await createApiKey(backend().database.db, { name: 'alice', role: 'editor' })).secret;
    adminKey = (await createApiKey(backend().database.db, { name: 'root', role: 'admin' })).secret;
    sourceCount = async () => {
      const { rows } = (await backend().database.db.execute(sql`select count(*)::int as n from source`)) as unknown as {
        rows: { n: number }[];
      };
      return rows[0]?.n as number;
    };
  });

  test('keys are stored as SHA-256 hashes, never in clear', async () => {
    const { rows } = (await backend().database.db.execute(
      sql`select secret_hash, prefix from api_key where name = 'alice'`,
    )) as unknown as { rows: { secret_hash: string; prefix: string }[] };
    expect(rows).toEqual([{ secret_hash: hashApiKey(editorKey), prefix: editorKey.slice(0, 11) }]);
    expect(JSON.stringify(await listApiKeys(backend().database.db))).not.toContain(editorKey);
  });

  test('anonymous reads, but a write is UNAUTHENTICATED, names the role it needs, and writes nothing', async () => {
    await expectData(app, '{ models(first: 1) { totalCount } }');
    const before = await sourceCount();
    const response = await execute(app, createSource('anon-source'));
    expect(response.status).toBe(200);
    expect(response.body.data).toBeNull();
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message:
          'Mutation.createSource needs the editor role; this request is anonymous. Send "Authorization: Bearer <API key or JWT>".',
        path: ['createSource'],
        extensions: { code: 'UNAUTHENTICATED', requiredRole: 'editor' },
      }),
    ]);
    expect(await sourceCount()).toBe(before);
  });

  test('an editor key writes, and the audit trail names it', async () => {
    const response = await execute(app, createSource('editor-source'), {}, bearer(editorKey));
    expect(response.body).toEqual({
      data: { createSource: { __typename: 'SourcePayload', source: { slug: 'editor-source' } } },
    });
    const { rows } = (await backend().database.db.execute(
      sql`select actor, operation, table_name, action from change where operation = 'createSource'`,
    )) as unknown as { rows: unknown[] };
    expect(rows).toEqual([
      {
        actor: expect.stringMatching(/^api-key:\d+ \(alice\)$/),
        operation: 'createSource',
        table_name: 'source',
        action: 'insert',
      },
    ]);
  });

  test('an editor may not delete: FORBIDDEN with the role needed and the role held', async () => {
    const response = await execute(
      app,
      'mutation { deleteSource(input: { where: { slug: "editor-source" } }) { __typename } }',
      {},
      bearer(editorKey),
    );
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', requiredRole: 'admin', role: 'editor' });
    expect(response.body.errors?.[0]?.message).toBe(
      'Mutation.deleteSource needs the admin role; this API key has the editor role.',
    );
    const admin = await execute(
      app,
      'mutation { deleteSource(input: { where: { slug: "editor-source" } }) { __typename } }',
      {},
      bearer(adminKey),
    );
    expect(admin.body).toEqual({ data: { deleteSource: { __typename: 'DeletePayload' } } });
  });

  test('an operation with a field the caller may not run is refused whole: no field runs, nothing is written', async () => {
    const { database } = backend();
    const count = async () =>
      (
        (await database.db.execute(sql`select count(*)::int as n from organization`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n;
    const auditRows = async () =>
      (
        (await database.db.execute(sql`select count(*)::int as n from change`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n;
    const [organizationsBefore, auditBefore] = [await count(), await auditRows()];
    const response = await execute(
      app,
      `mutation {
        a: createOrganization(input: { slug: "preflight-org", name: "Preflight Org", kind: COMPANY, sources: [] }) { __typename }
        b: deleteSource(input: { where: { slug: "editor-source" } }) { __typename }
      }`,
      {},
      bearer(editorKey),
    );
    expect(response.body.data).toBeNull();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]).toMatchObject({
      path: ['b'],
      extensions: { code: 'FORBIDDEN', requiredRole: 'admin', role: 'editor' },
    });
    expect(response.body.errors?.[0]?.message).toMatch(/No field of this operation ran/);
    expect(await count()).toBe(organizationsBefore);
    expect(await auditRows()).toBe(auditBefore);
  });

  test('an unknown or revoked key is refused with HTTP 401, even for reads', async () => {
    const unknown = await execute(app, '{ models(first: 1) { totalCount } }', {}, bearer('mg_not-a-real-key'));
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors?.[0]).toMatchObject({
      message: 'This API key is unknown or has been revoked.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const doomed = await createApiKey(backend().database.db, { name: 'doomed', role: 'editor' });
    expect((await execute(app, '{ models(first: 1) { totalCount } }', {}, bearer(doomed.secret))).status).toBe(200);
    const revoked = await revokeApiKey(backend().database.db, doomed.prefix);
    expect(revoked.map((key) => key.id)).toEqual([doomed.id]);
    expect(await revokeApiKey(backend().database.db, doomed.prefix)).toEqual([]);
    expect((await execute(app, createSource('revoked-source'), {}, bearer(doomed.secret))).status).toBe(401);
  });

  test('a malformed Authorization header is refused', async () => {
    const response = await execute(app, '{ models(first: 1) { totalCount } }', {}, { authorization: 'Basic abc' });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.message).toBe('The Authorization header must be "Bearer <API key or JWT>".');
  });

  test('a JWT with the editor role writes as its subject', async () => {
    const token = await jwt({ sub: 'user-42', role: 'editor' });
    const response = await execute(app, createSource('jwt-source'), {}, bearer(token));
    expect(response.body).toEqual({
      data: { createSource: { __typename: 'SourcePayload', source: { slug: 'jwt-source' } } },
    });
    const { rows } = (await backend().database.db.execute(
      sql`select distinct actor from change where actor like 'jwt:%'`,
    )) as unknown as { rows: unknown[] };
    expect(rows).toEqual([{ actor: 'jwt:user-42' }]);
  });

  test('a JWT without a writer role reads but may not write', async () => {
    const token = await jwt({ sub: 'reader-1', role: 'viewer' });
    await expectData(app, '{ models(first: 1) { totalCount } }', {});
    const response = await execute(app, createSource('reader-source'), {}, bearer(token));
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', requiredRole: 'editor', role: null });
    expect(response.body.errors?.[0]?.message).toBe(
      'Mutation.createSource needs the editor role; this JWT has no role.',
    );
  });

  test.each([
    ['expired', () => jwt({ sub: 'u', role: 'admin' }, { expiresIn: '-1m' }), 'The JWT has expired.'],
    [
      'signed with another key',
      () => jwt({ sub: 'u', role: 'admin' }, { key: 'another-secret-of-at-least-32-characters' }),
      'The JWT was refused: signature verification failed.',
    ],
    [
      'from another issuer',
      () => jwt({ sub: 'u', role: 'admin' }, { issuer: 'https://evil.test' }),
      'The JWT was refused: unexpected "iss" claim value.',
    ],
    ['without a subject', () => jwt({ role: 'admin' }), 'The JWT has no subject ("sub" claim).'],
  ])('a JWT %s is refused with HTTP 401', async (_name, make, message) => {
    const response = await execute(app, '{ models(first: 1) { totalCount } }', {}, bearer(await make()));
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]).toMatchObject({ message, extensions: { code: 'UNAUTHENTICATED' } });
  });

  test('without JWT_SECRET, JWTs are refused and say why', async () => {
    const token = await jwt({ sub: 'u', role: 'admin' });
    const response = await execute(backend().app, '{ models(first: 1) { totalCount } }', {}, bearer(token));
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.message).toBe('JWTs are not accepted by this server (JWT_SECRET is not set).');
  });
});

test('JWT_SECRET shorter than 32 characters is a configuration error', () => {
  expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow('JWT_SECRET: must be at least 32 characters');
  expect(loadConfig({ JWT_SECRET: secret, JWT_ISSUER: 'i' }).jwt).toEqual({ secret, issuer: 'i', audience: undefined });
});
