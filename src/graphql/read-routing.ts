/**
 * Which GraphQL operations read from the replicas (DATABASE_REPLICA_URLS, src/db/replicas.ts): a query
 * operation's execution does, unless its client sent a mutation in the last `stickyMs`; then it reads from the
 * primary, so that a client sees its own writes despite replication lag. A mutation runs entirely on the
 * primary, its payload included. Everything outside an execution (authentication, /ready, the Explorer's files)
 * uses the primary. A client is what the rate limit counts (its credential, else its address).
 *
 * The clients that recently wrote are remembered in this process only: behind a load balancer that spreads one
 * client's requests over several instances, the stickiness holds on the instance that ran the mutation.
 */
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { readFromReplica } from '../db/replicas.ts';
import { clientKey } from '../http/rate-limit.ts';

export type ReadRoutingOptions = {
  /** How long after a mutation the same client's queries read from the primary (0: never). @default 5000 */
  stickyMs?: number;
  /** See TRUST_PROXY_HOPS (src/config.ts): how the client's address is found. @default 0 */
  trustProxyHops?: number;
};

/** Clients remembered at most (the least recently writing go first). */
const MAX_STICKY_CLIENTS = 10_000;

export function useReadRouting({ stickyMs = 5_000, trustProxyHops = 0 }: ReadRoutingOptions = {}): Plugin {
  const wrote = stickyMs > 0 ? new LRUCache<string, true>({ max: MAX_STICKY_CLIENTS, ttl: stickyMs }) : undefined;
  return {
    onExecute({ args, setExecuteFn, executeFn }) {
      const kind = getOperationAST(args.document, args.operationName)?.operation;
      const context = args.contextValue as { request?: Request };
      const client = () => (context.request ? clientKey(context.request, context, trustProxyHops) : 'unknown');
      if (kind === 'mutation') {
        if (!wrote) return;
        const key = client();
        // From the start (a query sent alongside may already need the write) and again from the end.
        wrote.set(key, true);
        return {
          onExecuteDone() {
            wrote.set(key, true);
          },
        };
      }
      if (kind !== 'query' || wrote?.has(client())) return;
      setExecuteFn((executeArgs) => readFromReplica(() => executeFn(executeArgs)));
    },
  };
}
