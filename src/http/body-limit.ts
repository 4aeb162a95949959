/**
 * An explicit bound on the request body (Yoga reads any size). A body announced larger than the limit by its
 * Content-Length is refused before a byte is read; a body without one (chunked) is read until it passes the
 * limit, then refused. Either way the client gets HTTP 413 and a PAYLOAD_TOO_LARGE error; nothing is parsed.
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';

function tooLarge(maxBytes: number) {
  return createGraphQLError(
    `The request body is larger than ${maxBytes} bytes, the limit of this server. Send a smaller document or variables, or a persisted operation's hash.`,
    { extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } } },
  );
}

/** The whole body, or a 413 error as soon as it passes `maxBytes`. */
async function readBounded(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

export function useBodyLimit({ maxBytes }: { maxBytes: number }): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return;
      const announced = Number(request.headers.get('content-length') ?? Number.NaN);
      if (announced > maxBytes) throw tooLarge(maxBytes);
      if (!requestParser) return;
      setRequestParser(async (original) => {
        const body = original.body ? await readBounded(original.body, maxBytes) : null;
        return requestParser(
          new fetchAPI.Request(original.url, { method: original.method, headers: original.headers, body }),
        );
      });
    },
  };
}
