/**
 * The SQL an operation sends, as a text to commit and review (`schema/operations/<name>.sql`): the same text on
 * PGlite and PostgreSQL, and from run to run.
 *
 * What is normalized, and why:
 * - Drizzle's PGlite driver casts bigint and numeric columns of a relational query's root (`"d0"."x"::text`)
 *   where node-postgres parses them itself; the cast is dropped, the one difference between the backends.
 * - A list of parameters (`in ($3, $4, $5)`) is written `in ($3, …)`: its length is a loader's batch size, which
 *   depends on when concurrent resolvers ask; parameters are then numbered again in order.
 * - Statements are listed once each, sorted: two loads of one kind may run as one batch or two, and statements
 *   sent concurrently (on a PostgreSQL pool) are logged in the order they finish. How many statements an operation
 *   sends is asserted where it matters (graph, search, claims, comparison and http tests).
 * - Statements Drizzle builds (one line) are broken before their clauses and between selected columns; statements
 *   written by hand in src/ keep their own lines, without their common indentation.
 */

const CLAUSES = new Set([
  'from',
  'where',
  'order',
  'group',
  'having',
  'limit',
  'offset',
  'union',
  'left',
  'inner',
  'join',
]);

export function normalizeStatement(statement: string): string {
  let number = 0;
  return statement
    .replace(/("d0"\."\w+")::text(?= as ")/g, '$1')
    .replace(/\bin \((\$\d+)(?:, \$\d+)*\)/g, 'in ($1, …)')
    .replace(/\$\d+/g, () => `$${++number}`);
}

function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => line.match(/^ */)?.[0].length ?? 0);
  const common = indents.length ? Math.min(...indents) : 0;
  return [lines[0], ...lines.slice(1).map((line) => line.slice(common))].join('\n').trimEnd();
}

/** A subquery shorter than this stays on its line. */
const INLINE = 72;

/** Breaks a one-line statement before each clause of each (sub)query and between the columns it selects. */
export function formatStatement(statement: string): string {
  if (statement.includes('\n')) return dedent(statement);
  const tokens = statement.match(/"(?:[^"]|"")*"|'(?:[^']|'')*'|\s+|[A-Za-z_][\w$]*|\$\d+|./g) ?? [];
  // One entry per open parenthesis (and the statement itself): is it a subquery, the indentation of its clauses,
  // and is its select list still open?
  type Level = { query: boolean; indent: number; selecting: boolean };
  const levels: Level[] = [{ query: true, indent: 0, selecting: false }];
  let lineIndent = 0;
  let out = '';
  const newline = (indent: number) => {
    out = `${out.trimEnd()}\n${'  '.repeat(indent)}`;
    lineIndent = indent;
  };
  const skipSpace = (i: number) => (tokens[i + 1]?.trim() ? i : i + 1);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const level = levels[levels.length - 1] as Level;
    const word = token.toLowerCase();
    if (token === '(') {
      const first = tokens
        .slice(i + 1)
        .find((t) => t.trim())
        ?.toLowerCase();
      const query = first === 'select' || first === 'with';
      if (query) {
        let close = i;
        for (let open = 0; close < tokens.length; close++) {
          if (tokens[close] === '(') open++;
          if (tokens[close] === ')' && --open === 0) break;
        }
        const inner = tokens.slice(i, close + 1).join('');
        if (inner.length <= INLINE) {
          out += inner;
          i = close;
          continue;
        }
      }
      levels.push({ query, indent: query ? lineIndent + 1 : level.indent, selecting: false });
      out += token;
      continue;
    }
    if (token === ')') {
      const closed = levels.pop() as Level;
      if (closed.query) newline(closed.indent - 1);
      out += token;
      continue;
    }
    if (level.query && word === 'select') {
      if (out.trim()) newline(level.indent);
      level.selecting = true;
      out += token;
      newline(level.indent + 1);
      i = skipSpace(i);
      continue;
    }
    if (level.query && CLAUSES.has(word) && !(word === 'join' && /\b(left|inner) $/i.test(out))) {
      level.selecting = false;
      newline(level.indent);
      out += token;
      continue;
    }
    if (level.query && level.selecting && token === ',') {
      out += token;
      newline(level.indent + 1);
      i = skipSpace(i);
      continue;
    }
    out += token;
  }
  return out.trim();
}

/** The file committed beside `<name>.graphql`: every distinct statement, normalized and formatted. */
export function statementsFile(name: string, statements: string[]): string {
  const distinct = [...new Set(statements.map(normalizeStatement))].sort();
  const header = `-- The SQL that ${name}.graphql sends: each statement once, sorted (see test/helpers/sql-text.ts).\n`;
  return `${header}\n${distinct.map((statement) => `${formatStatement(statement)};\n`).join('\n')}`;
}
