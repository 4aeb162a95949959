/**
 * `npm run bench:explain [-- --strict] [-- --rows N] [-- --only a,b]`: the plans of what modelgraph sends. Runs every
 * operation of schema/operations/ (with its variables file) and the operations of `npm run bench` (the four shapes
 * and the analyst operations, variables picked from the database) in process against DATABASE_URL, captures each
 * SQL statement with its parameters through the drizzle logger, then runs EXPLAIN (ANALYZE, BUFFERS) on each, on a
 * connection of its own, in a read-only transaction that is rolled back. Reports per operation the statements,
 * their planning and execution time, and every Seq Scan of a table holding more than `--rows` rows (default
 * 10,000, by the planner's estimate) and every Sort of more than `--rows` input rows. With `--strict` it exits 1
 * when it finds one. The example operations name the seed's entities: on the synthetic graph most find nothing
 * (their plans are still those of the statements sent); the bench operations find data on any database.
 * A few example operations count over the whole graph by design (`WHOLE_GRAPH_AGGREGATES`): their Seq Scans of the
 * tables they count and their Sorts are still listed, with their cost, but classified as such, in a section of
 * their own, and `--strict` does not fail on them (it does on any other finding in them).
 * With `--cpu N` it also runs each statement N times as a prepared statement (after 10 unmeasured runs) and
 * reports the PostgreSQL backend's CPU time per execution, read from /proc/<backend pid>/stat: it needs the
 * server on this machine, and CPU time varies far less with the machine's load than wall time does.
 * Writes bench-results/explain-<time>.{json,md} and prints the Markdown.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/db/client.ts';
import { loadExampleOperations } from '../../src/graphql/operations.ts';
import { createApp } from '../../src/yoga.ts';
import { pickOperations } from './operations.ts';

const { values: options } = parseArgs({
  options: {
    strict: { type: 'boolean', default: false },
    rows: { type: 'string', default: '10000' },
    only: { type: 'string' },
    timeout: { type: 'string', default: '60' },
    out: { type: 'string', default: 'bench-results' },
    cpu: { type: 'string', default: '0' },
  },
});
const cpuRuns = Number(options.cpu);
const largeRows = Number(options.rows);
const url = loadConfig().databaseUrl;
if (!url) {
  console.error('npm run bench:explain reads PostgreSQL plans: set DATABASE_URL (PGlite is not explained).');
  process.exit(2);
}

type Statement = { sql: string; params: unknown[] };
type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Sort Method'?: string;
  Plans?: PlanNode[];
};
/** A finding, with the table of a Seq Scan (a Sort has none). */
type Finding = { text: string; table?: string };
type Explained = {
  planningMs: number;
  executionMs: number;
  jitMs: number;
  findings: Finding[];
  error?: string;
  /** Backend CPU ms per execution of the prepared statement (`--cpu`). */
  cpuMs?: number;
};
type Report = { operation: string; source: string; graphqlErrors: boolean; statements: (Statement & Explained)[] };

/** Captures what drizzle sends: the statement and its parameters. */
const captured: Statement[] = [];
const database = await createDatabase({
  url,
  poolSize: 2,
  logger: { logQuery: (sql, params) => void captured.push({ sql, params }) },
});
const app = createApp({ database, graphiql: false });
// With the server's own session settings (src/db/client.ts: no JIT), so that a plan's times are the server's.
const explainer = new pg.Client({ connectionString: url, options: '-c jit=off' });
await explainer.connect();
await explainer.query(`set statement_timeout = ${Number(options.timeout) * 1000}`);

/**
 * Example operations that count over the whole graph by design, with the tables they read whole: per group of
 * every model or result (modelStats, resultStats, techniqueAdoption without a filter narrowing the scope). Their
 * cost grows with the graph; an index-only scan would read as many entries (1.2 s for a Seq Scan against 3.2 s
 * for an index-only scan of benchmark_result per evaluator on the 4x graph, loaded machine), and a summary table
 * kept by triggers would serve only the unfiltered groupings, one table per grouping. Only their Seq Scans of these
 * tables and their Sorts (of the rows counted) are classified; any other finding in them counts as usual.
 */
const WHOLE_GRAPH_AGGREGATES: Record<string, { reads: string; tables: string[] }> = {
  '30-models-per-country': {
    reads: 'every model and its developers, per country',
    tables: ['model', 'model_developer'],
  },
  '31-rlvr-adoption': { reads: 'every model, per release year (the share’s denominator)', tables: ['model'] },
  '36-results-per-evaluator': { reads: 'every benchmark result, per evaluator', tables: ['benchmark_result'] },
  '37-models-per-license-architecture-and-year': {
    reads: 'every model, per license category, architecture and year',
    tables: ['model'],
  },
  '39-models-per-language-and-task': {
    reads: 'every model, per language and task',
    tables: ['model', 'model_language', 'model_task'],
  },
};
const classified = (operation: string, finding: Finding) => {
  const aggregate = WHOLE_GRAPH_AGGREGATES[operation];
  return !!aggregate && (finding.table === undefined || aggregate.tables.includes(finding.table));
};

