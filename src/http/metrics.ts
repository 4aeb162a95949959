/**
 * Prometheus metrics at GET /metrics (prom-client), in a registry of the app's own so that several apps in one
 * process (tests) do not collide:
 * - modelgraph_http_requests_total and modelgraph_http_request_duration_seconds, by route, method and status;
 * - modelgraph_graphql_errors_total by error code (UNEXPECTED for masked failures);
 * - modelgraph_sql_timeouts_total: requests whose SQL the statement timeout cancelled (code TIMEOUT);
 * - modelgraph_response_cache_total{result=hit|miss}: reads answered from the response cache or not (only
 *   while it is on: src/http/response-cache.ts);
 * - modelgraph_db_pool_connections{state=in_use|idle} and modelgraph_db_pool_waiting (PostgreSQL only);
 * - with read replicas, per replica: modelgraph_db_replica_up, modelgraph_db_replica_pool_connections{state},
 *   modelgraph_db_replica_statements_total (answered) and modelgraph_db_replica_fallbacks_total (run on the
 *   primary instead);
 * - Node's process metrics (memory, CPU, event-loop lag, garbage collection) with the `modelgraph_` prefix.
 */
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolStats, ReplicaStats } from '../db/client.ts';

export const METRICS_PATH = '/metrics';

/** Routes with a label of their own; anything else is `other`, so that probing random paths adds no series. */
const ROUTES = new Set(['/graphql', '/health', '/ready', METRICS_PATH]);

export type MetricsOptions = {
  poolStats?: (() => PoolStats) | undefined;
  replicaStats?: (() => ReplicaStats[]) | undefined;
  /** Labels on every series (`worker` in a cluster worker). */
  labels?: Record<string, string> | undefined;
};

/** The per-replica series, read from `replicaStats` at each scrape. */
function replicaMetrics(registry: Registry, replicaStats: () => ReplicaStats[]) {
  const labelNames = ['replica'] as const;
  new Gauge({
    name: 'modelgraph_db_replica_up',
    help: 'Read replica in use (1), or skipped after a connection failure (0).',
    labelNames,
    registers: [registry],
    collect() {
      for (const { name, up } of replicaStats()) this.set({ replica: name }, up ? 1 : 0);
    },
  });
  new Gauge({
    name: 'modelgraph_db_replica_pool_connections',
    help: 'Pooled connections to a read replica, by state.',
    labelNames: ['replica', 'state'] as const,
    registers: [registry],
    collect() {
      for (const { name, pool } of replicaStats()) {
        this.set({ replica: name, state: 'in_use' }, pool.total - pool.idle);
        this.set({ replica: name, state: 'idle' }, pool.idle);
      }
    },
  });
  // Counted by the replica pool itself; each scrape copies the totals.
  const counter = (name: string, help: string, value: (stats: ReplicaStats) => number) =>
    new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const stats of replicaStats()) this.inc({ replica: stats.name }, value(stats));
      },
    });
  counter('modelgraph_db_replica_statements_total', 'Statements a read replica answered.', (s) => s.statements);
  counter(
    'modelgraph_db_replica_fallbacks_total',
    'Statements meant for a read replica that ran on the primary (replica down, or the statement writes).',
    (s) => s.fallbacks,
  );
}

export function createMetrics({ poolStats, replicaStats, labels }: MetricsOptions = {}) {
  const registry = new Registry();
  if (labels) registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry, prefix: 'modelgraph_' });
  const requests = new Counter({
    name: 'modelgraph_http_requests_total',
    help: 'HTTP requests answered, by route, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'modelgraph_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to its response, by route, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'modelgraph_graphql_errors_total',
    help: 'GraphQL errors returned, by extensions.code (UNEXPECTED: a masked internal failure).',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const sqlTimeouts = new Counter({
    name: 'modelgraph_sql_timeouts_total',
    help: 'GraphQL errors caused by the statement timeout cancelling SQL (DATABASE_STATEMENT_TIMEOUT_MS).',
    registers: [registry],
  });
  const responseCache = new Counter({
    name: 'modelgraph_response_cache_total',
    help: 'Reads the response cache was asked for, by result: hit (answered from the cache) or miss.',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  if (poolStats) {
    new Gauge({
      name: 'modelgraph_db_pool_connections',
      help: 'Pooled PostgreSQL connections, by state.',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const { total, idle } = poolStats();
        this.set({ state: 'in_use' }, total - idle);
        this.set({ state: 'idle' }, idle);
      },
    });
    new Gauge({
      name: 'modelgraph_db_pool_waiting',
      help: 'Queries waiting for a free pooled connection.',
      registers: [registry],
      collect() {
        this.set(poolStats().waiting);
      },
    });
  }

  if (replicaStats) replicaMetrics(registry, replicaStats);

  // Each request's start and route, from the URL Yoga has parsed (parsing it again costs a few µs per request).
  const started = new WeakMap<Request, { start: number; route: string }>();
  const routeOf = (path: string) => (ROUTES.has(path) ? path : 'other');
  const plugin: Plugin = {
    onRequest({ request, url, fetchAPI, endResponse }) {
      started.set(request, { start: performance.now(), route: routeOf(url.pathname) });
      if (url.pathname === METRICS_PATH && request.method === 'GET') {
        return registry
          .metrics()
          .then((text) =>
            endResponse(new fetchAPI.Response(text, { headers: { 'content-type': registry.contentType } })),
          );
      }
    },
    onResultProcess({ result }) {
      if (Symbol.asyncIterator in result) return;
      for (const { errors: list, extensions } of Array.isArray(result) ? result : [result]) {
        const hit = (extensions?.responseCache as { hit?: unknown } | undefined)?.hit;
        if (typeof hit === 'boolean') responseCache.inc({ result: hit ? 'hit' : 'miss' });
        for (const error of list ?? []) {
          const code = error.extensions?.code;
          errors.inc({ code: typeof code === 'string' ? code : 'UNEXPECTED' });
          if (code === 'TIMEOUT') sqlTimeouts.inc();
        }
      }
    },
    onResponse({ request, response }) {
      const seen = started.get(request);
      record(seen?.route ?? routeOf(new URL(request.url).pathname), request.method, response.status, seen?.start);
    },
  };
  /** Counts one answered request, and its duration when its start (`performance.now()`) is known. */
  function record(route: string, method: string, status: number, start: number | undefined) {
    const labels = { route, method, status: String(status) };
    requests.inc(labels);
    if (start !== undefined) duration.observe(labels, (performance.now() - start) / 1000);
  }
  return { registry, plugin, record };
}

export type Metrics = ReturnType<typeof createMetrics>;
