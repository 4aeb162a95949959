/**
 * The request body limit. Yoga's own (`maxRequestBodySize`) pipes every body through a counting stream, which
 * costs a stream pipeline and an AbortController per request (~8 % of a small query's CPU in a profile). A body
 * with a Content-Length needs no counting: a larger announced length is refused before reading, and Node's HTTP
 * parser never delivers more body than the length it accepted. Only a body without one (chunked) is counted,
 * and cut off once past the limit. The errors are Yoga's (413 REQUEST_ENTITY_TOO_LARGE, reworded with the limit
 * by src/graphql/mask-error.ts; 400 for a malformed length).
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';

const tooLarge = () =>
  createGraphQLError('Request body too large', {
    extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' },
  });

/** One non-negative integer: anything else (a list, a sign) is how request smuggling starts. */
const CONTENT_LENGTH = /^\d+$/;

export function useRequestBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const length = request.headers.get('content-length');
      if (length != null) {
        if (!CONTENT_LENGTH.test(length)) {
          throw createGraphQLError('Content-Length header is invalid.', {
            extensions: { http: { status: 400 }, code: 'BAD_REQUEST' },
          });
        }
        if (Number(length) > limit) throw tooLarge();
        return;
      }
      const body = request.body;
      if (!requestParser || !body) return;
      setRequestParser((received) => {
        let read = 0;
        // The platform's TransformStream for a platform stream, the fetch API's for its own (graphql-yoga#4583).
        const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
        const counted = body.pipeThrough(
          new Transform({
            transform(chunk: Uint8Array, controller) {
              read += chunk.byteLength;
              if (read > limit) controller.error(tooLarge());
              else controller.enqueue(chunk);
            },
          }),
        );
        const init = { method: received.method, headers: received.headers, signal: received.signal, body: counted };
        return requestParser(new fetchAPI.Request(received.url, { ...init, duplex: 'half' } as RequestInit));
      });
    },
  };
}
