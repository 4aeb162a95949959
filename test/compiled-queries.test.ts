/**
 * The compiled query path (src/graphql/compiled/) answers exactly what the resolvers answer. Every operation
 * here runs twice on the same seeded database, through an app with the path and one without, and the two HTTP
 * responses must be equal. The operations that the path is meant to take must also be compiled (one statement),
 * so the comparison cannot pass by both answers coming from the resolvers; and every field the compiler accepts
 * is asked for, on every type reachable from the compiled root fields, and compared.
 */
import { PgDialect } from 'drizzle-orm/pg-core';
import { type GraphQLObjectType, getNamedType, isObjectType, parse } from 'graphql';
import { beforeAll, expect, test } from 'vitest';
import { GRAPH_LIMITS } from '../src/analytics/graph.ts';
import { answerOf, compileOperation } from '../src/graphql/compiled/plugin.ts';
import { schema } from '../src/graphql/index.ts';
import { loadExampleOperations } from '../src/graphql/operations.ts';
import { type App, createApp } from '../src/yoga.ts';
import { ANALYST_QUERIES, SHAPE_QUERIES } from './bench/operations.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { execute, expectData } from './helpers/graphql.ts';

const MODEL = 'tulu-3-405b';
const ORGANIZATION = 'allen-institute-for-ai';

/** Whether the compiled path takes `query` with `variables` (a statement is built; it may still fall back). */
function compiles(query: string, variables: Record<string, unknown> = {}): boolean {
  const compiled = compileOperation({ schema, document: parse(query), variableValues: variables, contextValue: {} });
  return !('notCompiled' in compiled);
}

