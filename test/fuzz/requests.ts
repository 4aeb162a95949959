/**
 * Fuzzed GraphQL-over-HTTP requests, generated from the schema with fast-check: documents with random root
 * fields (queries and mutations), aliases, inline and named fragments, deep selections, and arguments given as
 * literals or variables with hostile values (huge ints, NUL bytes, bad custom scalars, wrong kinds, unknown
 * enum values, forged IDs); plus malformed requests (GET parameters that are not JSON, bodies that are not
 * GraphQL requests, brackets nested a thousand deep, forged credentials). No vitest import: `npm run fuzz` uses it.
 */
import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';

export type FuzzRequest = { method: 'GET' | 'POST'; url: string; headers: Record<string, string>; body?: string };

/** Strings that have broken servers: NUL bytes, lone surrogates, quotes, wildcards, paths, very long text. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  'tulu-3-405b',
  'llama-3.1-405b',
  'gsm8k',
  'allen-institute-for-ai',
  'a\u0000b',
  '\u0000',
  "'; drop table model; --",
  '" or 1=1 --',
  '%',
  '_%_',
  '\\',
  '😀🚀',
  '\ud800',
  'null',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '{"a":1}',
];
/** Rarely: a string of 10,000 characters. */
const LONG_STRING = 'x'.repeat(10_000);

const HUGE_INTS = [0, -1, 1, 2, 100, 101, 500, 501, 2147483647, 2147483648, -2147483649, 9007199254740993, 1e20];

/** Global IDs: well-formed for real and missing rows, of the wrong type, and malformed. */
const IDS = [
  'Model:1',
  'Model:5',
  'Organization:1',
  'Organization:4',
  'Dataset:1',
  'Technique:1',
  'Source:1',
  'BenchmarkResult:1',
  'Model:999999999',
  'Model:-1',
  'Model:abc',
  'Model:1e5',
  'Nope:1',
  'Model:99999999999999999999',
  ':',
].map((id) => Buffer.from(id).toString('base64'));
const BAD_IDS = ['', 'not-base64!', '====', 'TW9kZWw6', '\u0000', '1'];

