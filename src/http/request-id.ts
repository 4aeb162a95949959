/**
 * A request id for every HTTP request: the caller's `x-request-id` when it looks like an id (a proxy or client
 * that already made one keeps it across services), else a fresh UUID. It is echoed in the `x-request-id`
 * response header, added to every response with errors as `extensions.requestId` (the response's extensions,
 * beside `errors`: one id per response, however many errors it has), and carried by every log line written while
 * the request is served (src/request-context.ts, src/logger.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { requestContext } from '../request-context.ts';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Letters, digits and `-_.:@/+=`, up to 128 characters: UUIDs, trace ids, ULIDs; nothing that breaks a log line. */
const SANE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export function requestIdOf(header: string | null): string {
  return header && SANE_ID.test(header) ? header : randomUUID();
}

type Result = { errors?: readonly unknown[] | undefined; extensions?: Record<string, unknown> | undefined };

function withRequestId<T extends Result>(result: T, requestId: string): T {
  if (!result.errors?.length) return result;
  return { ...result, extensions: { ...result.extensions, requestId } };
}

export function useRequestId(): Plugin {
  const ids = new WeakMap<Request, string>();
  return {
    instrumentation: {
      // Around the whole handling of the request, so that everything it runs sees the id.
      request({ request }, wrapped) {
        const requestId = requestIdOf(request.headers.get(REQUEST_ID_HEADER));
        ids.set(request, requestId);
        return requestContext.run({ requestId }, wrapped);
      },
    },
    onResultProcess({ request, result, setResult }) {
      const requestId = ids.get(request);
      if (!requestId || Symbol.asyncIterator in result) return;
      setResult(
        Array.isArray(result) ? result.map((r) => withRequestId(r, requestId)) : withRequestId(result, requestId),
      );
    },
    onResponse({ request, response }) {
      const requestId = ids.get(request);
      if (requestId) response.headers.set(REQUEST_ID_HEADER, requestId);
    },
  };
}