/** Operations the compiled path must take, with the variables to run them with. */
const compiledCases: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  { name: 'Q1 model card', query: SHAPE_QUERIES.Q1, variables: { slug: MODEL } },
  { name: 'Q2 nested', query: SHAPE_QUERIES.Q2 },
  { name: 'Q3 results by value', query: SHAPE_QUERIES.Q3, variables: { dataset: 'gsm8k', metric: 'exact-match' } },
  { name: 'Q4 models by size', query: SHAPE_QUERIES.Q4, variables: { min: 1_000_000_000, max: 500_000_000_000 } },
  {
    name: 'fragments, aliases, __typename, directives, edges and pageInfo',
    query: `query ($withOrg: Boolean!, $skipSlug: Boolean!) {
      __typename
      card: model(slug: "${MODEL}") { ...Card ... on Model { id name } }
      again: model(slug: "${MODEL}") { __typename slug @skip(if: $skipSlug) organization @include(if: $withOrg) { name } }
      organizations(first: 3) {
        __typename totalCount
        pageInfo { hasNextPage hasPreviousPage __typename }
        edges { __typename node { id slug name modelCount models(first: 2) { totalCount pageInfo { hasNextPage } nodes { slug } } } }
      }
    }
    fragment Card on Model {
      id slug name aliases description architecture parameterCount releaseDate openWeights huggingfaceId
      license { slug name category }
      developers { position organization { slug kind country } source { slug } }
      baseModels { kind details unverified baseModel { slug } model { slug } source { slug } }
      derivatives { kind model { slug } }
      techniques { stage details technique { slug name kind } source { slug } }
      externalIds { namespace value }
      results(first: 100) { totalCount pageInfo { hasNextPage } nodes { id value reportedValue stderr unverified setting { shots chainOfThought passK split harness scaffold variant } dataset { slug name } metric { slug unit higherIsBetter } evaluator { slug } } }
    }`,
    variables: { withOrg: true, skipSlug: true },
  },
  {
    name: 'every model ordering and direction, with filters',
    query: `{
      slugAsc: models(first: 100) { totalCount nodes { slug } }
      nameDesc: models(first: 100, orderBy: { field: NAME, direction: DESC }) { nodes { slug } }
      released: models(first: 100, orderBy: { field: RELEASE_DATE }) { nodes { slug releaseDate } }
      releasedDesc: models(first: 100, orderBy: { field: RELEASE_DATE, direction: DESC }) { nodes { slug } }
      sizes: models(first: 100, orderBy: { field: PARAMETER_COUNT, direction: DESC }) { nodes { slug parameterCount } }
      filtered: models(filter: { openWeights: true, organization: ["meta", "${ORGANIZATION}"], text: "llama" }) { totalCount nodes { slug } }
      small: models(first: 1, orderBy: { field: NAME }) { pageInfo { hasNextPage hasPreviousPage } nodes { name } }
      none: models(filter: { text: "no such model anywhere" }) { totalCount }
      noneListed: models(filter: { text: "no such model anywhere" }) { totalCount pageInfo { hasNextPage } nodes { slug } }
      noPage: models { pageInfo { hasPreviousPage } }
    }`,
  },
  {
    name: 'every organization and result ordering',
    query: `{
      orgs: organizations(first: 100, orderBy: { field: FOUNDED_YEAR, direction: DESC }) { nodes { slug foundedYear } }
      byName: organizations(first: 100, orderBy: { field: NAME }, filter: { kind: [COMPANY] }) { totalCount nodes { slug } }
      one: organization(slug: "${ORGANIZATION}") { name models(first: 100) { nodes { slug releaseDate } } }
      stored: benchmarkResults(first: 100) { totalCount nodes { id value } }
      byValue: benchmarkResults(first: 100, orderBy: { field: VALUE, direction: DESC }) { nodes { value model { slug } } }
      byDate: benchmarkResults(first: 100, orderBy: { field: REPORTED_ON }, filter: { dataset: ["gsm8k", "popqa"] }) { nodes { value reportedOn } }
    }`,
  },
  {
    name: 'the bench leaderboard',
    query: ANALYST_QUERIES.leaderboard,
    variables: { dataset: 'gsm8k', metric: 'exact-match', setting: { variant: null } },
  },
  {
    name: 'leaderboards: every field, ties, a lower-is-better metric, page sizes',
    query: `{
      full: leaderboard(dataset: "gsm8k", metric: "exact-match", setting: { variant: null }, first: 3) {
        __typename totalModels asOf
        comparability { key resultCount dataset { slug name } metric { slug higherIsBetter } setting { shots chainOfThought passK split harness scaffold variant } }
        entries { __typename rank value model { slug } organization { slug } result { id value } source { slug }
                  conflict { __typename count min max spread results { id value source { slug } } } }
      }
      ties: leaderboard(dataset: "arc-challenge", metric: "accuracy", setting: { shots: 25 }) { totalModels entries { rank value model { slug } } }
      lowerIsBetter: leaderboard(dataset: "pile-test", metric: "bits-per-byte") { entries { rank value model { slug } } }
      chainOfThought: leaderboard(dataset: "mmlu-pro", metric: "accuracy", setting: { shots: 5, chainOfThought: true }) { totalModels entries { rank value } }
      one: leaderboard(dataset: "gsm8k", metric: "exact-match", setting: { variant: null }, first: 1) { entries { rank } }
      most: leaderboard(dataset: "gsm8k", metric: "exact-match", setting: { variant: null }, first: 100) { entries { model { slug } } }
    }`,
  },
  { name: 'the bench beats', query: ANALYST_QUERIES.beats, variables: { slug: MODEL } },
  {
    name: 'beats and beatenBy: every field, margins, page sizes',
    query: `{
      model(slug: "${MODEL}") {
        beats(first: 3) { __typename winner { slug } loser { slug } winnerValue loserValue margin winnerResult { id value } loserResult { id }
                          comparability { key resultCount dataset { slug } metric { slug } setting { shots chainOfThought passK split harness scaffold variant } } }
        all: beats(first: 100) { loser { slug } margin }
        beatenBy { winner { slug } margin comparability { key } }
        byMargin: beatenBy(minMargin: 1.5, first: 100) { winner { slug } margin }
      }
      other: model(slug: "deepseek-v3") { beats(minMargin: 0.5) { loser { slug } margin } }
    }`,
  },
  {
    name: 'the bench compare',
    query: ANALYST_QUERIES.compare,
    variables: { models: [MODEL, 'deepseek-v3', 'gpt-4o'], datasets: ['popqa', 'gsm8k', 'humaneval', 'mmlu'] },
  },
  {
    name: 'compare: every field, incomparable sets, a metric filter, repeated slugs, no results',
    query: `query ($models: [String!]!, $datasets: [String!]!) {
      all: compare(models: $models, datasets: $datasets) { ...Comparison }
      metric: compare(models: $models, datasets: $datasets, metrics: ["pass-rate", "accuracy"]) { ...Comparison }
      repeated: compare(models: ["gpt-4o", "gpt-4o", "${MODEL}"], datasets: ["popqa", "popqa", "humaneval"]) { ...Comparison }
      nothing: compare(models: ["gpt-4o", "${MODEL}"], datasets: ["popqa"], metrics: ["bits-per-byte"]) { ...Comparison }
    }
    fragment Comparison on Comparison {
      __typename
      rows { ...Row }
      incomparable { ...Row }
      records { __typename model { slug } wins ties losses missing }
    }
    fragment Row on ComparisonRow {
      __typename margin winners { slug name }
      comparability { key resultCount dataset { slug } metric { slug higherIsBetter } setting { shots chainOfThought passK split harness scaffold variant } }
      cells { __typename value model { slug } result { id value source { slug } } }
    }`,
    variables: {
      // Ties (DeepSeek V3 and Tülu 3 405B DPO on Ai2's average), sources that disagree (AlpacaEval 2), a metric
      // where lower is better (Pile), sets that only one model has; 50 datasets, the most a comparison takes.
      models: [
        MODEL,
        `${MODEL}-sft`,
        `${MODEL}-dpo`,
        'deepseek-v3',
        'gpt-4o',
        'gpt-4o-mini',
        'llama-3.1-405b',
        'llama-3.1-405b-instruct',
        'nous-hermes-3-405b',
        'qwen2.5-32b-instruct',
      ],
      datasets: (
        'aider-polyglot aime-2024 alpacaeval-2 api-bank arc-challenge arena-hard bbh bfcl boolq c-eval ' +
        'c-simpleqa cnmo-2024 codeforces commonsenseqa drop frames gorilla-api-bench gpqa gpqa-diamond gsm8k ' +
        'humaneval humaneval-mul humaneval-plus ifeval livecodebench longbench-v2 math math-500 mbpp mbpp-plus mgsm ' +
        'mmlu mmlu-pro mmlu-redux mt-bench multipl-e-humaneval naturalquestions nexus pile-test popqa quac simpleqa ' +
        'squad swe-bench-verified triviaqa tulu3-avg-with-safety tulu3-avg-without-safety tulu3-safety wildbench ' +
        'winogrande'
      ).split(' '),
    },
  },
  {
    name: 'the bench lineage',
    query: ANALYST_QUERIES.lineage,
    variables: { leaf: MODEL, root: 'llama-3.1-405b' },
  },
  {
    name: 'lineage: every field, both directions, depths, a model without lineage, nested in a connection',
    query: `{
      model(slug: "${MODEL}") {
        ancestors { __typename depth model { slug name } path { __typename derivationId kind details unverified model { slug } baseModel { slug } source { slug } } }
        shallow: ancestors(maxDepth: 1) { depth model { slug } }
        descendants(maxDepth: 20) { depth model { slug } path { kind } }
      }
      root: model(slug: "llama-3.1-405b") { descendants { depth model { slug } path { model { slug } baseModel { slug } } } }
      none: model(slug: "gpt-4o") { ancestors { depth } descendants { depth } }
      models(first: 20) { nodes { slug ancestors(maxDepth: 3) { depth model { slug } } descendants(maxDepth: 2) { model { slug } } } }
    }`,
  },
  { name: 'the bench claim verdicts', query: ANALYST_QUERIES.claimVerdicts, variables: { source: 'article' } },
  {
    name: 'claims: verdicts with every field but entities, aliases, fragments, orderings, filters, empty pages',
    query: `query ($first: Int) {
      all: claims(first: 100) { __typename totalCount pageInfo { hasNextPage } nodes { __typename id slug ordinal statement predicate quantity
        subjectModel { slug } source { slug }
        verdict { __typename verdict summary checks { __typename description outcome expected actual } }
        short: verdict { v: verdict ...Checks } } }
      bySlug: claims(first: $first, orderBy: { field: SLUG, direction: DESC }) { edges { node { slug verdict { summary } } } }
      some: claims(filter: { predicate: [OUTPERFORMS_ON, HAS_ATTRIBUTES], mentionsModel: ["gpt-4o"] }) { totalCount nodes { slug verdict { verdict } } }
      article: claims(first: 3, filter: { source: ["article"], subjectModel: ["${MODEL}"] }) { nodes { ordinal verdict { checks { outcome } } } }
      none: claims(filter: { subjectOrganization: ["meta"], predicate: [FASTER_THAN] }) { totalCount nodes { verdict { verdict } } }
    }
    fragment Checks on ClaimVerdict { checks { o: outcome d: description } }`,
    variables: { first: 5 },
  },
  { name: 'the bench search', query: ANALYST_QUERIES.search, variables: { text: 'Tlu 3 405B' } },
  {
    name: 'search: every field, types, page sizes, typos, words run together, nothing found',
    query: `{
      all: search(text: "tulu 3") { __typename totalCount exhaustive hits { __typename entityId type name slug score matchedField matchedText } }
      one: search(text: "Tulu3", first: 1) { hits { name score } }
      typo: search(text: "deepsek", first: 2) { totalCount hits { type name score } }
      models: search(text: "lama 3.1", types: [MODEL], first: 3) { hits { name matchedField matchedText score } }
      sources: search(text: "tulu", types: [SOURCE, DATASET, MODEL, MODEL]) { totalCount exhaustive hits { entityId type name } }
      description: search(text: "instruction following", first: 100) { totalCount hits { type name matchedField score } }
      none: search(text: "zzqqxxjj") { totalCount exhaustive hits { name } }
      typename: search(text: "tulu") { __typename }
      noneTypename: search(text: "zzqqxxjj") { __typename }
    }`,
  },
];