const CUSTOM_SCALARS: Record<string, unknown[]> = {
  Date: ['2025-01-30', '2025-02-30', '0000-00-00', '99999-01-01', 'notadate', 20250130],
  DateTime: ['2025-01-30T12:00:00Z', '2025-13-40T99:99:99Z', 'yesterday', 0],
  URL: ['https://example.com/x', 'notaurl', 'javascript:alert(1)', 'file:///etc/passwd', ''],
  CountryCode: ['US', 'FR', 'ZZ', 'usa', ''],
  SafeInt: [0, 9007199254740991, 9007199254740992, -9007199254740992, 1.5],
  JSONObject: [{ a: 1 }, { nested: { deep: [1, 2, { x: null }] } }, 'x', [1], null],
};

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A GraphQL literal: `Enum` prints bare, the rest like JSON (GraphQL strings accept JSON's escapes). */
class Enum {
  constructor(readonly name: string) {}
}

function printLiteral(value: unknown): string {
  if (value instanceof Enum) return value.name;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(printLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, v]) => `${key}: ${printLiteral(v)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '1e400';
  // A lone surrogate is a syntax error in a document (MALFORMED has one); in variables it is a value to handle.
  return JSON.stringify(typeof value === 'string' ? value.replace(LONE_SURROGATE, '\ufffd') : value);
}

/** As a variable's JSON value, an enum is its name. */
function toJson(value: unknown): unknown {
  if (value instanceof Enum) return value.name;
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

/**
 * The random choices of one document, from a seed fast-check draws: the generator makes hundreds of choices per
 * document, and fast-check's own per-choice generators (`fc.gen`) cost a hundred times more. The same seed gives
 * the same document, so a failure replays from fast-check's seed and path.
 */
class Random {
  private state: number;
  /** Fields left to select in this document: keeps documents near what the token limit allows. */
  budget = 120;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32 */
  private next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(values: readonly T[]): T {
    return values[this.int(0, values.length - 1)] as T;
  }
  chance(percent: number): boolean {
    return this.next() * 100 < percent;
  }
}

type Gen = Random;
const pick = <T>(g: Gen, values: readonly T[]): T => g.pick(values);
const chance = (g: Gen, percent: number) => g.chance(percent);

/** Any value, of any kind: what a careless or hostile client sends where something else was expected. */
function wrongKind(g: Gen): unknown {
  return pick(g, [
    'text',
    42,
    -7.5,
    true,
    null,
    [],
    [1, 'a'],
    {},
    { unknown: 1 },
    new Enum('NOT_A_VALUE'),
    pick(g, HOSTILE_STRINGS),
  ]);
}

/** A value for an input type: mostly of the right kind, often hostile, sometimes of the wrong kind. */
function inputValue(g: Gen, type: GraphQLInputType, depth = 0): unknown {
  if (chance(g, 2)) return wrongKind(g);
  if (isNonNullType(type)) return chance(g, 1) ? null : inputValue(g, type.ofType, depth);
  if (isListType(type)) {
    if (chance(g, 10)) return inputValue(g, type.ofType, depth);
    const length = g.int(0, depth > 2 ? 1 : 3);
    return Array.from({ length }, () => inputValue(g, type.ofType, depth + 1));
  }
  if (isEnumType(type)) {
    return new Enum(chance(g, 97) ? pick(g, type.getValues()).name : 'BOGUS_VALUE');
  }
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) ? chance(g, 95) : chance(g, 40) && depth < 4) {
        value[field.name] = inputValue(g, field.type, depth + 1);
      }
    }
    if (chance(g, 2)) value.notAField = 'x';
    return value;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return pick(g, HUGE_INTS);
      case 'Float':
        return pick(g, [0, 0.5, -1, 1e308, 3.14159, 100.0001]);
      case 'String':
        return chance(g, 2) ? LONG_STRING : pick(g, HOSTILE_STRINGS);
      case 'Boolean':
        return g.chance(50);
      case 'ID':
        return chance(g, 90) ? pick(g, IDS) : pick(g, BAD_IDS);
      default:
        return pick(g, CUSTOM_SCALARS[type.name] ?? HOSTILE_STRINGS);
    }
  }
  return wrongKind(g);
}

function printType(type: GraphQLInputType): string {
  if (isNonNullType(type)) return `${printType(type.ofType)}!`;
  if (isListType(type)) return `[${printType(type.ofType)}]`;
  return type.name;
}

type Builder = {
  g: Gen;
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  declarations: string[];
  fragments: string[];
};

function argumentsOf(b: Builder, args: readonly GraphQLArgument[]): string {
  const given: string[] = [];
  for (const arg of args) {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (!(required ? chance(b.g, 97) : chance(b.g, 40))) continue;
    const value = inputValue(b.g, arg.type);
    if (chance(b.g, 30)) {
      const name = `v${b.declarations.length}`;
      // Sometimes declared with another type than the argument's: graphql-js must refuse it, not the resolver.
      const declared = chance(b.g, 2) ? pick(b.g, ['Int', 'String!', 'URL', 'Date', '[ID!]!']) : printType(arg.type);
      b.declarations.push(`$${name}: ${declared}`);
      if (!chance(b.g, 2)) b.variables[name] = toJson(value);
      given.push(`${arg.name}: $${name}`);
    } else {
      given.push(`${arg.name}: ${printLiteral(value)}`);
    }
  }
  if (chance(b.g, 1)) given.push(`notAnArgument: 1`);
  return given.length ? `(${given.join(', ')})` : '';
}

/** A selection set on `type`, `depth` levels deep at most. */
function selection(b: Builder, type: GraphQLNamedType, depth: number): string {
  const parts: string[] = [];
  if (isAbstractType(type)) {
    parts.push('__typename');
    const possible = b.schema.getPossibleTypes(type);
    const count = b.g.int(1, Math.min(2, possible.length));
    for (let i = 0; i < count; i++) {
      const on = pick(b.g, possible);
      parts.push(`... on ${on.name} ${selection(b, on, depth)}`);
    }
    if (isInterfaceType(type)) parts.push(...fieldSelections(b, type, depth, 2));
    return `{ ${parts.join(' ')} }`;
  }
  if (isObjectType(type)) {
    parts.push(...fieldSelections(b, type, depth, 3));
    if (chance(b.g, 10)) {
      const name = `F${b.fragments.length}`;
      b.fragments.push(`fragment ${name} on ${type.name} ${selection(b, type, depth)}`);
      parts.push(`...${name}`);
    }
  }
  return `{ ${parts.length ? parts.join(' ') : '__typename'} }`;
}

function fieldSelections(
  b: Builder,
  type: GraphQLObjectType | { getFields(): Record<string, GraphQLField<unknown, unknown>> },
  depth: number,
  most: number,
): string[] {
  const fields = Object.values(type.getFields());
  const count = b.g.int(1, Math.min(most, fields.length));
  const chosen: string[] = [];
  for (let i = 0; i < count && b.g.budget > 0; i++, b.g.budget--) chosen.push(field(b, pick(b.g, fields), depth, i));
  return chosen;
}

function field(b: Builder, f: GraphQLField<unknown, unknown>, depth: number, index: number): string {
  const named = getNamedType(f.type);
  const args = argumentsOf(b, f.args);
  // Without an alias, the same field twice with other arguments is a (correct) validation error; 30 aliases at most.
  const alias = chance(b.g, args ? 60 : 10) ? `a${index}_${b.g.int(0, 9999)}: ` : '';
  const composite = isObjectType(named) || isAbstractType(named);
  if (!composite) return `${alias}${f.name}${args}`;
  if (depth <= 0) return `${alias}${f.name}${args} { __typename }`;
  return `${alias}${f.name}${args} ${selection(b, named, depth - 1)}`;
}

/** A document from the schema, with its variables. */
export function documentFrom(g: Gen, schema: GraphQLSchema): { query: string; variables: Record<string, unknown> } {
  const b: Builder = { g, schema, variables: {}, declarations: [], fragments: [] };
  const mutation = chance(g, 25) && schema.getMutationType();
  const root = (mutation || schema.getQueryType()) as GraphQLObjectType;
  const fields = Object.values(root.getFields());
  const depth = chance(g, 10) ? g.int(10, 20) : g.int(1, 4);
  const roots = chance(g, 5) ? g.int(20, 40) : g.int(1, 3);
  const selections = Array.from({ length: roots }, (_, i) => field(b, pick(g, fields), depth, i));
  const header = `${mutation ? 'mutation' : 'query'} Fuzz${b.declarations.length ? `(${b.declarations.join(', ')})` : ''}`;
  const query = [`${header} { ${selections.join(' ')} }`, ...b.fragments].join('\n');
  return { query, variables: b.variables };
}

const ENDPOINT = 'http://modelgraph.test/graphql';
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

/** Credentials nobody issued: writes must still be refused. */
const FORGED_AUTHORIZATION = [
  `Bearer mg_${'0'.repeat(64)}`,
  'Bearer mg_',
  'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.',
  'Bearer eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYWRtaW4iLCJzdWIiOiJ4In0.c2lnbmF0dXJl',
  'Basic YWRtaW46YWRtaW4=',
  'Bearer',
  `Bearer ${'A'.repeat(8_000)}`,
];

function post(body: string, headers: Record<string, string> = JSON_HEADERS): FuzzRequest {
  return { method: 'POST', url: ENDPOINT, headers, body };
}

function get(params: string): FuzzRequest {
  return { method: 'GET', url: `${ENDPOINT}?${params}`, headers: { accept: 'application/json' } };
}

/** Hand-made malformed requests: each has made a server answer 500 somewhere. */
export const MALFORMED: FuzzRequest[] = [
  get('query={__typename}&variables={'),
  get('query={__typename}&extensions={'),
  get('query={__typename}&variables=[1]'),
  get('query={__typename}&variables=null'),
  get(`query=${encodeURIComponent('{'.repeat(1_000))}`),
  get(`query=${encodeURIComponent(`${'{ a '.repeat(1_000)}${'}'.repeat(1_000)}`)}`),
  get(`query=${encodeURIComponent('mutation { deleteSource(id: "x") { __typename } }')}`),
  get('query='),
  get('variables={}'),
  get(`query=%E0%A4%A`),
  post('{"query":'),
  post(''),
  post('[]'),
  post('[{"query":"{__typename}"}]'),
  post('{"query":1}'),
  post('{"query":"{__typename}","variables":"x"}'),
  post('{"query":"{__typename}","operationName":1}'),
  post('{"query":"query A { __typename } query B { __typename }"}'),
  post('{"query":"{__typename}","operationName":"Missing"}'),
  post('{"query":"{__typename}"}', { 'content-type': 'text/plain' }),
  post('{ __typename }', { 'content-type': 'application/graphql' }),
  post('query=%7B__typename%7D&variables=%7B', { 'content-type': 'application/x-www-form-urlencoded' }),
  post(JSON.stringify({ query: `{ ${'model(slug: "x") { '.repeat(500)}${'}'.repeat(500)} }` })),
  post(JSON.stringify({ query: `{ models(${'['.repeat(2_000)}) { totalCount } }` })),
  post(JSON.stringify({ query: 'query ($s: URL!) { __typename }', variables: { s: 'notaurl' } })),
  post(JSON.stringify({ query: 'query ($d: Date) { __typename }', variables: { d: '2025-02-30' } })),
  post(JSON.stringify({ query: '{ models(first: 2147483647) { totalCount } }' })),
  post(JSON.stringify({ query: '{ models(first: -1) { totalCount } }' })),
  post(JSON.stringify({ query: '{ model(slug: "a\\u0000b") { name } }' })),
  post(JSON.stringify({ query: '{ model(slug: "\\ud800") { name } }' })),
  post(JSON.stringify({ query: '{ __schema { types { name fields { name args { name } } } } }' })),
  post(JSON.stringify({ query: 'subscription { __typename }' })),
];

/** Any fuzzed request: mostly documents from the schema, some hand-made malformed ones. */
export function fuzzRequests(schema: GraphQLSchema): fc.Arbitrary<FuzzRequest> {
  const generated = fc.integer().map((seed): FuzzRequest => {
    const g = new Random(seed);
    const { query, variables } = documentFrom(g, schema);
    const headers: Record<string, string> = { ...JSON_HEADERS };
    if (chance(g, 30)) headers.authorization = pick(g, FORGED_AUTHORIZATION);
    if (chance(g, 10) && !query.startsWith('mutation')) {
      const params = new URLSearchParams({ query, variables: JSON.stringify(variables) });
      return { method: 'GET', url: `${ENDPOINT}?${params}`, headers: { ...headers, accept: 'application/json' } };
    }
    return post(JSON.stringify({ query, variables }), headers);
  });
  return fc.oneof({ weight: 9, arbitrary: generated }, { weight: 1, arbitrary: fc.constantFrom(...MALFORMED) });
}

/** What must never be in an error sent to a client: stacks, file paths, SQL, driver messages. */
const LEAKS: [string, RegExp][] = [
  ['stack trace', /\n\s+at \S|\bat (async )?[\w.<>]+ \(/],
  ['file path', /node_modules|\/src\/|\/test\/|\b[\w-]+\.(ts|mjs|cjs):\d+|file:\/\//],
  ['SQL', /Failed query|\bparams:|\b(select|insert|update|delete)\b[^"]{0,80}\b(from|into|set|where)\b/i],
  [
    'driver message',
    /DrizzleQueryError|DatabaseError|PGlite|ECONN|syntax error at or near|relation "|violates \w+ constraint|current transaction is aborted|duplicate key/i,
  ],
];

export type Problem = { kind: string; detail: string };

/** The errors of a GraphQL response, or undefined when the body is not one (not JSON, no `errors` list). */
function errorsOf(text: string): unknown[] | undefined {
  try {
    const errors = (JSON.parse(text) as { errors?: unknown } | null)?.errors;
    return Array.isArray(errors) ? errors : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The problems of one response: a 5xx, a leak in its errors, a masked unexpected error, an error without
 * `extensions.code` (a client tells errors apart by their code, never by their message; a 4xx must say why as
 * a GraphQL error). `sent` is the request's text: what an error only echoes back from it (a hostile slug, a
 * URL) is the client's own, not a leak.
 */
export function problemsOf(status: number, text: string, sent: string): Problem[] {
  const problems: Problem[] = [];
  if (status >= 500) problems.push({ kind: '5xx', detail: `HTTP ${status}: ${text.slice(0, 300)}` });
  const errors = errorsOf(text);
  // The errors only (data is the database's content, sent on purpose), as the texts a client reads; not JSON:
  // all of it.
  const errorsText = errors ? strings(errors).join('\n') : text;
  for (const error of errors ?? []) {
    const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
    if (typeof code !== 'string' || code === '') {
      problems.push({ kind: 'error without code', detail: JSON.stringify(error).slice(0, 300) });
    }
  }
  if (!errors && status >= 400) {
    problems.push({
      kind: 'error without code',
      detail: `HTTP ${status} without GraphQL errors: ${text.slice(0, 200)}`,
    });
  }
  const echoes = `${sent}\n${strings(parsedOrNothing(sent)).join('\n')}`;
  for (const [kind, pattern] of LEAKS) {
    for (const match of errorsText.matchAll(new RegExp(pattern, 'gi'))) {
      if (echoes.includes(match[0])) continue;
      problems.push({
        kind: `leaked ${kind}`,
        detail: errorsText.slice(Math.max(0, match.index - 100), match.index + 200),
      });
      break;
    }
  }
  // A code the masking gives what it cannot classify is as unexpected as its message.
  if (errorsText.includes('Unexpected error.') || errorsText.includes('INTERNAL_SERVER_ERROR')) {
    problems.push({ kind: 'unexpected error', detail: errorsText.slice(0, 300) });
  }
  return problems;
}

/** Every string in a JSON value (messages, extensions), unescaped. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function parsedOrNothing(text: string): unknown {
  const body = text.slice(text.indexOf('\n') + 1);
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
