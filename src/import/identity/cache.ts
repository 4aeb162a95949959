/**
 * Lookup tables shared by the files of one import run. Loading them costs a scan of every entity table, which
 * grows with the graph: paid per file, a whole-folder import slows down as it goes. A run passes one
 * `IdentityCache` to every file; a file reuses the tables of the previous one when the graph has not changed
 * since (the audit trail's last change id is the same), and grows them with what it creates.
 *
 * Correctness inside each file's transaction: the tables are taken out of the cache while a file runs (a file
 * that fails leaves the cache empty, so its creations are never seen by the next file) and put back only after
 * the file's transaction commits. Any other writer (a mutation, another process) adds audit rows, so the next
 * file sees another fingerprint and reloads.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../write/transaction.ts';
import type { Indexes } from '../resolve.ts';

/** The graph's version as the audit trail counts it: the id of its last change (every write adds one). */
export async function fingerprint(tx: Tx): Promise<string> {
  const result = (await tx.execute(sql`select coalesce(max(id), 0)::text as last from change`)) as unknown as {
    rows: { last: string }[];
  };
  return result.rows[0]?.last ?? '0';
}

/** A result as a file of the run stated it: its value and setting (`content`) and the file. */
export type StatedResult = { content: string; file: string };

export class IdentityCache {
  private kept: { indexes: Indexes; fingerprint: string } | undefined;
  private staged: { indexes: Indexes; fingerprint: string } | undefined;
  /**
   * Results the committed files of this run stated, by natural key. Within one run the first file to state a
   * result wins: a later file giving another value is skipped for that result, so that files that cannot be told
   * apart (upstream names truncated to one) do not overwrite each other on every run.
   */
  private readonly results = new Map<string, StatedResult>();
  private readonly pendingResults = new Map<string, StatedResult>();
  /** Files that reused the tables and files that loaded them, for measurements and tests. */
  hits = 0;
  misses = 0;

  /** The tables kept for the next file (the run's tables so far), without taking them. */
  get tables(): Indexes | undefined {
    return this.kept?.indexes;
  }

  /** The kept tables if the graph is still at `current`; they leave the cache until `commit`. */
  take(current: string): Indexes | undefined {
    const kept = this.kept;
    this.kept = undefined;
    this.staged = undefined;
    if (kept && kept.fingerprint === current) {
      this.hits++;
      return kept.indexes;
    }
    this.misses++;
    return undefined;
  }

  /** Tables as they are at the end of a file's writes, inside its transaction; kept by `commit`. */
  stage(indexes: Indexes, current: string): void {
    this.staged = { indexes, fingerprint: current };
  }

  /** The result with this natural key as an earlier committed file of the run stated it. */
  statedResult(key: string): StatedResult | undefined {
    return this.results.get(key);
  }

  /** A result the running file states; it counts for later files once the file commits. */
  stateResult(key: string, stated: StatedResult): void {
    if (!this.results.has(key)) this.pendingResults.set(key, stated);
  }

  /** The file's transaction committed: its tables are the graph's. */
  commit(): void {
    this.kept = this.staged;
    this.staged = undefined;
    for (const [key, stated] of this.pendingResults) this.results.set(key, stated);
    this.pendingResults.clear();
  }

  /** The file was refused or rolled back: nothing of it is kept. */
  discard(): void {
    this.kept = undefined;
    this.staged = undefined;
    this.pendingResults.clear();
  }
}