/** Operations whose errors must be the resolvers' own (the compiled path falls back for them). */
const errorCases = [
  `{ model(slug: "no-such-model") { name } }`,
  `{ models(first: 101) { nodes { slug } } }`,
  `{ models(first: -1) { nodes { slug } } }`,
  `{ benchmarkResults(filter: { dataset: ["no-such-dataset"] }) { nodes { value } } }`,
  `{ models(filter: { minParameters: 10, maxParameters: 5 }) { nodes { slug } } }`,
  `{ models(filter: { text: " " }) { nodes { slug } } }`,
  `{ model(slug: "${MODEL}") { results(filter: { metric: [] }) { nodes { value } } } }`,
  `{ leaderboard(dataset: "no-such-dataset", metric: "exact-match") { totalModels } }`,
  `{ leaderboard(dataset: "gsm8k", metric: "no-such-metric") { totalModels } }`,
  `{ leaderboard(dataset: "gsm8k", metric: "exact-match") { totalModels } }`,
  `{ leaderboard(dataset: "gsm8k", metric: "exact-match", setting: { shots: 99 }) { totalModels } }`,
  `{ leaderboard(dataset: "gsm8k", metric: "exact-match", setting: { variant: null }, first: 101) { totalModels } }`,
  `{ leaderboard(dataset: "gsm8k", metric: "exact-match", setting: { variant: null }, first: 0) { totalModels } }`,
  `{ model(slug: "${MODEL}") { beats(first: 0) { margin } } }`,
  `{ model(slug: "${MODEL}") { beatenBy(first: 101) { margin } } }`,
  `{ model(slug: "${MODEL}") { beats(dataset: "no-such-dataset") { margin } } }`,
  `{ compare(models: ["gpt-4o", "no-such-model"], datasets: ["popqa"]) { rows { margin } } }`,
  `{ compare(models: ["gpt-4o", "${MODEL}"], datasets: ["popqa", "no-such-dataset"]) { rows { margin } } }`,
  `{ compare(models: ["gpt-4o", "${MODEL}"], datasets: ["popqa"], metrics: ["no-such-metric"]) { rows { margin } } }`,
  `{ compare(models: ["gpt-4o", "gpt-4o"], datasets: ["popqa"]) { rows { margin } } }`,
  `{ compare(models: ["gpt-4o", "${MODEL}"], datasets: []) { rows { margin } } }`,
  `{ model(slug: "${MODEL}") { ancestors(maxDepth: 0) { depth } } }`,
  `{ claims(filter: { source: ["no-such-source"] }) { nodes { verdict { verdict } } } }`,
  `{ claims(first: 101) { nodes { verdict { verdict } } } }`,
  `{ search(text: " ") { totalCount } }`,
  `{ search(text: "!!!") { totalCount } }`,
  `{ search(text: "tulu", types: []) { totalCount } }`,
  `{ search(text: "tulu", first: 0) { totalCount } }`,
  `{ search(text: "tulu", first: 101) { totalCount } }`,
  `{ search(text: "${'x'.repeat(201)}") { totalCount } }`,
  `{ model(slug: "${MODEL}") { descendants(maxDepth: 21) { depth } } }`,
];

