/**
 * Requests per client and time window, counted by rate-limiter-flexible: in this process's memory, or with
 * REDIS_URL in Redis, so that every instance and worker draws on one budget per client. While Redis does not
 * answer, requests are not refused for it: each process counts in its own memory again (the insurance limiter),
 * with a warning in the log. A client is the credential
 * it presents (API key or JWT, keyed by a hash of the header, which is never logged) or else its IP address.
 * Over the limit, a GraphQL request gets HTTP 429, `Retry-After` and a RATE_LIMITED error before its body is
 * read. /health, /ready and /metrics are not counted: probes must not be refused.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import { type IRateLimiterOptions, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../logger.ts';

export type RateLimitOptions = {
  /** Requests a client may send in each window. */
  requests: number;
  windowSeconds: number;
  /** Reverse proxies in front of the server (see TRUST_PROXY_HOPS in src/config.ts). @default 0 */
  trustProxyHops?: number;
  /**
   * Count in Redis (shared by every instance) under `keyPrefix`; the caller opens and closes the connection.
   * @default undefined (this process's memory)
   */
  redis?: { client: Redis; keyPrefix: string; logger?: Logger | undefined } | undefined;
};

/** At most one warning per this long while Redis is unreachable. */
const WARN_EVERY_MS = 60_000;

/** The in-memory limiter that stands in while Redis fails; `onUse` is told each time it does. */
class InsuranceLimiter extends RateLimiterMemory {
  constructor(
    options: IRateLimiterOptions,
    private readonly onUse: () => void,
  ) {
    super(options);
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>) {
    this.onUse();
    return super.consume(...args);
  }
}

function createLimiter({ requests, windowSeconds, redis }: RateLimitOptions) {
  const options = { points: requests, duration: windowSeconds };
  if (!redis) return new RateLimiterMemory(options);
  let warnedAt = -Infinity;
  const insurance = new InsuranceLimiter(options, () => {
    if (Date.now() - warnedAt < WARN_EVERY_MS) return;
    warnedAt = Date.now();
    redis.logger?.warn('Redis does not answer: rate limits are counted in this process only until it does');
  });
  return new RateLimiterRedis({
    ...options,
    storeClient: redis.client,
    keyPrefix: redis.keyPrefix,
    insuranceLimiter: insurance,
    // While ioredis reconnects, count in memory at once rather than wait for its retries.
    rejectIfRedisNotReady: true,
  });
}

type NodeServerContext = { req?: { socket?: { remoteAddress?: string | undefined } } };

/** What a client is known by: a Fetch API request's headers, or the fast lane's view of a node:http request's. */
type HeadersOf = { headers: { get(name: string): string | null } };

/** The address the nearest untrusted hop connected from. */
export function clientAddress(request: HeadersOf, serverContext: unknown, trustProxyHops = 0): string {
  const socketAddress = (serverContext as NodeServerContext | undefined)?.req?.socket?.remoteAddress;
  if (trustProxyHops > 0) {
    const forwarded = (request.headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((address) => address.trim())
      .filter(Boolean);
    // Each trusted proxy appends the address it saw; the entries before them are the client's to forge.
    const seen = forwarded[forwarded.length - trustProxyHops];
    if (seen) return seen;
  }
  return socketAddress ?? 'unknown';
}

export function clientKey(request: HeadersOf, serverContext: unknown, trustProxyHops = 0): string {
  const authorization = request.headers.get('authorization');
  if (authorization) return `credential:${createHash('sha256').update(authorization).digest('base64url')}`;
  return `ip:${clientAddress(request, serverContext, trustProxyHops)}`;
}

/**
 * The limit as a Yoga plugin, and `countForLane` for the fast lane (src/http/fast-lane.ts), which counts a
 * request it takes at the same step (before reading its body). A request the lane counted and then leaves to
 * Yoga is not counted again; one the limit refuses is left to Yoga uncounted, whose plugin refuses it.
 */
export function createRateLimit(options: RateLimitOptions) {
  const { requests, windowSeconds, trustProxyHops = 0 } = options;
  const limiter = createLimiter(options);
  /** node:http requests the lane counted. */
  const counted = new WeakSet<object>();
  const plugin: Plugin = {
    async onRequestParse({ request, serverContext }) {
      const req = (serverContext as NodeServerContext | undefined)?.req;
      if (req && counted.has(req)) return;
      try {
        await limiter.consume(clientKey(request, serverContext, trustProxyHops));
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        const retryAfter = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        throw createGraphQLError(
          `Too many requests: a client may send ${requests} requests every ${windowSeconds} s. Retry in ${retryAfter} s.`,
          {
            extensions: {
              code: 'RATE_LIMITED',
              retryAfterSeconds: retryAfter,
              http: { status: 429, headers: { 'Retry-After': String(retryAfter) } },
            },
          },
        );
      }
    },
  };
  /** Counts an anonymous node:http request; false when the limit refuses it (and then it is not counted). */
  async function countForLane(req: IncomingMessage): Promise<boolean> {
    const header = (name: string) => {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    };
    try {
      await limiter.consume(clientKey({ headers: { get: header } }, { req }, trustProxyHops));
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return false;
      throw refusal;
    }
    counted.add(req);
    return true;
  }
  return { plugin, countForLane };
}

export type RateLimit = ReturnType<typeof createRateLimit>;
