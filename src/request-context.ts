/**
 * What is known about the HTTP request being served, reachable from any code it runs (through
 * AsyncLocalStorage), so that every log line of a request carries its id without passing a logger around.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type RequestContext = { requestId: string };

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