/** A response without the request ids of its errors, which differ between any two requests. */
function withoutRequestIds(response: unknown): unknown {
  return JSON.parse(JSON.stringify(response), (key, value) => (key === 'requestId' ? undefined : value));
}

describeEachBackend('compiled queries', (backend) => {
  let compiledApp: App;
  let resolverApp: App;
  beforeAll(() => {
    const { database } = backend();
    compiledApp = createApp({ database, graphiql: false, compiledQueries: true });
    resolverApp = createApp({ database, graphiql: false, compiledQueries: false });
  });

  async function expectSameAnswer(query: string, variables?: Record<string, unknown>) {
    const [compiled, resolved] = await Promise.all([
      execute(compiledApp, query, variables),
      execute(resolverApp, query, variables),
    ]);
    expect(withoutRequestIds(compiled)).toEqual(withoutRequestIds(resolved));
    return compiled;
  }

  test.each(compiledCases)('$name: compiled, one statement, same answer', async ({ query, variables }) => {
    expect(compiles(query, variables)).toBe(true);
    const { statements } = backend();
    statements.reset();
    const answer = await execute(compiledApp, query, variables);
    expect(answer.body.errors).toBeUndefined();
    expect(statements.count, 'statements sent').toBe(1);
    await expectSameAnswer(query, variables);
  });

  test('neighborhoods: every field, centers of each type, depths, limits, directions, edge types', async () => {
    const ids = await expectData(
      compiledApp,
      `{ o: organization(slug: "${ORGANIZATION}") { id } m: model(slug: "${MODEL}") { id }
         d: dataset(slug: "gsm8k") { id } t: technique(slug: "dpo") { id } }`,
    );
    const every = `__typename truncated edgesTruncated
      center { __typename entityId type name slug depth }
      nodes { __typename entityId type name slug depth }
      edges { __typename type fromId toId detail }`;
    const query = `query ($id: ID!, $depth: Int, $limit: Int, $edgeTypes: [GraphEdgeType!], $direction: GraphDirection) {
      n: neighborhood(id: $id, depth: $depth, limit: $limit, edgeTypes: $edgeTypes, direction: $direction) { ${every} }
    }`;
    const variants: Record<string, unknown>[] = [
      {},
      { depth: 2, limit: 200 },
      { depth: 3, limit: 500 },
      { depth: 2, limit: 5 },
      { depth: 1, limit: 1 },
      { depth: 2, limit: 100, edgeTypes: ['DEVELOPED', 'DERIVED_FROM', 'DEVELOPED'] },
      { depth: 3, limit: 300, edgeTypes: ['BEATS'] },
      { depth: 2, limit: 300, edgeTypes: ['EVALUATED_ON', 'TRAINED_ON', 'USES_TECHNIQUE', 'SPECIALIZES'] },
      { depth: 2, limit: 50, direction: 'OUTGOING' },
      { depth: 3, limit: 80, direction: 'INCOMING', edgeTypes: ['SUBSET_OF', 'CREATED', 'EVALUATED'] },
    ];
    const { statements } = backend();
    const seen = { truncated: 0, whole: 0, edges: 0, details: 0 };
    const cases: Record<string, unknown>[] = [ids.o.id, ids.m.id, ids.d.id, ids.t.id].flatMap((id) =>
      variants.map((v) => ({ id, ...v })),
    );
    for (const all of cases) {
      expect(compiles(query, all), JSON.stringify(all)).toBe(true);
      statements.reset();
      const answer = await expectSameAnswer(query, all);
      expect(statements.count, 'statements sent by both apps').toBe(2);
      expect(answer.body.errors, JSON.stringify(all)).toBeUndefined();
      const n = answer.body.data!.n as { truncated: boolean; nodes: unknown[]; edges: { detail: string | null }[] };
      seen[n.truncated ? 'truncated' : 'whole']++;
      // A walk that reaches exactly `limit` nodes is whole.
      if (!n.truncated && n.nodes.length > 1 && all.limit !== n.nodes.length) {
        cases.push({ ...all, limit: n.nodes.length });
      }
      seen.edges += n.edges.length;
      seen.details += n.edges.filter((edge) => edge.detail !== null).length;
    }
    // The comparison covers cut and whole walks and many edges, with and without details.
    expect(seen.truncated).toBeGreaterThan(5);
    expect(seen.whole).toBeGreaterThan(5);
    expect(seen.edges).toBeGreaterThan(2_000);
    expect(seen.details).toBeGreaterThan(100);
    // The bench's selection, and two neighborhoods in one operation with other fields.
    await expectSameAnswer(ANALYST_QUERIES.neighborhood, { id: ids.m.id });
    const two = `query ($a: ID!, $b: ID!) {
      a: neighborhood(id: $a, depth: 2, limit: 30) { nodes { name } edges { type fromId } }
      b: neighborhood(id: $b) { center { slug } truncated }
      model(slug: "${MODEL}") { name }
    }`;
    expect(compiles(two, { a: ids.o.id, b: ids.d.id })).toBe(true);
    await expectSameAnswer(two, { a: ids.o.id, b: ids.d.id });
  });

  test('a neighborhood with more edges than the cap: the first ones, and edgesTruncated', async () => {
    const ids = await expectData(
      compiledApp,
      `{ o: organization(slug: "${ORGANIZATION}") { id } m: model(slug: "${MODEL}") { id } }`,
    );
    // The seed's neighborhoods have a few hundred edges: the cap is lowered for this test, both paths read it.
    const limits = GRAPH_LIMITS as { maxEdges: number };
    const cap = limits.maxEdges;
    limits.maxEdges = 60;
    try {
      for (const variables of [
        { id: ids.o.id, depth: 2, limit: 200 },
        { id: ids.o.id, depth: 1 },
        { id: ids.m.id, depth: 3, limit: 300, edgeTypes: ['BEATS'] },
      ]) {
        // Documents of this test only: compiled plans are cached per document and variables.
        const query = `query ($id: ID!, $depth: Int, $limit: Int, $edgeTypes: [GraphEdgeType!]) { capped:
          neighborhood(id: $id, depth: $depth, limit: $limit, edgeTypes: $edgeTypes) { edgesTruncated edges { type fromId toId detail } } }`;
        expect(compiles(query, variables)).toBe(true);
        const answer = await expectSameAnswer(query, variables);
        const capped = answer.body.data!.capped as { edgesTruncated: boolean; edges: unknown[] };
        expect(capped.edgesTruncated).toBe(true);
        expect(capped.edges).toHaveLength(60);
      }
    } finally {
      limits.maxEdges = cap;
    }
  });

  test('neighborhoods the resolvers answer: unknown or malformed centers, arguments past the limits, entities', async () => {
    const model = (await expectData(compiledApp, `{ model(slug: "${MODEL}") { id } }`)).model.id as string;
    const source = (await expectData(compiledApp, `{ source(slug: "t3-card") { id } }`)).source.id as string;
    const query = `query ($id: ID!, $depth: Int, $limit: Int, $edgeTypes: [GraphEdgeType!]) {
      neighborhood(id: $id, depth: $depth, limit: $limit, edgeTypes: $edgeTypes) { truncated nodes { name } }
    }`;
    const missing = Buffer.from('Model:999999').toString('base64');
    for (const variables of [
      { id: missing },
      { id: source },
      { id: 'not an id' },
      { id: Buffer.from('Model:x').toString('base64') },
      { id: model, depth: 0 },
      { id: model, limit: 501 },
      { id: model, edgeTypes: [] },
    ]) {
      const answer = await expectSameAnswer(query, variables);
      expect(answer.body.errors?.length, JSON.stringify(variables)).toBeGreaterThan(0);
    }
    expect(compiles(query, { id: missing }), 'a missing center is compiled, and its null falls back').toBe(true);
    // `entity` is an interface: the whole operation goes to the resolvers.
    const entities = `query ($id: ID!) { neighborhood(id: $id) { nodes { name entity { id ... on Model { slug } } } } }`;
    expect(compiles(entities, { id: model })).toBe(false);
    await expectSameAnswer(entities, { id: model });
  });

  test('the body is the JSON the database wrote, sent without parsing and serializing it again', async () => {
    const { query, variables } = compiledCases[2]!;
    const body = JSON.stringify({ query, variables });
    const post = (app: App) =>
      app.fetch('http://modelgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const [compiled, resolved] = await Promise.all([post(compiledApp), post(resolverApp)]);
    expect(compiled.status).toBe(200);
    expect(compiled.headers.get('content-type')).toBe(resolved.headers.get('content-type'));
    const text = await compiled.text();
    // PostgreSQL writes `"key" : value`; JSON.stringify would write `"key":value`.
    expect(text).toMatch(/^\{"data":\{"benchmarkResults" : \{"nodes" : \[/);
    expect(JSON.parse(text)).toEqual(await resolved.json());
  });

  test.each(errorCases)('%s: the same error as the resolvers', async (query) => {
    const answer = await expectSameAnswer(query);
    expect(answer.body.errors?.length).toBeGreaterThan(0);
  });

  test('every example operation gets the same answer', async () => {
    for (const { query, variables } of await loadExampleOperations()) {
      await expectSameAnswer(query, variables ? JSON.parse(variables) : undefined);
    }
  });

  test('every field the compiler accepts answers as its resolver does', async () => {
    // From the compiled roots, every type reachable through fields the compiler accepts, each field alone first.
    const roots: Record<string, string> = {
      Model: `model(slug: "${MODEL}")`,
      Organization: `organization(slug: "${ORGANIZATION}")`,
      BenchmarkResult: 'benchmarkResults(first: 100) { nodes',
      Leaderboard: 'leaderboard(dataset: "gsm8k", metric: "exact-match", setting: { variant: null })',
      Claim: 'claims(first: 100) { nodes',
    };
    const seen = new Set<string>();
    let compared = 0;
    const visit = async (type: GraphQLObjectType, wrap: (selection: string) => string, depth: number) => {
      if (seen.has(type.name) || depth > 3) return;
      seen.add(type.name);
      const accepted: string[] = [];
      for (const field of Object.values(type.getFields())) {
        if (field.args.some((arg) => getNamedType(arg.type) && arg.type.toString().endsWith('!'))) continue;
        const target = getNamedType(field.type);
        const selection = isObjectType(target) ? `${field.name} { __typename }` : field.name;
        if (!compiles(wrap(selection))) continue;
        accepted.push(field.name);
        if (isObjectType(target) && !target.name.endsWith('Connection')) {
          await visit(target, (inner) => wrap(`${field.name} { ${inner} }`), depth + 1);
        }
      }
      const scalars = accepted.filter((name) => !isObjectType(getNamedType(type.getFields()[name]!.type)));
      const query = wrap(scalars.join(' '));
      expect(compiles(query), query).toBe(true);
      const answer = await expectSameAnswer(query);
      expect(answer.body.errors, query).toBeUndefined();
      compared += scalars.length;
    };
    for (const [typeName, root] of Object.entries(roots)) {
      const close = root.endsWith('nodes') ? ' } }' : ' }';
      await visit(
        schema.getType(typeName) as GraphQLObjectType,
        (selection) => `{ ${root} { ${selection}${close} }`,
        0,
      );
    }
    expect(seen).toContain('Metric');
    expect(seen).toContain('EvaluationSetting');
    expect(seen).toContain('ClaimCheck');
    expect(compared).toBeGreaterThan(40);
  });

  test('paging through every ordering with cursors gives the resolvers’ pages and cursors', async () => {
    const page = `edges { cursor node { __typename id } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
    const connections = [
      ...['SLUG', 'NAME', 'RELEASE_DATE', 'PARAMETER_COUNT'].flatMap((field) =>
        ['ASC', 'DESC'].map((direction) => `models(orderBy: { field: ${field}, direction: ${direction} }`),
      ),
      ...['SLUG', 'NAME', 'FOUNDED_YEAR'].map((field) => `organizations(orderBy: { field: ${field}, direction: DESC }`),
      ...['STORED', 'VALUE', 'REPORTED_ON'].map(
        (field) => `benchmarkResults(filter: { dataset: ["gsm8k", "humaneval"] }, orderBy: { field: ${field} }`,
      ),
      ...['SOURCE_ORDER', 'SLUG'].map((field) => `claims(orderBy: { field: ${field}, direction: DESC }`),
    ];
    let pages = 0;
    for (const connection of connections) {
      const query = `query ($after: String) { list: ${connection}, first: 7, after: $after) { totalCount ${page} } }`;
      let after: string | null = null;
      for (let guard = 0; guard < 20; guard++) {
        expect(compiles(query, { after }), query).toBe(true);
        const answer = await expectSameAnswer(query, { after });
        expect(answer.body.errors, query).toBeUndefined();
        pages++;
        const list = answer.body.data!.list as { pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        if (!list.pageInfo.hasNextPage) break;
        after = list.pageInfo.endCursor;
      }
    }
    // Nested connections: a model's results and an organization's models, past their first page.
    for (const query of [
      `query ($after: String) { model(slug: "${MODEL}") { results(first: 3, after: $after) { ${page} } } }`,
      `query ($after: String) { organization(slug: "meta") { models(first: 2, after: $after) { ${page} } } }`,
    ]) {
      const first = await expectSameAnswer(query, { after: null });
      const root = Object.values(first.body.data!)[0] as Record<string, { pageInfo: { endCursor: string } }>;
      const after = Object.values(root)[0]!.pageInfo.endCursor;
      expect(compiles(query, { after })).toBe(true);
      await expectSameAnswer(query, { after });
      pages += 2;
    }
    expect(pages).toBeGreaterThan(30);
  });

  test('a cursor of another ordering gets the resolvers’ error', async () => {
    const bySlug = await expectData(compiledApp, `{ models(first: 2) { pageInfo { endCursor } } }`);
    const query = `query ($after: String) { models(first: 2, after: $after, orderBy: { field: RELEASE_DATE }) { nodes { slug } } }`;
    const answer = await expectSameAnswer(query, { after: bySlug.models.pageInfo.endCursor });
    expect(answer.body.errors?.length).toBeGreaterThan(0);
  });

  test('a database failure of the compiled statement is every root field’s error, as with the resolvers', async () => {
    const { database } = backend();
    const cancelled = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    const failing = { ...database, query: () => Promise.reject(cancelled) };
    const app = createApp({ database: failing, graphiql: false });
    const query = `{ __typename a: models(first: 1) { totalCount } b: organization(slug: "${ORGANIZATION}") { name } }`;
    expect(compiles(query)).toBe(true);
    const response = await execute(app, query);
    expect(response.body.data).toEqual({ __typename: 'Query', a: null, b: null });
    expect(response.body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['a'], 'TIMEOUT'],
      [['b'], 'TIMEOUT'],
    ]);
  });

  test('a repeated request whose statement fails gets the ordinary errors, from that one statement', async () => {
    const { database } = backend();
    const cancelled = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    let statements = 0;
    let failing = false;
    const flaky = {
      ...database,
      query: (statement: Parameters<typeof database.query>[0]) => {
        statements++;
        return failing ? Promise.reject(cancelled) : database.query(statement);
      },
    };
    const app = createApp({ database: flaky, graphiql: false });
    const query = `{ __typename a: models(first: 1) { totalCount } b: organization(slug: "${ORGANIZATION}") { name } }`;
    expect((await execute(app, query)).body.errors).toBeUndefined();
    // Answered before parsing now (src/graphql/compiled/plugin.ts, `repeats`); its failure is handed over to the
    // ordinary path, which reports it without running the statement again.
    failing = true;
    const response = await execute(app, query);
    expect(response.body.data).toEqual({ __typename: 'Query', a: null, b: null });
    expect(response.body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['a'], 'TIMEOUT'],
      [['b'], 'TIMEOUT'],
    ]);
    expect(statements).toBe(2);
    // Once the statement answers again, so does the path.
    failing = false;
    expect((await execute(app, query)).body.errors).toBeUndefined();
    expect(await execute(app, query)).toEqual(await execute(resolverApp, query));
    expect(statements).toBe(4);
  });

  test('a repeated request with a credential is authenticated: a wrong one is refused', async () => {
    const { query, variables } = compiledCases[0]!;
    await expectData(compiledApp, query, variables);
    await expectData(compiledApp, query, variables);
    const refused = await execute(compiledApp, query, variables, { authorization: 'Bearer mg_not-a-key' });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('a document with several operations: the one named is compiled', async () => {
    const query = `query Card { model(slug: "${MODEL}") { slug name } }
      query Orgs { organizations(first: 2) { nodes { slug } } }
      mutation Rename { updateModel(input: { where: { slug: "${MODEL}" }, name: "x" }) { __typename } }`;
    const send = (app: App) =>
      app.fetch('http://modelgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query, operationName: 'Orgs' }),
      });
    const { statements } = backend();
    statements.reset();
    const text = await (await send(compiledApp)).text();
    expect(statements.count, 'statements sent').toBe(1);
    // The database's JSON (`"key" : value`), so the compiled path answered.
    expect(text).toMatch(/^\{"data":\{"organizations" : \{"nodes" : \[/);
    expect(JSON.parse(text)).toEqual(await (await send(resolverApp)).json());
    expect(JSON.parse(text).data.organizations.nodes).toHaveLength(2);
  });

  test('a root field whose null means "ask the resolvers" is computed once, not again for that test', async () => {
    const { query, variables } = compiledCases.find((c) => c.name === 'the bench compare')!;
    const compiled = compileOperation({ schema, document: parse(query), variableValues: variables, contextValue: {} });
    if ('notCompiled' in compiled) throw new Error(compiled.notCompiled);
    const { sql: text, params } = new PgDialect().sqlToQuery(compiled.query);
    const plan = await backend().database.query({ text: `explain ${text}`, values: params });
    const lines = plan.map((row) => String(Object.values(row)[0]));
    // The comparison's first table (its models), once in the plan.
    expect(lines.filter((line) => /CTE c0_models$/.test(line.trim()))).toHaveLength(1);
  });

  test('an operation with a field the compiler does not know is answered by the resolvers', async () => {
    const query = `{ model(slug: "${MODEL}") { name createdAt history(first: 1) { totalCount } } }`;
    expect(compiles(query)).toBe(false);
    const data = await expectData(compiledApp, query);
    expect(data.model.name).toBeTruthy();
    await expectSameAnswer(query);
  });
});

test('a compiled answer is its JSON text; a copy of it (a plugin adding extensions) is serialized in full', () => {
  const answer = answerOf('{"model" : {"slug" : "tulu-3-405b"}}') as { stringify(value: unknown): string };
  expect(answer.stringify(answer)).toBe('{"data":{"model" : {"slug" : "tulu-3-405b"}}}');
  expect((answer as { data?: unknown }).data).toEqual({ model: { slug: 'tulu-3-405b' } });
  const copy = { ...answer, extensions: { requestId: 'r1' } };
  expect(JSON.parse(answer.stringify(copy))).toEqual({
    data: { model: { slug: 'tulu-3-405b' } },
    extensions: { requestId: 'r1' },
  });
});
