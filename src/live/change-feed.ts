/**
 * The change feed: after a write transaction commits, this process learns what it changed, whoever wrote it
 * (a mutation here or on another instance, the CLI importer in its own process, the seed, plain SQL).
 * PostgreSQL tells every listening session the id of each committed transaction that wrote audit rows
 * (src/db/sql/70-change-feed.sql); the transaction's `change` rows (src/db/sql/60-audit.sql) say the rest.
 * On PostgreSQL each process listens on a connection of its own; PGlite, a single session inside this process,
 * hears its own transactions.
 */
import type { PGlite } from '@electric-sql/pglite';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { Database } from '../db/client.ts';
import { ENTITY_OF_TABLE } from '../db/entities.ts';
import * as schema from '../db/schema.ts';
import type { Logger } from '../logger.ts';

export const CHANGE_CHANNEL = 'modelgraph_change';

/** Most entities a batch lists one by one; a larger transaction (an import, the seed) comes as a summary. */
export const MAX_BATCH_CHANGES = 1000;

export type ChangeAction = 'insert' | 'update' | 'delete';

/** One entity a transaction changed: a row of its own table, or of a table audited under it (its sources...). */
export type EntityChange = {
  /** The entity's kind, as in src/db/entities.ts and `change.entity_type` (`model`, `benchmark_result`...). */
  type: string;
  id: number;
  /** `insert`/`delete` when the entity's own row was inserted/deleted; else `update`. */
  action: ChangeAction;
  /** Results only: the result's dataset and model (before and after an update that moved it). */
  datasetIds: number[];
  modelIds: number[];
};

/** One entity, by kind and id. */
export type EntityRef = { type: string; id: number };

/** Most entities a batch lists among `references`; beyond, it names their kinds (`referencedTypes`) instead. */
export const MAX_BATCH_REFERENCES = 10_000;

/**
 * Per table, its columns that reference an entity (a foreign key to an entity's table): column SQL name -> the
 * entity's kind. `model_developer.organization_id` -> `organization`, `benchmark_result.dataset_id` -> `dataset`...
 */
export const ENTITY_REFERENCES: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.fromEntries(
  (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => {
      const { name, foreignKeys } = getTableConfig(table);
      const columns = foreignKeys.flatMap((key) => {
        const {
          columns: [column, ...more],
          foreignTable,
        } = key.reference();
        const kind = getTableConfig(foreignTable).name;
        return column && more.length === 0 && ENTITY_OF_TABLE.has(kind) ? [[column.name, kind] as const] : [];
      });
      return [name, Object.fromEntries(columns)] as const;
    })
    .filter(([, columns]) => Object.keys(columns).length > 0),
);

/** What one committed transaction changed. */
export type ChangeBatch = {
  transactionId: string;
  /** Every changed entity, unless `truncated`. */
  changes: EntityChange[];
  /** More than MAX_BATCH_CHANGES entities changed: `changes` is empty, the summary below is all there is. */
  truncated: boolean;
  /** The kinds of entities changed. */
  types: string[];
  /** The datasets and models of the results changed. */
  datasetIds: number[];
  modelIds: number[];
  /**
   * The entities the changed rows reference, before and after the change (a new model's developers, the
   * organizations a model moved between, a result's dataset, model, metric and sources): what they count or list
   * changed though their own rows did not. Empty when there are more than MAX_BATCH_REFERENCES: then
   * `referencedTypes` names their kinds.
   */
  references: EntityRef[];
  referencedTypes: string[];
};

const unique = (ids: Iterable<unknown>) => [...new Set([...ids].filter((id) => id !== null).map(Number))];

