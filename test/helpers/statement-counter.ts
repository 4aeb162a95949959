/** Counts SQL statements, as drizzle's logger sees them. No vitest import, so benchmarks can use it too. */
export class StatementCounter {
  statements: string[] = [];
  logQuery(query: string) {
    this.statements.push(query);
  }
  reset() {
    this.statements = [];
  }
  get count() {
    return this.statements.length;
  }
}
