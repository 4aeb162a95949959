/**
 * The production layer of the HTTP app, as Yoga plugins and options: request ids, metrics, rate limiting, the
 * body limit (`useRequestBodyLimit`, src/http/body-limit.ts), CSRF prevention, persisted operations,
 * introspection and CORS. Each is configured in src/config.ts (README "Running in production"); the defaults
 * here are those of an app built without options (tests, embedding): no rate limit, no CSRF header required,
 * documents only.
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { CORSOptions, Plugin } from 'graphql-yoga';
import type { Database } from '../db/client.ts';
import { useRequestBodyLimit } from './body-limit.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { type PersistedOptions, usePersistedQueries } from './persisted.ts';
import { createRateLimit, type RateLimit, type RateLimitOptions } from './rate-limit.ts';
import { REQUEST_ID_HEADER, useRequestId } from './request-id.ts';

/** Any of these headers marks a GET or form request as sent on purpose (Yoga's, Apollo's and our own name). */
export const CSRF_HEADERS = ['x-graphql-csrf', 'x-graphql-yoga-csrf', 'apollo-require-preflight'];

export const DEFAULT_MAX_REQUEST_BODY_BYTES = 1024 * 1024;

export type HttpOptions = {
  /** Requests per client and window. @default undefined (no limit) */
  rateLimit?: RateLimitOptions | undefined;
  /** Largest request body, in bytes (see `requestBodyLimit`). @default 1 MiB */
  maxRequestBodyBytes?: number;
  /** @default undefined (documents only) */
  persisted?: PersistedOptions | undefined;
  /** @default true */
  introspection?: boolean;
  /** Require one of CSRF_HEADERS on requests a browser sends without a preflight. @default false */
  csrfPrevention?: boolean;
  /** Origins allowed by CORS: `['*']` any, `[]` no CORS headers. @default ['*'] */
  corsOrigins?: readonly string[];
  /** Serve /metrics. @default true */
  metrics?: boolean;
  /** Labels on every metric (a cluster worker's id). @default undefined */
  metricsLabels?: Record<string, string> | undefined;
};

/** The parts of the HTTP layer that the fast lane (src/http/fast-lane.ts) shares with the plugins. */
export type HttpShared = { metrics: Metrics | undefined; rateLimit: RateLimit | undefined };

/** The metrics (none with `metrics: false`) and rate limit (none without `rateLimit`) of an app. */
export function httpShared(
  { metrics = true, metricsLabels, rateLimit }: HttpOptions,
  database: Pick<Database, 'poolStats' | 'replicas'>,
): HttpShared {
  return {
    metrics: metrics
      ? createMetrics({ poolStats: database.poolStats, replicaStats: database.replicas?.stats, labels: metricsLabels })
      : undefined,
    rateLimit: rateLimit && createRateLimit(rateLimit),
  };
}

// Plugins of other packages are typed for their own context; Yoga accepts each of them.
export function httpPlugins(options: HttpOptions, { metrics, rateLimit }: HttpShared): Plugin<any>[] {
  const { persisted, introspection = true, csrfPrevention = false } = options;
  return [
    useRequestId(),
    ...(metrics ? [metrics.plugin] : []),
    ...(rateLimit ? [rateLimit.plugin] : []),
    ...(csrfPrevention ? [useCSRFPrevention({ requestHeaders: CSRF_HEADERS })] : []),
    ...(persisted ? usePersistedQueries(persisted) : []),
    ...(introspection ? [] : [useDisableIntrospection()]),
    // Last, as Yoga places its own: an oversized request is still counted by the rate limit.
    useRequestBodyLimit(requestBodyLimit(options)),
  ];
}

/**
 * The body limit (Yoga's default is 25 MB). A larger Content-Length is refused before reading, and a body without
 * one (chunked) is cut off once it passes the limit, for every request parser; nothing is parsed
 * (src/http/body-limit.ts). The error (413, "Request body too large") is reworded with the limit and the code
 * PAYLOAD_TOO_LARGE by the masking (src/graphql/mask-error.ts, `createMaskError`).
 */
export function requestBodyLimit({ maxRequestBodyBytes = DEFAULT_MAX_REQUEST_BODY_BYTES }: HttpOptions): number {
  return maxRequestBodyBytes;
}

export function corsOptions({ corsOrigins = ['*'] }: HttpOptions): CORSOptions {
  if (corsOrigins.length === 0) return false;
  return {
    origin: [...corsOrigins],
    // Credentials are bearer tokens the client sets itself; no cookie is ever read.
    credentials: false,
    exposedHeaders: [REQUEST_ID_HEADER, 'retry-after'],
  };
}
