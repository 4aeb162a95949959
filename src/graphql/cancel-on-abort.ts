/**
 * When the HTTP client goes away mid-request (the request's AbortSignal aborts), its database work ends too:
 * the execution runs inside `database.runForRequest`, which cancels its running SQL and starts no more
 * (src/db/request-cancellation.ts), and Yoga's execution cancellation stops resolving further fields.
 */
import { type Plugin, useExecutionCancellation } from 'graphql-yoga';
import type { Database } from '../db/client.ts';

export function useCancelOnAbort(database: Pick<Database, 'runForRequest'>): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(useExecutionCancellation());
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const signal = (args.contextValue as { request?: Request }).request?.signal;
      if (!signal) return;
      setExecuteFn((executeArgs) => database.runForRequest(signal, () => executeFn(executeArgs)));
    },
  };
}
