/**
 * What the server logs about failed requests: a client's mistake is one debug line without SQL or parameters;
 * an unexpected failure is logged at error level without query parameters (which may hold a key's hash).
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashApiKey } from '../src/auth/api-keys.ts';
import { createApp } from '../src/yoga.ts';
import { backendKinds, openBackend } from './helpers/backends.ts';
import { execute } from './helpers/graphql.ts';

type Line = { level: number; msg: string; [key: string]: unknown };

function capture() {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const text of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  return { lines, logger: pino({ level: 'debug' }, stream) };
}

const ERROR = 50;
const DEBUG = 20;

describe.each(backendKinds)('error log [%s]', (kind) => {
  let backend: Awaited<ReturnType<typeof openBackend>>;
  beforeAll(async () => {
    backend = await openBackend(kind);
  });
  afterAll(async () => {
    await backend?.close();
  });

  test(`an unknown slug is logged at debug, once, without SQL or parameters`, async () => {
    const { lines, logger } = capture();
    const app = createApp({ database: backend.database, logger, graphiql: false });
    const response = await execute(app, '{ benchmarkResults(filter: { dataset: "no-such-dataset" }) { totalCount } }');
    expect(response.body.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const text = JSON.stringify(lines);
    expect(lines.filter((l) => l.level >= ERROR)).toEqual([]);
    expect(lines.filter((l) => l.level === DEBUG && /No Dataset with slug/.test(l.msg))).toHaveLength(1);
    expect(text).not.toMatch(/select |params:|no-such-dataset"\]/i);
  });

  test(`a database failure is logged at error level without the presented key's hash`, async () => {
    const broken = await openBackend(kind);
    try {
      await broken.database.close();
      const { lines, logger } = capture();
      const app = createApp({ database: broken.database, logger, graphiql: false });
      const key = 'mg_0123456789abcdef0123456789abcdef';
      await execute(app, '{ models(first: 1) { nodes { slug } } }', undefined, { authorization: `Bearer ${key}` });
      await execute(app, '{ models(first: 1) { nodes { slug } } }');
      const text = JSON.stringify(lines);
      expect(lines.some((l) => l.level >= ERROR)).toBe(true);
      expect(text).not.toContain(hashApiKey(key));
      expect(text).not.toContain(key);
      expect(text).not.toMatch(/params:/);
    } finally {
      await broken.close();
    }
  });
});
