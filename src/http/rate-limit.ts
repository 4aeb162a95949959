/**
 * Requests per client and time window, counted by rate-limiter-flexible in this process's memory (one process;
 * its Redis store shares the count between instances when the API is scaled out). A client is the credential
 * it presents (API key or JWT, keyed by a hash of the header, which is never logged) or else its IP address.
 * Over the limit, a GraphQL request gets HTTP 429, `Retry-After` and a RATE_LIMITED error before its body is
 * read. /health, /ready and /metrics are not counted: probes must not be refused.
 */
import { createHash } from 'node:crypto';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export type RateLimitOptions = {
  /** Requests a client may send in each window. */
  requests: number;
  windowSeconds: number;
  /** Reverse proxies in front of the server (see TRUST_PROXY_HOPS in src/config.ts). @default 0 */
  trustProxyHops?: number;
};

type NodeServerContext = { req?: { socket?: { remoteAddress?: string | undefined } } };

/** The address the nearest untrusted hop connected from. */
export function clientAddress(request: Request, serverContext: unknown, trustProxyHops = 0): string {
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

export function clientKey(request: Request, serverContext: unknown, trustProxyHops = 0): string {
  const authorization = request.headers.get('authorization');
  if (authorization) return `credential:${createHash('sha256').update(authorization).digest('base64url')}`;
  return `ip:${clientAddress(request, serverContext, trustProxyHops)}`;
}

export function useRateLimit({ requests, windowSeconds, trustProxyHops = 0 }: RateLimitOptions): Plugin {
  const limiter = new RateLimiterMemory({ points: requests, duration: windowSeconds });
  return {
    async onRequestParse({ request, serverContext }) {
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
}