/** Reads what transaction `transactionId` changed (after it committed). */
export async function readChangeBatch(
  database: Pick<Database, 'query'>,
  transactionId: string,
  { maxChanges = MAX_BATCH_CHANGES, maxReferences = MAX_BATCH_REFERENCES } = {},
): Promise<ChangeBatch> {
  const entities = await database.query({
    text: `select c.entity_type as type, c.entity_id as id,
        case when bool_or(c.action = 'delete' and c.table_name = c.entity_type) then 'delete'
             when bool_or(c.action = 'insert' and c.table_name = c.entity_type) then 'insert'
             else 'update' end as action,
        array_agg(distinct (image ->> 'dataset_id')::integer) filter (where c.entity_type = 'benchmark_result') as dataset_ids,
        array_agg(distinct (image ->> 'model_id')::integer) filter (where c.entity_type = 'benchmark_result') as model_ids,
        array_agg(distinct r.dataset_id) as current_dataset_ids,
        array_agg(distinct r.model_id) as current_model_ids
      from change c
      cross join lateral (values (c.before), (c.after)) as images (image)
      left join benchmark_result r on c.entity_type = 'benchmark_result' and r.id = c.entity_id
      where c.transaction_id = $1::bigint and c.entity_id is not null
      group by c.entity_type, c.entity_id
      order by min(c.id)
      limit $2`,
    values: [transactionId, maxChanges + 1],
  });
  const referenced = await database.query({
    text: `select distinct r.kind as type, (i.image ->> r.col)::integer as id
      from change c
      cross join lateral (values (c.before), (c.after)) as i (image)
      cross join lateral jsonb_each_text($2::jsonb -> c.table_name) as r (col, kind)
      where c.transaction_id = $1::bigint and i.image ->> r.col is not null
      limit $3`,
    values: [transactionId, JSON.stringify(ENTITY_REFERENCES), maxReferences + 1],
  });
  const references =
    referenced.length <= maxReferences
      ? { references: referenced.map((row) => ({ type: row.type as string, id: Number(row.id) })), referencedTypes: [] }
      : { references: [], referencedTypes: await referencedKinds(database, transactionId) };
  if (entities.length <= maxChanges) {
    const changes = entities.map((row): EntityChange => ({
      type: row.type as string,
      id: Number(row.id),
      action: row.action as ChangeAction,
      datasetIds: unique([...((row.dataset_ids as number[]) ?? []), ...((row.current_dataset_ids as number[]) ?? [])]),
      modelIds: unique([...((row.model_ids as number[]) ?? []), ...((row.current_model_ids as number[]) ?? [])]),
    }));
    return {
      transactionId,
      changes,
      truncated: false,
      types: [...new Set(changes.map((change) => change.type))],
      datasetIds: unique(changes.flatMap((change) => change.datasetIds)),
      modelIds: unique(changes.flatMap((change) => change.modelIds)),
      ...references,
    };
  }
  const [summary] = await database.query({
    text: `select array_agg(distinct entity_type) as types,
        array_agg(distinct (coalesce(after, before) ->> 'dataset_id')::integer) filter (where table_name = 'benchmark_result') as dataset_ids,
        array_agg(distinct (coalesce(after, before) ->> 'model_id')::integer) filter (where table_name = 'benchmark_result') as model_ids
      from change where transaction_id = $1::bigint`,
    values: [transactionId],
  });
  return {
    transactionId,
    changes: [],
    truncated: true,
    types: (summary?.types as string[] | null) ?? [],
    datasetIds: unique((summary?.dataset_ids as number[] | null) ?? []),
    modelIds: unique((summary?.model_ids as number[] | null) ?? []),
    ...references,
  };
}

/** Every kind of entity that a row of a table the transaction changed may reference. */
async function referencedKinds(database: Pick<Database, 'query'>, transactionId: string): Promise<string[]> {
  const tables = await database.query({
    text: `select distinct table_name from change where transaction_id = $1::bigint`,
    values: [transactionId],
  });
  return [...new Set(tables.flatMap((row) => Object.values(ENTITY_REFERENCES[row.table_name as string] ?? {})))];
}

export type ChangeListener = { close(): Promise<void> };

export type ListenOptions = {
  /** Called with the id of each committed transaction that wrote audit rows, in commit order. */
  onTransaction: (transactionId: string) => void;
  /** Called after the listening connection was lost and is back: notifications may have been missed. */
  onGap: () => void;
  logger?: Logger | undefined;
  /** PostgreSQL: the primary's URL (needed when the database routes reads to replicas). */
  url?: string | undefined;
};

/** Listens on CHANGE_CHANNEL until closed. On PostgreSQL a lost connection is reopened, with backoff. */
export async function listenForChanges(database: Database, options: ListenOptions): Promise<ChangeListener> {
  if (database.kind === 'pglite') {
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const unlisten = await client.listen(CHANGE_CHANNEL, options.onTransaction);
    return { close: () => unlisten() };
  }
  // The primary's URL when given; else the options of the pool drizzle was given (a plain pool: no replicas).
  const connection = options.url
    ? { connectionString: options.url }
    : (database.db as unknown as { $client: Partial<pg.Pool> }).$client.options;
  if (!connection) throw new Error('the change feed needs the URL of the primary database');
  return listenOnPostgres(connection, options);
}

async function listenOnPostgres(
  connection: pg.PoolConfig,
  { onTransaction, onGap, logger }: ListenOptions,
): Promise<ChangeListener> {
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let attempt = 0;

  // pg is loaded with the PostgreSQL backend only (src/db/client.ts): cached by then.
  const { default: pg } = await import('pg');
  const open = async () => {
    const opened = new pg.Client({
      ...connection,
      application_name: `${connection.application_name ?? 'modelgraph'}-change-feed`,
    });
    opened.on('notification', (message) => {
      if (message.channel === CHANGE_CHANNEL && message.payload) onTransaction(message.payload);
    });
    opened.on('error', (error) => lost(opened, error));
    opened.on('end', () => lost(opened));
    await opened.connect();
    await opened.query(`listen ${CHANGE_CHANNEL}`);
    client = opened;
  };
  const lost = (which: pg.Client, error?: Error) => {
    if (closed || which !== client) return;
    client = undefined;
    logger?.warn({ reason: error?.message }, 'change feed: connection lost, reconnecting');
    which.end().catch(() => {});
    reconnect();
  };
  const reconnect = () => {
    if (closed) return;
    const delay = Math.min(200 * 2 ** attempt++, 5_000);
    retry = setTimeout(() => {
      open().then(
        () => {
          attempt = 0;
          logger?.info('change feed: listening again');
          onGap();
        },
        (error: unknown) => {
          logger?.warn({ reason: (error as Error).message }, 'change feed: cannot reconnect yet');
          reconnect();
        },
      );
    }, delay);
  };

  await open();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}
