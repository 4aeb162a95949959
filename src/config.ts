/**
 * The only module that reads the environment. It is parsed once with zod; every problem is reported
 * together, so a misconfigured deployment fails at startup with the full list instead of one at a time.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const environment = z.object({
  /** TCP port of the HTTP server. @default 4000 */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /**
   * Server processes sharing the port (node:cluster; `npm start -- --workers N` sets it too). Above 1 it needs
   * DATABASE_URL: the embedded PGlite database belongs to one process. @default 1
   */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(1),
  /** Interface to listen on; 0.0.0.0 exposes the server to the network. @default 127.0.0.1 */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** PostgreSQL connection string. Unset: the embedded PGlite database in DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
  /**
   * Comma-separated postgres:// URLs of streaming replicas of DATABASE_URL: GraphQL queries read from them, every
   * write goes to DATABASE_URL (README "Scaling out"). Needs DATABASE_URL.
   */
  DATABASE_REPLICA_URLS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^postgres(ql)?$/, error: 'each must be a postgres:// or postgresql:// URL' }))),
  /**
   * With replicas: how long after a mutation the same client's queries read from the primary (0: never), on
   * every instance with REDIS_URL. @default 5000
   */
  DATABASE_REPLICA_STICKY_MS: z.coerce.number().int().min(0).default(5_000),
  /**
   * With replicas and REDIS_URL: longest a request waits for Redis to mark or look up a client that just wrote;
   * past it the process goes by its own memory (as without Redis) and logs a warning. @default 100
   */
  DATABASE_REPLICA_STICKY_REDIS_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(100),
  /** With replicas: how long a replica whose connection failed is skipped before reads try it again. @default 5000 */
  DATABASE_REPLICA_RETRY_MS: z.coerce.number().int().min(100).default(5_000),
  /** Folder of the embedded PGlite database (ignored with DATABASE_URL). @default .data/ */
  DATA_DIR: z.string().min(1).default('.data/'),
  /** Size of the pg connection pool (ignored without DATABASE_URL). @default 10 */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** Server only: PostgreSQL cancels a statement running longer than this (0: no limit). @default 15000 */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  /** Server only: a request waiting longer than this for a pooled connection fails (0: waits). @default 10000 */
  DATABASE_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** How long the server retries an unreachable database at start-up, with backoff (0: once). @default 30000 */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** On SIGTERM/SIGINT: how long running requests may finish before their SQL is cancelled. @default 10000 */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(10_000),
  /** pino log level. @default info */
  LOG_LEVEL: z.enum(logLevels).default('info'),
  /**
   * `pretty`: readable lines (pino-pretty); `json`: one JSON object per line, for log collectors; `auto`: pretty
   * on a terminal, JSON when stdout is a pipe or a file, or when NODE_ENV is production. @default auto
   */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  /** Only `production` matters: it makes LOG_FORMAT=auto write JSON. */
  NODE_ENV: z.string().optional(),
  /** Serve GraphiQL on GET /graphql from a browser. @default true */
  GRAPHIQL: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /**
   * Answer the read operations it can with one compiled SQL statement instead of a resolver per field
   * (src/graphql/compiled/); `false` sends every operation through the resolvers. @default true
   */
  COMPILED_QUERIES: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /**
   * Answer an anonymous request that the compiled path answered before (same document, operation name and
   * variables) by its statement before Yoga parses, validates and executes it again (src/graphql/compiled/
   * plugin.ts); `false` sends every request through Yoga's whole pipeline. @default true
   */
  COMPILED_REPEATS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** Answer introspection queries (`__schema`, `__type`); GraphiQL needs it. @default true */
  INTROSPECTION: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /**
   * Requests per client (per API key or JWT when one is presented, else per IP address) in each window of
   * RATE_LIMIT_WINDOW_S; the next one gets HTTP 429 with Retry-After (0: no limit). @default 600
   */
  RATE_LIMIT_REQUESTS: z.coerce.number().int().min(0).default(600),
  /** Length of the rate-limit window, in seconds. @default 60 */
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).default(60),
  /**
   * Reverse proxies in front of the server: the client's address is taken that many entries from the end of
   * X-Forwarded-For (0: the socket's address; the header is ignored, since clients can forge it). @default 0
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Largest request body read, in bytes; a larger one gets HTTP 413 without being parsed. @default 1048576 */
  MAX_REQUEST_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /**
   * `apq`: any document, plus automatic persisted queries (a client may send only the SHA-256 of a document it
   * sent before, or of one in the manifest); `allow-list`: only the manifest's operations, by hash, and no other
   * document; `off`: documents only. @default apq
   */
  PERSISTED_OPERATIONS: z.enum(['apq', 'allow-list', 'off']).default('apq'),
  /** Manifest of persisted operations (Apollo's persisted-query manifest format). @default schema/persisted-operations.json */
  PERSISTED_OPERATIONS_MANIFEST: z.string().min(1).optional(),
  /** Bytes of documents automatic persisted queries keep in memory (least recently used go first). @default 16777216 */
  APQ_CACHE_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(16 * 1024 * 1024),
  /**
   * Refuse GraphQL requests a browser sends cross-site without a CORS preflight (GET, form and text bodies)
   * unless they carry an `x-graphql-csrf` (or Yoga's/Apollo's) header. JSON POSTs are not affected. @default true
   */
  CSRF_PREVENTION: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** Origins browsers may call the API from: `*` (any), a comma-separated list, or `none` (no CORS headers). @default * */
  CORS_ORIGINS: z
    .string()
    .default('*')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  /** Serve Prometheus metrics at GET /metrics. @default true */
  METRICS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** HS256 secret that verifies JWTs of writers (at least 32 characters). Unset: only API keys write. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Required `iss` claim of JWTs, when set. */
  JWT_ISSUER: z.string().min(1).optional(),
  /** Required `aud` claim of JWTs, when set. */
  JWT_AUDIENCE: z.string().min(1).optional(),
  /** Load the bundled seed on startup when the database has never been seeded. @default true */
  SEED_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /**
   * What the first start loads: `landscape` (the curated seed and the Every Eval Ever corpus in
   * data/landscape/) or `curated` (the small curated seed only; tests and demos). @default landscape
   */
  SEED: z.enum(['landscape', 'curated']).default('landscape'),
  /**
   * Redis shared by every instance (redis:// or rediss:// URL): response cache, rate-limit counters,
   * subscription events and, with replicas, the clients that just wrote (read routing). Unset: each process
   * keeps them in its own memory.
   */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  /**
   * Cache the answers of anonymous reads (src/http/response-cache.ts): in memory, or in Redis with REDIS_URL;
   * evicted by the change feed when what they contain changes, on every instance. @default true
   */
  RESPONSE_CACHE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** Longest a cached answer is kept, in seconds, whatever changes. @default 300 */
  RESPONSE_CACHE_TTL_S: z.coerce.number().int().min(1).default(300),
  /** Prefix of every Redis key and channel, so that several deployments (or test runs) can share one Redis. @default modelgraph: */
  REDIS_KEY_PREFIX: z.string().min(1).default('modelgraph:'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  /** Server processes (node:cluster workers); 1: this process serves. */
  workers: number;
  databaseUrl: string | undefined;
  /**
   * Read replicas of `databaseUrl` (empty: none); a client's queries read the primary `stickyMs` after its
   * mutation, Redis being asked for at most `stickyRedisTimeoutMs`.
   */
  databaseReplicas: Readonly<{
    urls: readonly string[];
    stickyMs: number;
    stickyRedisTimeoutMs: number;
    retryMs: number;
  }>;
  dataDir: string;
  databasePoolSize: number;
  databaseStatementTimeoutMs: number;
  databaseAcquireTimeoutMs: number;
  databaseConnectTimeoutMs: number;
  shutdownDrainMs: number;
  logLevel: (typeof logLevels)[number];
  /** `auto`: pretty on a terminal, else JSON (never `auto` under NODE_ENV=production). */
  logFormat: 'auto' | 'pretty' | 'json';
  graphiql: boolean;
  compiledQueries: boolean;
  compiledRepeats: boolean;
  introspection: boolean;
  rateLimit: Readonly<{ requests: number; windowSeconds: number }> | undefined;
  trustProxyHops: number;
  maxRequestBodyBytes: number;
  persistedOperations: Readonly<{
    mode: 'apq' | 'allow-list' | 'off';
    manifest: string | undefined;
    apqCacheBytes: number;
  }>;
  csrfPrevention: boolean;
  /** `['*']` for any origin, `[]` for no CORS headers. */
  corsOrigins: readonly string[];
  metrics: boolean;
  seedOnStart: boolean;
  seed: 'landscape' | 'curated';
  jwt: Readonly<{ secret: string; issuer: string | undefined; audience: string | undefined }> | undefined;
  redis: Readonly<{ url: string; keyPrefix: string }> | undefined;
  /** Cache anonymous reads for at most `ttlMs`; undefined: no cache. */
  responseCache: Readonly<{ ttlMs: number }> | undefined;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads `.env` into process.env when the file exists (variables already set win), as `npm start` and the
 * scripts do; tests and embedders pass their environment to `loadConfig` directly.
 */
export function loadEnvFile(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/**
 * Whether the process's environment names a PostgreSQL server, before the configuration is parsed: src/preload.ts
 * starts compiling PGlite early without one. A DATABASE_URL that only `.env` sets is read later (that work is then
 * wasted, not wrong).
 */
export function environmentNamesDatabase(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.DATABASE_URL);
}

/** Parses an environment (process.env by default); throws a ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "unset", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems = [
    ...(e.DATABASE_REPLICA_URLS.length && !e.DATABASE_URL
      ? [
          'DATABASE_REPLICA_URLS: needs DATABASE_URL (replicas are of a PostgreSQL primary; the embedded PGlite has none)',
        ]
      : []),
    ...(e.WEB_CONCURRENCY > 1 && !e.DATABASE_URL
      ? [
          `WEB_CONCURRENCY (--workers): ${e.WEB_CONCURRENCY} workers need DATABASE_URL; the embedded PGlite database ` +
            'belongs to one process (its data folder is locked). Set DATABASE_URL or run 1 worker.',
        ]
      : []),
  ];
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze({
    port: e.PORT,
    workers: e.WEB_CONCURRENCY,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReplicas: Object.freeze({
      urls: Object.freeze(e.DATABASE_REPLICA_URLS),
      stickyMs: e.DATABASE_REPLICA_STICKY_MS,
      stickyRedisTimeoutMs: e.DATABASE_REPLICA_STICKY_REDIS_TIMEOUT_MS,
      retryMs: e.DATABASE_REPLICA_RETRY_MS,
    }),
    dataDir: e.DATA_DIR,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databaseStatementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    databaseAcquireTimeoutMs: e.DATABASE_ACQUIRE_TIMEOUT_MS,
    databaseConnectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT === 'auto' && e.NODE_ENV === 'production' ? 'json' : e.LOG_FORMAT,
    graphiql: e.GRAPHIQL,
    compiledQueries: e.COMPILED_QUERIES,
    compiledRepeats: e.COMPILED_REPEATS,
    introspection: e.INTROSPECTION,
    rateLimit: e.RATE_LIMIT_REQUESTS
      ? Object.freeze({ requests: e.RATE_LIMIT_REQUESTS, windowSeconds: e.RATE_LIMIT_WINDOW_S })
      : undefined,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    maxRequestBodyBytes: e.MAX_REQUEST_BODY_BYTES,
    persistedOperations: Object.freeze({
      mode: e.PERSISTED_OPERATIONS,
      manifest: e.PERSISTED_OPERATIONS_MANIFEST,
      apqCacheBytes: e.APQ_CACHE_BYTES,
    }),
    csrfPrevention: e.CSRF_PREVENTION,
    corsOrigins: Object.freeze(e.CORS_ORIGINS.length === 1 && e.CORS_ORIGINS[0] === 'none' ? [] : e.CORS_ORIGINS),
    metrics: e.METRICS,
    seedOnStart: e.SEED_ON_START,
    seed: e.SEED,
    jwt: e.JWT_SECRET
      ? Object.freeze({ secret: e.JWT_SECRET, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE })
      : undefined,
    redis: e.REDIS_URL ? Object.freeze({ url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX }) : undefined,
    responseCache: e.RESPONSE_CACHE ? Object.freeze({ ttlMs: e.RESPONSE_CACHE_TTL_S * 1000 }) : undefined,
  });
}
