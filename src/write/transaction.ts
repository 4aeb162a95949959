/**
 * Every write runs here: one transaction, named for the audit trail, whose database refusals become typed
 * domain errors. Any error rolls the whole transaction back, so a failed mutation or import writes nothing.
 */
import { sql } from 'drizzle-orm';
import type { AppDb } from '../db/client.ts';
import { domainErrorFromDatabase } from '../db/errors.ts';

export type Tx = Parameters<Parameters<AppDb['transaction']>[0]>[0];

/** Who writes, as recorded in `change.actor`: `api-key:3 (alice)`, `jwt:user-42`, `import-cli`, `seed`. */
export type Writer = { actor: string; operation: string };

export async function writeTransaction<T>(db: AppDb, writer: Writer, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      await nameTransaction(tx, writer);
      return work(tx);
    });
  } catch (error) {
    throw domainErrorFromDatabase(error) ?? error;
  }
}

/** Sets the transaction-local settings the audit triggers read (src/db/sql/60-audit.sql). */
export async function nameTransaction(tx: Pick<AppDb, 'execute'>, { actor, operation }: Writer): Promise<void> {
  await tx.execute(
    sql`select set_config('modelgraph.actor', ${actor}, true), set_config('modelgraph.operation', ${operation}, true)`,
  );
}
