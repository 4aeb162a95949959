/**
 * Console logs: readable on a terminal (pino-pretty, the URL on a line of its own), one JSON object per line for
 * collectors (piped, a file, NODE_ENV=production), as LOG_FORMAT says.
 */
import { Writable } from 'node:stream';
import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';

function capture(logFormat: 'auto' | 'pretty' | 'json') {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  const logger = createLogger({ logLevel: 'info', logFormat }, stream);
  return { logger, text: () => text };
}

test('LOG_FORMAT: auto by default, JSON under NODE_ENV=production, anything else refused', () => {
  expect(loadConfig({}).logFormat).toBe('auto');
  expect(loadConfig({ NODE_ENV: 'production' }).logFormat).toBe('json');
  expect(loadConfig({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
  expect(loadConfig({ NODE_ENV: 'development', LOG_FORMAT: 'json' }).logFormat).toBe('json');
  expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(ConfigError);
});

test('pretty: a readable line, the URL on a line of its own', () => {
  const { logger, text } = capture('pretty');
  logger.info({ url: 'http://127.0.0.1:4000/graphql' }, 'modelgraph serving GraphQL');
  logger.warn({ retryInMs: 500 }, 'database not reachable yet');
  const lines = text().split('\n');
  const serving = lines.findIndex((line) => line.includes('modelgraph serving GraphQL'));
  expect(serving).toBeGreaterThanOrEqual(0);
  expect(lines[serving]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO/);
  expect(lines[serving]).not.toContain('http://');
  expect(lines[serving + 1]?.trim()).toBe('http://127.0.0.1:4000/graphql');
  expect(text()).toMatch(/WARN.*database not reachable yet/);
  expect(text()).toContain('"retryInMs":500');
  expect(text()).not.toContain('{"level"');
});

test('json: one object per line, the URL a field of it', () => {
  const { logger, text } = capture('json');
  logger.info({ url: 'http://127.0.0.1:4000/graphql' }, 'modelgraph serving GraphQL');
  const [line] = text()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(line).toMatchObject({ level: 30, msg: 'modelgraph serving GraphQL', url: 'http://127.0.0.1:4000/graphql' });
});

test('auto with a destination that is not a terminal writes JSON', () => {
  const { logger, text } = capture('auto');
  logger.info('hello');
  expect(JSON.parse(text())).toMatchObject({ msg: 'hello' });
});
