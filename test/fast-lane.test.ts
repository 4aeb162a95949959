/**
 * The fast lane (src/http/fast-lane.ts) answers a repeated anonymous request by its known statement without Yoga,
 * and leaves everything else to Yoga as it came. First against a stand-in Yoga and statement (which requests the
 * lane takes, what it writes, what Yoga gets), then on each backend against the app itself: the lane's answer is
 * Yoga's, byte for byte, the metrics count it, and a statement that fails hands its outcome to Yoga.
 */
import {
  createServer,
  type IncomingMessage,
  request as httpRequest,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { answerOf, requestKey } from '../src/graphql/compiled/plugin.ts';
import { withFastLane } from '../src/http/fast-lane.ts';
import { createApp } from '../src/yoga.ts';
import { SHAPE_QUERIES } from './bench/operations.ts';
import { describeEachBackend } from './helpers/backends.ts';

type Sent = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
type Received = { status: number; headers: IncomingMessage['headers']; body: string };

/** One HTTP request as written (node:http sends no header it is not given but Host and Connection). */
function send(server: Server, { method = 'POST', path = '/graphql', headers = {}, body }: Sent): Promise<Received> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

const listen = async (listener: (request: IncomingMessage, response: ServerResponse) => void) => {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
};
const close = (server: Server | undefined) => new Promise((resolve) => (server ? server.close(resolve) : resolve(0)));

const json = (params: unknown) => ({
  headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(JSON.stringify(params))) },
  body: JSON.stringify(params),
});