/** Rows of each table, by the planner's statistics (what a Seq Scan of it costs). */
const tableRows = new Map(
  (
    await explainer.query<{ name: string; rows: number }>(
      `select relname as name, greatest(reltuples, 0)::float8 as rows from pg_class
       where relkind in ('r', 'p', 'm') and relnamespace = 'public'::regnamespace`,
    )
  ).rows.map((r) => [r.name, r.rows]),
);

/** Seq Scans of large tables and Sorts of many rows, anywhere in the plan. */
function findings(node: PlanNode, out: Finding[] = []): Finding[] {
  const loops = node['Actual Loops'] ?? 1;
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) {
    const tableSize = tableRows.get(node['Relation Name']) ?? 0;
    const read = ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * loops;
    if (tableSize > largeRows) {
      out.push({
        text: `Seq Scan on ${node['Relation Name']} (${Math.round(tableSize)} rows; ${read} read × ${loops} loops)`,
        table: node['Relation Name'],
      });
    }
  }
  if (node['Node Type'] === 'Sort' || node['Node Type'] === 'Incremental Sort') {
    const input = (node.Plans ?? []).reduce(
      (n, child) => n + (child['Actual Rows'] ?? 0) * (child['Actual Loops'] ?? 1),
      0,
    );
    if (input > largeRows) out.push({ text: `${node['Node Type']} of ${input} rows (${node['Sort Method'] ?? '?'})` });
  }
  for (const child of node.Plans ?? []) findings(child, out);
  return out;
}

async function explain(statement: Statement): Promise<Explained> {
  await explainer.query('begin transaction read only');
  try {
    const { rows } = await explainer.query<{
      'QUERY PLAN': [
        { Plan: PlanNode; 'Planning Time': number; 'Execution Time': number; JIT?: { Timing?: { Total?: number } } },
      ];
    }>(`explain (analyze, buffers, format json) ${statement.sql}`, statement.params);
    const plan = rows[0]!['QUERY PLAN'][0];
    return {
      planningMs: plan['Planning Time'],
      executionMs: plan['Execution Time'],
      jitMs: plan.JIT?.Timing?.Total ?? 0,
      findings: findings(plan.Plan),
    };
  } catch (error) {
    return { planningMs: 0, executionMs: 0, jitMs: 0, findings: [], error: (error as Error).message };
  } finally {
    await explainer.query('rollback');
  }
}

