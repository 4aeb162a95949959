/**
 * What GraphiQL (graphiql.ts) and the Explorer (explorer.ts) both need to send a file kept compressed in memory:
 * the encoding the client accepts, and whether its cached copy (If-None-Match) is still current.
 */
export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts (`q=0` refuses one) among those `available`. */
export function pickEncoding(
  acceptEncoding: string | null,
  available: { br?: unknown; gzip?: unknown } = { br: true, gzip: true },
): Encoding {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !/^\s*q=0(\.0*)?\s*$/.test(q ?? ''))
      .map(([name]) => name?.trim().toLowerCase()),
  );
  if (available.br && accepted.has('br')) return 'br';
  if (available.gzip && accepted.has('gzip')) return 'gzip';
  return 'identity';
}

/** Whether If-None-Match names `etag` (a list, or a weak `W/` form, as browsers send it). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  return (ifNoneMatch ?? '')
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .includes(etag);
}
