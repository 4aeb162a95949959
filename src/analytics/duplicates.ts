/**
 * Entities that look like the same real thing: what an editor reviews and merges (`mergeEntities`). Groups are
 * found by rules that mirror the importer's identity rules (src/import/resolve.ts), so that what the importer
 * could not join is listed here:
 * - `HUGGINGFACE_ID`: the same Hub id up to case (models' external ids, datasets' `huggingface_id`);
 * - `REGISTRY`: ids, spellings or namespaces that `data/registry/` lists for one canonical entity;
 * - `NAME`: names equal after normalization (case, accents, punctuation, setting qualifiers such as "(0-shot)"),
 *   except between entities with different Hub ids or benchmarks of different task types, which are different
 *   things by the importer's rules.
 * The tables are read whole (ids, names and Hub ids only): one statement per table, grouping in memory.
 */
import { sql } from 'drizzle-orm';
import type { AppDb } from '../db/client.ts';
import { hubKey, looseKey } from '../import/identity/keys.ts';
import { parseQualifiers } from '../import/identity/qualifiers.ts';
import { registry } from '../import/identity/registry.ts';
import { rows } from './sql.ts';

export const DUPLICATE_TYPES = ['MODEL', 'DATASET', 'ORGANIZATION'] as const;
export type DuplicateType = (typeof DUPLICATE_TYPES)[number];
export const DUPLICATE_REASONS = ['HUGGINGFACE_ID', 'REGISTRY', 'NAME'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export type DuplicateMember = { id: number; slug: string; name: string };
export type DuplicateGroup = { reason: DuplicateReason; key: string; members: DuplicateMember[] };

type Row = DuplicateMember & { hub: string[] };

/** The key a name is compared by: loose, without its setting qualifiers. */
export const nameKey = (name: string) => looseKey(parseQualifiers(name).name);

async function load(db: AppDb, type: DuplicateType): Promise<Row[]> {
  if (type === 'MODEL') {
    return rows<Row>(
      db,
      sql`select m.id, m.slug, m.name,
            coalesce(array_agg(e.value) filter (where e.value is not null), '{}') as hub
          from model m left join model_external_id e on e.model_id = m.id and e.namespace = 'huggingface'
          group by m.id order by m.id`,
    );
  }
  if (type === 'DATASET') {
    return rows<Row>(
      db,
      sql`select id, slug, name, case when huggingface_id is null then '{}' else array[huggingface_id] end as hub
          from dataset order by id`,
    );
  }
  return rows<Row>(db, sql`select id, slug, name, aliases as hub from organization order by id`);
}

function groupBy(items: Row[], keysOf: (row: Row) => string[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of items) {
    for (const key of new Set(keysOf(row))) {
      const group = groups.get(key) ?? [];
      group.push(row);
      groups.set(key, group);
    }
  }
  return groups;
}

/** Every group of two or more entities of `type` that look like one thing, by reason then key. */
export async function possibleDuplicates(db: AppDb, type: DuplicateType): Promise<DuplicateGroup[]> {
  const items = await load(db, type);
  const known = registry();
  const out: DuplicateGroup[] = [];
  const add = (reason: DuplicateReason, groups: Map<string, Row[]>, distinct: (members: Row[]) => boolean) => {
    for (const [key, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      if (members.length > 1 && distinct(members)) {
        out.push({ reason, key, members: members.map(({ id, slug, name }) => ({ id, slug, name })) });
      }
    }
  };
  const always = () => true;
  // Organizations keep their namespaces among their aliases; they are no Hub ids of their own.
  const hubIds = (row: Row) => (type === 'ORGANIZATION' ? [] : row.hub.map(hubKey));

  add('HUGGINGFACE_ID', groupBy(items, hubIds), always);

  // One repo name under namespaces the registry lists for one organization (`qwen/…`, `alibaba/…`, `aliyun/…`:
  // evaluation suites name a model by their own namespace, which is no Hub repo).
  const organizationRepo = (id: string): string[] => {
    const [namespace, repo] = id.split('/');
    const organization = namespace && repo ? known.findOrganization(namespace) : undefined;
    return organization ? [`${organization.slug}/${looseKey(repo as string)}`] : [];
  };
  const registryKeys = (row: Row): string[] => {
    if (type === 'MODEL') {
      return row.hub
        .flatMap((id) => known.findModel(id)?.slug ?? [])
        .concat(known.models.some((m) => m.slug === row.slug) ? [row.slug] : [])
        .concat(row.hub.flatMap(organizationRepo));
    }
    if (type === 'DATASET') {
      const found = known.findBenchmark({ name: row.name, huggingfaceId: row.hub[0] });
      return [found?.entry.slug, known.benchmark(row.slug)?.slug].filter((k): k is string => !!k);
    }
    return [row.name, row.slug, ...row.hub].flatMap((name) => known.findOrganization(name)?.slug ?? []);
  };
  add('REGISTRY', groupBy(items, registryKeys), always);

  // Same name, but two Hub repositories or two task types: different things, not listed.
  const oneThing = (members: Row[]) => {
    if (new Set(members.flatMap(hubIds)).size > 1) return false;
    if (type !== 'DATASET') return true;
    const types = new Set(members.flatMap((m) => known.benchmark(m.slug)?.taskType ?? []));
    return types.size <= 1;
  };
  add(
    'NAME',
    groupBy(items, (row) => [nameKey(row.name)].filter(Boolean)),
    oneThing,
  );
  return out;
}