const backendPid =
  cpuRuns > 0 ? (await explainer.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid : 0;
/** The backend's user + system CPU time in ms (clock ticks of 10 ms). */
async function backendCpuMs(): Promise<number> {
  const fields = (await readFile(`/proc/${backendPid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
let prepared = 0;
/** Backend CPU per execution of `statement` as a named prepared statement, as the server runs it. */
async function cpuPerExecution(statement: Statement): Promise<number | undefined> {
  const query = { name: `cpu_${prepared++}`, text: statement.sql, values: statement.params };
  await explainer.query('begin transaction read only');
  try {
    for (let i = 0; i < 10; i++) await explainer.query(query);
    const before = await backendCpuMs();
    for (let i = 0; i < cpuRuns; i++) await explainer.query(query);
    return ((await backendCpuMs()) - before) / cpuRuns;
  } catch {
    return undefined;
  } finally {
    await explainer.query('rollback');
  }
}

const examples = (await loadExampleOperations()).map((op) => ({
  name: op.name,
  source: 'schema/operations',
  query: op.query,
  variables: op.variables ? (JSON.parse(op.variables) as Record<string, unknown>) : {},
}));
const picked = await pickOperations(explainer);
const bench = picked.operations.map((op) => ({ ...op, source: 'npm run bench' }));
const filters = options.only?.split(',').map((f) => f.trim().toLowerCase());
const operations = [...bench, ...examples].filter(
  (op) => !filters || filters.some((f) => op.name.toLowerCase().includes(f)),
);

const reports: Report[] = [];
for (const operation of operations) {
  captured.length = 0;
  const response = await app.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: operation.query, variables: operation.variables }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  const statements = [...captured];
  const explained: Report['statements'] = [];
  for (const statement of statements) {
    const plan = await explain(statement);
    explained.push({
      ...statement,
      ...plan,
      ...(cpuRuns > 0 && !plan.error && { cpuMs: await cpuPerExecution(statement) }),
    });
  }
  reports.push({
    operation: operation.name,
    source: operation.source,
    graphqlErrors: !!body.errors,
    statements: explained,
  });
  const found = explained.flatMap((s) => s.findings);
  console.error(
    `${operation.name}: ${statements.length} statements${found.length ? `, ${found.length} findings` : ''}`,
  );
}
await explainer.end();
await database.close();

const ms = (n: number) => n.toFixed(1);
const sum = (report: Report, key: 'planningMs' | 'executionMs' | 'jitMs') =>
  report.statements.reduce((n, s) => n + s[key], 0);
/**
 * A statement that raises is a finding, unless the operation answered with GraphQL errors: then it is the
 * expected refusal of an input this database lacks (an unknown slug), not a plan problem.
 */
const problems = (r: Report) => [
  ...r.statements.flatMap((s) => s.findings.filter((f) => !classified(r.operation, f)).map((f) => f.text)),
  ...r.statements.flatMap((s) => (s.error && !r.graphqlErrors ? [`EXPLAIN failed: ${s.error}`] : [])),
];
/** The findings of a whole-graph aggregate that its classification covers. */
const aggregateFindings = (r: Report) =>
  r.statements.flatMap((s) => s.findings.filter((f) => classified(r.operation, f)).map((f) => f.text));
const flagged = reports.filter((r) => problems(r).length > 0);
const aggregates = reports.filter((r) => aggregateFindings(r).length > 0);
/** Each distinct finding once, with how often it occurs. */
const counted = (found: string[]) => {
  const counts = new Map<string, number>();
  for (const p of found) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts].map(([p, n]) => (n > 1 ? `${n}× ${p}` : p));
};
const summary = (r: Report) => {
  const parts = counted(problems(r));
  const raised = r.graphqlErrors ? r.statements.filter((s) => s.error).length : 0;
  if (raised) parts.push(`${raised} statement(s) raised: no such data here`);
  if (aggregateFindings(r).length) parts.push('whole-graph aggregate (below)');
  return parts.join('; ') || '–';
};
/** Summed backend CPU per execution over the operation's statements, to 0.01 ms. */
const cpuOf = (r: Report) =>
  r.statements.every((s) => s.cpuMs !== undefined) ? r.statements.reduce((n, s) => n + s.cpuMs!, 0).toFixed(2) : '–';
const { hostname, port, pathname } = new URL(url);
const markdown = [
  `## npm run bench:explain — ${new Date().toISOString()}`,
  '',
  `Database ${hostname}:${port || 5432}${pathname}. Large: a table of more than ${largeRows} rows (planner estimate) ` +
    `seq-scanned, or a sort of more than ${largeRows} input rows. Times from EXPLAIN ANALYZE, summed over the statements.` +
    (cpuRuns ? ` Backend CPU: per execution of each statement, prepared, over ${cpuRuns} executions, summed.` : ''),
  '',
  `| operation | from | statements | planning ms | execution ms | JIT ms |${cpuRuns ? ' backend CPU ms |' : ''} findings |`,
  `|---|---|---:|---:|---:|---:|${cpuRuns ? '---:|' : ''}---|`,
  ...reports.map(
    (r) =>
      `| ${r.operation}${r.graphqlErrors ? ' (GraphQL errors)' : ''} | ${r.source} | ${r.statements.length} | ` +
      `${ms(sum(r, 'planningMs'))} | ${ms(sum(r, 'executionMs'))} | ${ms(sum(r, 'jitMs'))} | ` +
      `${cpuRuns ? `${cpuOf(r)} | ` : ''}${summary(r)} |`,
  ),
  '',
  flagged.length
    ? `${flagged.length} operation(s) with a large Seq Scan or Sort (or an EXPLAIN that failed).`
    : 'No Seq Scan of a large table and no large Sort, but in the whole-graph aggregates below.',
  ...(aggregates.length
    ? [
        '',
        `Whole-graph aggregates (${aggregates.length}): example operations that count every model or result by design ` +
          '(WHOLE_GRAPH_AGGREGATES in test/bench/explain.ts). Their Seq Scans of the tables they count and their ' +
          'Sorts are listed here, with their cost, and do not fail `--strict`; any other finding in them does.',
        '',
        '| operation | reads | execution ms | findings |',
        '|---|---|---:|---|',
        ...aggregates.map(
          (r) =>
            `| ${r.operation} | ${WHOLE_GRAPH_AGGREGATES[r.operation]!.reads} | ${ms(sum(r, 'executionMs'))} | ` +
            `${counted(aggregateFindings(r)).join('; ')} |`,
        ),
      ]
    : []),
].join('\n');
await mkdir(options.out, { recursive: true });
const file = path.join(options.out, `explain-${new Date().toISOString().replace(/[:.]/g, '-')}`);
await writeFile(
  `${file}.json`,
  JSON.stringify(
    {
      largeRows,
      reports: reports.map((r) => ({ ...r, wholeGraphAggregate: WHOLE_GRAPH_AGGREGATES[r.operation] ?? null })),
    },
    null,
    2,
  ),
);
await writeFile(`${file}.md`, `${markdown}\n`);
console.log(`${markdown}\n\nwritten: ${file}.json, ${file}.md`);
process.exit(options.strict && flagged.length ? 1 : 0);
