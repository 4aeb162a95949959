/**
 * The node:http listener in front of Yoga. A request that the compiled query path's `repeats` would answer by its
 * known statement (src/graphql/compiled/plugin.ts) is answered here, without Yoga's Fetch API request and response
 * objects, promise chains and plugin hooks, which were most of the Node CPU of such a request (a profile of Q1 at
 * one connection). Only requests whose every HTTP step has a known outcome are taken: a JSON POST to the GraphQL
 * endpoint, anonymous, without an Origin (CORS), with a Content-Length within the body limit, answered as
 * `application/json`, whose body holds only `query`, `operationName` and `variables`, with the same values as a
 * request that `execution` answered by its statement alone. For those, the HTTP steps are the plugins':
 * - the request id (src/http/request-id.ts): the caller's or a new one, in the response header and in the log
 *   lines written meanwhile;
 * - the metrics (src/http/metrics.ts), counted as Yoga's plugin counts them;
 * - the rate limit (src/http/rate-limit.ts) counts it before its body is read; a request it refuses goes to Yoga,
 *   which refuses it in its own words;
 * - CSRF prevention passes (a JSON body is never sent by a browser without a preflight), the body limit passes
 *   (the announced length, which Node's parser holds the body to), persisted operations pass (a document without
 *   a hash; the caller turns the lane off when they refuse documents), and so do Yoga's parameter checks;
 * - the statement runs under the request's cancellation (the client going away).
 * Everything else goes to Yoga as it came, with the body already read; so does a request whose statement no
 * longer answers all of it, whose outcome Yoga's execution then uses (its errors, masking and logging apply).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionResult } from 'graphql';
import { type AnswerKnown, type Params, requestKey } from '../graphql/compiled/plugin.ts';
import { requestContext } from '../request-context.ts';
import type { Metrics } from './metrics.ts';
import type { RateLimit } from './rate-limit.ts';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.ts';

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

export type FastLaneOptions = {
  /** Yoga's path for GraphQL requests. */
  endpoint: string;
  answerKnown: AnswerKnown;
  metrics?: Metrics | undefined;
  /** The rate limit, counted as its plugin counts (src/http/rate-limit.ts). */
  rateLimit?: Pick<RateLimit, 'countForLane'> | undefined;
  /** The body limit (src/http/index.ts, `requestBodyLimit`). */
  maxRequestBodyBytes: number;
};

/** What Yoga answers as `application/json` (its result processors; `*\/*` when there is no Accept). */
const JSON_ACCEPTS = new Set([undefined, '*/*', 'application/json', 'application/json; charset=utf-8']);
const JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);
const PARAMS = new Set(['query', 'operationName', 'variables']);
/** Bodies whose key the lane keeps (as many as the requests `repeats` knows). */
const MAX_KEYS = 256;

/** A request whose HTTP steps the lane can take, judged on its head (the body is read after). */
function isLaneRequest(request: IncomingMessage, endpoint: string, maxBytes: number): boolean {
  const { headers } = request;
  const length = headers['content-length'];
  return (
    request.method === 'POST' &&
    request.url === endpoint &&
    headers.authorization === undefined &&
    headers.origin === undefined &&
    headers['transfer-encoding'] === undefined &&
    JSON_TYPES.has(headers['content-type']?.toLowerCase() ?? '') &&
    JSON_ACCEPTS.has(headers.accept?.toLowerCase()) &&
    length !== undefined &&
    /^\d+$/.test(length) &&
    Number(length) > 0 &&
    Number(length) <= maxBytes
  );
}

/** The body's parameters when they are exactly what Yoga's checks let through; else `undefined`. */
function laneParams(text: string): Params | undefined {
  let params: unknown;
  try {
    params = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return undefined;
  const { query, operationName, variables } = params as Record<string, unknown>;
  if (!Object.keys(params).every((key) => PARAMS.has(key)) || typeof query !== 'string') return undefined;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  return params as Params;
}

/** The response body Yoga writes for a result without errors. */
function bodyOf(result: ExecutionResult): string {
  const { stringify } = result as { stringify?: (value: unknown) => string };
  return stringify ? stringify(result) : JSON.stringify(result);
}

/** `yoga` (a node:http listener) with the lane in front of it. */
export function withFastLane(
  yoga: Listener,
  { endpoint, answerKnown, metrics, rateLimit, maxRequestBodyBytes }: FastLaneOptions,
) {
  /** The `requestKey` of bodies the lane read lately, each parsed once (the same body has the same key). */
  const keys = new Map<string, string | undefined>();
  const keyOf = (body: Buffer) => {
    const text = body.toString('utf8');
    if (keys.has(text)) return keys.get(text);
    const params = laneParams(text);
    const key = params && requestKey(params);
    if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!);
    keys.set(text, key);
    return key;
  };

  async function serve(request: IncomingMessage, response: ServerResponse, body: Buffer, start: number) {
    const key = keyOf(body);
    const requestId = requestIdOf((request.headers[REQUEST_ID_HEADER] as string | undefined) ?? null);
    let result: ExecutionResult | undefined;
    if (key !== undefined) {
      const cancel = new AbortController();
      // Closed before the answer was sent: the client went away. (An abort costs an exception's stack trace.)
      response.once('close', () => response.writableFinished || cancel.abort());
      result = await requestContext.run({ requestId }, () => answerKnown(key, cancel.signal, request));
    }
    if (!result) {
      // Yoga keeps the id the log lines written meanwhile carry, and reads the body from here.
      request.headers[REQUEST_ID_HEADER] = requestId;
      (request as IncomingMessage & { body?: Buffer }).body = body;
      yoga(request, response);
      return;
    }
    const text = bodyOf(result);
    response.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      [REQUEST_ID_HEADER]: requestId,
    });
    response.end(text);
    metrics?.record(endpoint, 'POST', 200, start);
  }

  /** Reads the body, then answers or hands over; the rate limit has counted the request. */
  function read(request: IncomingMessage, response: ServerResponse, start: number) {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A body cut short (the client went away) has nobody to answer, as in Yoga.
    request.on('error', () => {});
    request.on('end', () => {
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      serve(request, response, body, start).catch((error: unknown) => response.destroy(error as Error));
    });
  }

  return (request: IncomingMessage, response: ServerResponse) => {
    if (!isLaneRequest(request, endpoint, maxRequestBodyBytes)) return yoga(request, response);
    const start = performance.now();
    if (!rateLimit) return read(request, response, start);
    // Refused: Yoga's plugin counts it and answers 429, as for any request.
    rateLimit.countForLane(request).then(
      (counted) => (counted ? read(request, response, start) : yoga(request, response)),
      (error: unknown) => response.destroy(error as Error),
    );
  };
}