describe('the fast lane, in front of a stand-in Yoga', () => {
  const KNOWN = '{ known }';
  const yogaSaw: { url: string | undefined; body: string | undefined; requestId: unknown }[] = [];
  const recorded: unknown[][] = [];
  const signals: AbortSignal[] = [];
  let hold: Promise<void> | undefined;
  let server: Server;

  beforeAll(async () => {
    const yoga = (request: IncomingMessage, response: ServerResponse) => {
      const body = (request as { body?: Buffer }).body;
      yogaSaw.push({ url: request.url, body: body?.toString(), requestId: request.headers['x-request-id'] });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('yoga');
    };
    server = await listen(
      withFastLane(yoga, {
        endpoint: '/graphql',
        maxRequestBodyBytes: 1000,
        metrics: { record: (...args: unknown[]) => recorded.push(args) } as never,
        answerKnown: (key, signal) =>
          key === requestKey({ query: KNOWN, variables: { a: 1 } }) || key === requestKey({ query: KNOWN })
            ? (async () => {
                signals.push(signal);
                await hold;
                return answerOf('{"known" : true}');
              })()
            : undefined,
      }),
    );
  });
  afterAll(() => close(server));

  test('a known request: Yoga’s headers and body, the caller’s request id, counted in the metrics', async () => {
    yogaSaw.length = recorded.length = 0;
    const sent = json({ query: KNOWN, variables: { a: 1 } });
    const response = await send(server, { ...sent, headers: { ...sent.headers, 'x-request-id': 'trace-1' } });
    expect(response).toMatchObject({ status: 200, body: '{"data":{"known" : true}}' });
    expect(response.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'content-length': '25',
      'x-request-id': 'trace-1',
    });
    expect(yogaSaw).toEqual([]);
    expect(recorded.map((args) => args.slice(0, 3))).toEqual([['/graphql', 'POST', 200]]);
    // Without one (or with one that is no id), a fresh id.
    const fresh = await send(server, { ...sent, headers: { ...sent.headers, accept: '*/*', 'x-request-id': 'a b' } });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test.each<[string, Sent]>([
    ['a GET', { method: 'GET', path: `/graphql?query=${encodeURIComponent(KNOWN)}` }],
    ['another path', { path: '/graphql?x=1', ...json({ query: KNOWN }) }],
    ['a credential', { ...json({ query: KNOWN }), headers: { ...json({ query: KNOWN }).headers, authorization: 'x' } }],
    [
      'an Origin (CORS)',
      { ...json({ query: KNOWN }), headers: { ...json({ query: KNOWN }).headers, origin: 'https://a' } },
    ],
    [
      'another Accept',
      {
        ...json({ query: KNOWN }),
        headers: { ...json({ query: KNOWN }).headers, accept: 'application/graphql-response+json' },
      },
    ],
    [
      'another content type',
      { ...json({ query: KNOWN }), headers: { ...json({ query: KNOWN }).headers, 'content-type': 'text/plain' } },
    ],
    [
      'no Content-Length (chunked)',
      {
        body: JSON.stringify({ query: KNOWN }),
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      },
    ],
    ['a body over the limit', json({ query: KNOWN, variables: { pad: 'x'.repeat(1000) } })],
  ])('%s goes to Yoga unread', async (_name, sent) => {
    yogaSaw.length = 0;
    expect((await send(server, sent)).body).toBe('yoga');
    expect(yogaSaw).toHaveLength(1);
    expect(yogaSaw[0]!.body).toBeUndefined();
  });

  test('a request the rate limit refuses goes to Yoga unread; one it counts is answered', async () => {
    let allow = false;
    const limited = await listen(
      withFastLane(
        (_request, response) => {
          response.writeHead(429).end('yoga');
        },
        {
          endpoint: '/graphql',
          maxRequestBodyBytes: 1000,
          rateLimit: { countForLane: async () => allow },
          answerKnown: () => Promise.resolve(answerOf('{"known" : true}')),
        },
      ),
    );
    try {
      expect(await send(limited, json({ query: KNOWN }))).toMatchObject({ status: 429, body: 'yoga' });
      allow = true;
      expect(await send(limited, json({ query: KNOWN }))).toMatchObject({ status: 200 });
    } finally {
      await close(limited);
    }
  });

  test.each<[string, string]>([
    ['a body that is not JSON', '{"query": '],
    ['a list (batching)', JSON.stringify([{ query: KNOWN }])],
    ['extensions (persisted operations)', JSON.stringify({ query: KNOWN, extensions: {} })],
    ['another parameter', JSON.stringify({ query: KNOWN, extra: 1 })],
    ['variables that are no object', JSON.stringify({ query: KNOWN, variables: [1] })],
    ['an operation name that is no string', JSON.stringify({ query: KNOWN, operationName: 1 })],
    ['a request the statement does not know', JSON.stringify({ query: '{ other }' })],
  ])('%s goes to Yoga with the body read and the request id kept', async (_name, body) => {
    yogaSaw.length = 0;
    const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
    expect((await send(server, { headers, body })).body).toBe('yoga');
    expect(yogaSaw).toEqual([{ url: '/graphql', body, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
  });

  test('a client that goes away aborts the statement’s signal; one that stays does not', async () => {
    signals.length = 0;
    await send(server, json({ query: KNOWN }));
    expect(signals[0]!.aborted).toBe(false);
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    const { port } = server.address() as AddressInfo;
    const sent = json({ query: KNOWN });
    const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/graphql', headers: sent.headers });
    request.on('error', () => {});
    request.end(sent.body);
    while (signals.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    const aborted = new Promise((resolve) => signals[1]!.addEventListener('abort', resolve));
    request.destroy();
    await aborted;
    expect(signals[1]!.aborted).toBe(true);
    hold = undefined;
    release();
  });
});

describeEachBackend('the fast lane in front of the app', (backend) => {
  const query = SHAPE_QUERIES.Q1;
  const variables = { slug: 'tulu-3-405b' };
  let lane: Server;
  let yoga: Server;

  beforeAll(async () => {
    const { app } = backend();
    lane = await listen(app.nodeListener);
    yoga = await listen(app);
  });
  afterAll(async () => {
    await close(lane);
    await close(yoga);
  });

  describe('GraphQL over HTTP audits (graphql-http) through the lane, twice: the second time, repeats are known', () => {
    for (const pass of [1, 2]) {
      for (const audit of serverAudits({
        url: () => `http://127.0.0.1:${(lane.address() as AddressInfo).port}/graphql`,
      })) {
        test(`${pass}: ${audit.name}`, async () => {
          const result = await audit.fn();
          if (audit.name.startsWith('MUST')) expect(result.status, 'reason' in result ? result.reason : '').toBe('ok');
          else expect(result.status, 'reason' in result ? result.reason : '').not.toBe('error');
        });
      }
    }
  });

  test('answers a repeated request as Yoga does, byte for byte', async () => {
    const sent = json({ query, variables, operationName: null });
    const first = await send(lane, sent);
    expect(first.body).toMatch(/^\{"data":\{"model" : \{/);
    for (const accept of [undefined, '*/*', 'application/json']) {
      const headers = { ...sent.headers, 'x-request-id': 'same-id', ...(accept ? { accept } : {}) };
      const [fast, ordinary] = [await send(lane, { ...sent, headers }), await send(yoga, { ...sent, headers })];
      expect(fast).toMatchObject({ status: ordinary.status, body: ordinary.body });
      // Every header but the time.
      const { date: _fastDate, ...fastHeaders } = fast.headers;
      const { date: _date, ...headersOfYoga } = ordinary.headers;
      expect(fastHeaders).toEqual(headersOfYoga);
      expect(fastHeaders['x-request-id']).toBe('same-id');
    }
  });

  test('the metrics count the requests it answers', async () => {
    const sent = json({ query, variables });
    await send(lane, sent);
    const answered = async () => {
      const text = (await send(lane, { method: 'GET', path: '/metrics' })).body;
      const line = text
        .split('\n')
        .find((l) => l.startsWith('modelgraph_http_requests_total{route="/graphql",method="POST",status="200"}'));
      return Number(line?.split(' ').at(-1));
    };
    const before = await answered();
    for (let i = 0; i < 3; i++) await send(lane, sent);
    expect((await answered()) - before).toBe(3);
  });

  test('the rate limit counts each request once, whichever of the lane and Yoga answers it', async () => {
    const { database } = backend();
    const app = createApp({ database, graphiql: false, http: { rateLimit: { requests: 3, windowSeconds: 600 } } });
    const server = await listen(app.nodeListener);
    try {
      const sent = json({ query, variables });
      // The first is unknown: counted by the lane, answered by Yoga (whose plugin does not count it again); the
      // next two are the lane's; the fourth is over the limit, refused by Yoga's plugin.
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await send(server, sent)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await send(server, sent);
      expect(refused.headers['retry-after']).toBeDefined();
      expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('RATE_LIMITED');
    } finally {
      await close(server);
    }
  });

  test('a statement that fails hands its outcome to Yoga, which reports it without running it again', async () => {
    const { database } = backend();
    const cancelled = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    let statements = 0;
    let failing = false;
    const flaky = {
      ...database,
      query: (statement: Parameters<typeof database.query>[0]) => {
        statements++;
        return failing ? Promise.reject(cancelled) : database.query(statement);
      },
    };
    const server = await listen(createApp({ database: flaky, graphiql: false }).nodeListener);
    try {
      const sent = json({ query, variables });
      expect(JSON.parse((await send(server, sent)).body).errors).toBeUndefined();
      failing = true;
      const failed = JSON.parse((await send(server, sent)).body);
      expect(failed.data).toEqual({ model: null });
      expect(failed.errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual([
        'TIMEOUT',
      ]);
      expect(statements).toBe(2);
      failing = false;
      expect(JSON.parse((await send(server, sent)).body).errors).toBeUndefined();
      expect(JSON.parse((await send(server, sent)).body).errors).toBeUndefined();
      expect(statements).toBe(4);
    } finally {
      await close(server);
    }
  });
});
