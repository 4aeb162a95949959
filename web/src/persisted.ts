/**
 * The Explorer sends its operations by hash, in the automatic persisted queries' protocol
 * (`extensions.persistedQuery.sha256Hash`, no document), so that a server running only persisted operations
 * (PERSISTED_OPERATIONS=allow-list) runs them. The hashes come from ../persisted-operations.json, which
 * `npm run persisted:build` writes from ./documents.ts, each document as this client would send it (formatted by
 * urql's cacheExchange, printed by stringifyDocument); the server allows them whenever it serves the Explorer. A fetch wrapper rather than an
 * exchange: urql already leaves the document out of a request that carries `persistedQuery` (makeFetchBody), but
 * this needs no crypto.subtle (absent from pages served over plain HTTP) and no extra package.
 * - a document that is not in the manifest (one edited since the last persisted:build) is sent as text;
 * - a server that does not know the hash (PersistedQueryNotFound) gets the document with its hash, as an APQ client
 *   registers it; a server without persisted operations (PERSISTED_OPERATIONS=off: "Must provide query string")
 *   gets the document, and from then on only documents.
 */
import manifest from '../persisted-operations.json';

const hashes: ReadonlyMap<string, string> = new Map(manifest.operations.map(({ id, body }) => [body, id]));

type RequestBody = { query?: string; extensions?: Record<string, unknown> } & Record<string, unknown>;
type ErrorBody = { errors?: { message?: string; extensions?: { code?: string } }[] };

/** What a refused request says about hashes: not known (send the document with it), or not taken at all. */
async function persistedRefusal(response: Response): Promise<'unknown' | 'unsupported' | undefined> {
  const body = (await response.json().catch(() => undefined)) as ErrorBody | undefined;
  for (const { message = '', extensions } of body?.errors ?? []) {
    if (extensions?.code === 'PERSISTED_QUERY_NOT_FOUND' || message.startsWith('PersistedQueryNotFound'))
      return 'unknown';
    if (message.startsWith('PersistedQueryNotSupported') || message.startsWith('Must provide query string'))
      return 'unsupported';
  }
  return undefined;
}

/** A fetch for urql's client that sends the Explorer's operations by hash, through `send`. */
export function createPersistedFetch(send: typeof fetch = (input, init) => fetch(input, init)): typeof fetch {
  /** False once the server has shown that it takes no hashes. */
  let serverTakesHashes = true;
  return async (input, init) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as RequestBody) : undefined;
    const hash = serverTakesHashes && body?.query !== undefined ? hashes.get(body.query) : undefined;
    if (!body || hash === undefined) return send(input, init);
    const extensions = { ...body.extensions, persistedQuery: { version: 1, sha256Hash: hash } };
    const { query, ...byHash } = body;
    const response = await send(input, { ...init, body: JSON.stringify({ ...byHash, extensions }) });
    if (response.ok) return response;
    const refusal = await persistedRefusal(response.clone());
    if (refusal === undefined) return response;
    if (refusal === 'unsupported') serverTakesHashes = false;
    return send(input, { ...init, body: JSON.stringify({ ...body, extensions }) });
  };
}
