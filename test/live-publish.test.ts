/**
 * The Redis event target publishes without waiting: a publish Redis refuses must not become an unhandled
 * rejection (which ends a Node process), only a logged warning. No Redis needed: the client is a stand-in.
 */
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { expect, test } from 'vitest';
import { loggedPublishes } from '../src/live/live-data.ts';
import type { Logger } from '../src/logger.ts';

test('a publish Redis refuses is logged, not an unhandled rejection', async () => {
  const warnings: string[] = [];
  const log = { warn: (_fields: unknown, message: string) => warnings.push(message) } as unknown as Logger;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const refusing = { publish: () => Promise.reject(new Error('Connection is closed.')) };
    const target = createRedisEventTarget({
      publishClient: loggedPublishes(refusing, log),
      subscribeClient: { on: () => {}, subscribe: () => {}, unsubscribe: () => {} } as never,
    });
    target.dispatchEvent(new CustomEvent('changes', { detail: { transaction: '1' } }));
    // Let the rejected publish settle (and an unhandled rejection be reported, were there one).
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  expect(unhandled).toEqual([]);
  expect(warnings).toEqual(['change feed: Redis did not take an event: subscribers elsewhere miss it']);
});
