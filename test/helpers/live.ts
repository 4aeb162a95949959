/**
 * Subscribers for tests: over SSE (through any fetch: `app.fetch` or a real server's URL) and over graphql-ws.
 * Each collects the events it receives; `next()` waits for the next one, failing after a generous bound (a
 * bound, not a measurement: nothing asserts how fast an event comes).
 */
import { createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import { expect } from 'vitest';
import type { App } from '../../src/yoga.ts';
import { execute } from './graphql.ts';
import WebSocket from 'ws';

export const EVENT_WAIT_MS = 30_000;

type Event = {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

class Inbox {
  private readonly events: Event[] = [];
  private waiter: (() => void) | undefined;
  failure: unknown;
  push(event: Event) {
    this.events.push(event);
    this.waiter?.();
  }
  fail(error: unknown) {
    this.failure = error;
    this.waiter?.();
  }
  async next(what = 'an event'): Promise<Event> {
    const deadline = Date.now() + EVENT_WAIT_MS;
    while (this.events.length === 0) {
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${EVENT_WAIT_MS} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.events.shift()!;
  }
}

export type Subscriber = { next(what?: string): Promise<Event>; close(): void };

/** Subscribes over SSE: POST with `Accept: text/event-stream`, events read from the response body. */
export async function subscribeSse(
  fetchFn: (url: string, init: RequestInit) => Promise<Response> | Response,
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Subscriber> {
  const abort = new AbortController();
  const response = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  if (!response.ok || !response.body) throw new Error(`SSE subscription refused: HTTP ${response.status}`);
  const inbox = new Inbox();
  void (async () => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        if (lines.some((line) => line === 'event: next')) {
          const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6));
          inbox.push(JSON.parse(data.join('\n')) as Event);
        }
      }
    }
  })().catch((error: unknown) => {
    if (!abort.signal.aborted) inbox.fail(error);
  });
  return { next: (what) => inbox.next(what), close: () => abort.abort() };
}

/** Subscribes over graphql-ws at `url` (ws://...). */
export function subscribeWs(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  connectionParams: Record<string, unknown> = {},
): Subscriber {
  const client = createClient({ url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: false });
  const inbox = new Inbox();
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (event) => inbox.push(event as Event),
      error: (error) => inbox.fail(error instanceof Error ? error : new Error(JSON.stringify(error))),
      complete: () => {},
    },
  );
  return {
    next: (what) => inbox.next(what),
    close: () => {
      unsubscribe();
      void client.dispose();
    },
  };
}

/** Waits until `condition` holds, checking every 50 ms, failing after EVENT_WAIT_MS. */
export async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + EVENT_WAIT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${EVENT_WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The local Redis the tests share; each run keeps its keys under a prefix of its own. */
export const REDIS_URL = 'redis://127.0.0.1:6379';

/** Whether the local Redis answers a PING within a second (suites that need it are skipped otherwise). */
export async function redisAnswers(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Deletes the keys under `prefix` (a test run's own). */
export async function dropRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(keys);
  } finally {
    redis.disconnect();
  }
}

/** The answer and whether it came from the cache (`extensions.responseCache.hit`). */
export async function read(app: App, query: string, variables?: Record<string, unknown>) {
  const { status, body } = await execute(app, query, variables);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  const hit = (body as { extensions?: { responseCache?: { hit?: boolean } } }).extensions?.responseCache?.hit;
  return { data: body.data, hit };
}
