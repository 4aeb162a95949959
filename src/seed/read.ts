/**
 * Reads and checks the seed files. Everything is validated (shape with zod, then every slug reference and
 * every uniqueness rule) before the loader writes a single row, and every problem is reported with its
 * file and path, not only the first.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { entities, SLUGGED_KINDS, type SluggedKind } from '../db/entities.ts';
import { graphKinds, type SeedData, seedData } from '../formats/graph-json.ts';
import { projectPath } from '../paths.ts';
import { findTask } from '../import/identity/tasks.ts';

/** The seed shipped with the repository. */
export const defaultSeedDir = projectPath('data', 'seed') + path.sep;

/** One YAML file per top-level key of the seed. */
export const seedFiles = Object.keys(seedData.shape) as (keyof SeedData)[];

export class SeedValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`The seed data has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    this.name = 'SeedValidationError';
  }
}

export type LoadedSeed = { data: SeedData; contentHash: string };

export async function readSeed(dir: string = defaultSeedDir): Promise<LoadedSeed> {
  const problems: string[] = [];
  const raw: Record<string, unknown> = {};
  const hash = createHash('sha256');

  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.yaml')).sort();
  for (const key of seedFiles) {
    // `<key>.yaml` plus any `<key>.<part>.yaml`, so a large kind can be split by topic.
    const files = names.filter(
      (name) => name === `${key}.yaml` || (name.startsWith(`${key}.`) && name.split('.').length === 3),
    );
    if (files.length === 0) problems.push(`${key}.yaml: missing from ${dir}`);
    const records: unknown[] = [];
    for (const name of files) {
      const content = await readFile(path.join(dir, name), 'utf8');
      hash.update(`${name}\n${content}\n`);
      const doc = parseDocument(content, { prettyErrors: true, uniqueKeys: true });
      if (doc.errors.length > 0) {
        problems.push(...doc.errors.map((error) => `${name}: ${error.message}`));
        continue;
      }
      const value: unknown = doc.toJS() ?? [];
      if (Array.isArray(value)) records.push(...value);
      else problems.push(`${name}: expected a YAML list of records`);
    }
    raw[key] = records;
  }
  if (problems.length > 0) throw new SeedValidationError(problems);

  const parsed = seedData.safeParse(raw);
  if (!parsed.success) throw new SeedValidationError(formatZodIssues(parsed.error, raw));

  problems.push(...checkReferences(parsed.data));
  if (problems.length > 0) throw new SeedValidationError(problems);

  return { data: parsed.data, contentHash: hash.digest('hex') };
}

function formatZodIssues(error: z.ZodError, raw: Record<string, unknown>): string[] {
  return error.issues.map((issue) => {
    const [file, index, ...rest] = issue.path;
    const record = typeof index === 'number' ? (raw[String(file)] as Record<string, unknown>[])[index] : undefined;
    const label = record && typeof record === 'object' && 'slug' in record ? ` (${String(record.slug)})` : '';
    const where = [index, ...rest].map(String).join('.');
    return `${String(file)}.yaml: ${where}${label}: ${issue.message}`;
  });
}

/** Every slug a record refers to must exist, and every slug and natural key must be unique. */
function checkReferences(seed: SeedData): string[] {
  const problems: string[] = [];
  // The slugs of every slugged kind of the registry, in the files' order; claims are named by nothing.
  const known = {} as Record<Exclude<SluggedKind, 'claim'>, Set<string>>;
  for (const kind of SLUGGED) {
    const file = entities[kind].documentList;
    const slugs = uniqueSlugs(file, seed[file], problems);
    if (kind !== 'claim') known[kind] = slugs;
  }
  uniqueSlugs('results', seed.results, problems);

  const expect = (kind: keyof typeof known, value: string | undefined, where: string) => {
    if (value !== undefined && !known[kind].has(value)) problems.push(`${where}: unknown ${kind} "${value}"`);
  };
  const sourceRefs = (sources: (string | { source: string })[], where: string) =>
    sources.forEach((s, i) => expect('source', typeof s === 'string' ? s : s.source, `${where}.sources.${i}`));

  seed.licenses.forEach((l) => expect('source', l.source, `licenses.yaml: ${l.slug}.source`));
  for (const o of seed.organizations) sourceRefs(o.sources, `organizations.yaml: ${o.slug}`);
  for (const t of seed.techniques) {
    const where = `techniques.yaml: ${t.slug}`;
    sourceRefs(t.sources, where);
    expect('source', t.introducedBy, `${where}.introducedBy`);
    expect('technique', t.parent, `${where}.parent`);
  }
  for (const d of seed.datasets) {
    const where = `datasets.yaml: ${d.slug}`;
    sourceRefs(d.sources, where);
    expect('metric', d.defaultMetric, `${where}.defaultMetric`);
    expect('license', d.license, `${where}.license`);
    expect('source', d.paper, `${where}.paper`);
    expect('dataset', d.parent, `${where}.parent`);
    d.creatorOrganizations.forEach((o, i) => expect('organization', o, `${where}.creatorOrganizations.${i}`));
  }
  for (const m of seed.models) {
    const where = `models.yaml: ${m.slug}`;
    sourceRefs(m.sources, where);
    expect('license', m.license, `${where}.license`);
    m.developers.forEach((d, i) => {
      expect('organization', d.organization, `${where}.developers.${i}.organization`);
      expect('source', d.source, `${where}.developers.${i}.source`);
    });
    m.baseModels.forEach((edge, i) => {
      expect('model', edge.model, `${where}.baseModels.${i}.model`);
      expect('source', edge.source, `${where}.baseModels.${i}.source`);
      if (edge.model === m.slug) problems.push(`${where}.baseModels.${i}: a model cannot derive from itself`);
    });
    m.techniques.forEach((use, i) => {
      expect('technique', use.technique, `${where}.techniques.${i}.technique`);
      expect('source', use.source, `${where}.techniques.${i}.source`);
      use.datasets.forEach((d, j) => expect('dataset', d, `${where}.techniques.${i}.datasets.${j}`));
    });
    m.languages.forEach((link, i) => {
      expect('language', link.language, `${where}.languages.${i}.language`);
      expect('source', link.source, `${where}.languages.${i}.source`);
    });
    if (m.task) {
      expect('source', m.task.source, `${where}.task.source`);
      if (!findTask(m.task.task))
        problems.push(`${where}.task: "${m.task.task}" is not a task of data/registry/tasks.yaml`);
    }
    if (m.activeParameterCount && m.parameterCount && m.activeParameterCount > m.parameterCount) {
      problems.push(`${where}: activeParameterCount exceeds parameterCount`);
    }
  }
  const resultKeys = new Set<string>();
  for (const table of seed.results) {
    const where = `results.yaml: ${table.slug}`;
    expect('source', table.source, `${where}.source`);
    expect('organization', table.evaluator, `${where}.evaluator`);
    table.columns.forEach((c, i) => expect('model', typeof c === 'string' ? c : c.model, `${where}.columns.${i}`));
    table.rows.forEach((row, i) => {
      expect('dataset', row.dataset, `${where}.rows.${i}.dataset`);
      expect('metric', row.metric, `${where}.rows.${i}.metric`);
      row.values.forEach((value, j) => {
        if (value === null) return;
        const column = table.columns[j];
        const key = JSON.stringify([table.source, column, row.dataset, row.metric, row.setting]);
        if (resultKeys.has(key)) problems.push(`${where}.rows.${i}.values.${j}: the same result is given twice`);
        resultKeys.add(key);
      });
    });
  }
  // Values the database keeps unique, checked here so that the report names the records.
  const uniqueValues = (what: string, entries: [string, string | undefined][]) => {
    const owners = new Map<string, string>();
    for (const [owner, value] of entries) {
      if (value === undefined) continue;
      const first = owners.get(value);
      if (first) problems.push(`${what} "${value}" is used by both ${first} and ${owner}`);
      else owners.set(value, owner);
    }
  };
  uniqueValues(
    'source url',
    seed.sources.map((s) => [`sources.yaml: ${s.slug}`, s.url]),
  );
  uniqueValues(
    'license spdxId',
    seed.licenses.map((l) => [`licenses.yaml: ${l.slug}`, l.spdxId]),
  );
  uniqueValues(
    'dataset huggingfaceId',
    seed.datasets.map((d) => [`datasets.yaml: ${d.slug}`, d.huggingfaceId]),
  );
  uniqueValues(
    'model external id',
    seed.models.flatMap((m) =>
      m.externalIds.map((e): [string, string] => [`models.yaml: ${m.slug}`, `${e.namespace}:${e.value}`]),
    ),
  );

  const claimOrdinals = new Set<string>();
  for (const c of seed.claims) {
    const where = `claims.yaml: ${c.slug}`;
    expect('source', c.source, `${where}.source`);
    const ordinalKey = `${c.source}#${c.ordinal}`;
    if (claimOrdinals.has(ordinalKey)) problems.push(`${where}: ordinal ${c.ordinal} is used twice for ${c.source}`);
    claimOrdinals.add(ordinalKey);
    for (const [i, target] of [c.subject, ...c.objects].entries()) {
      const [kind, value] = Object.entries(target)[0] as [keyof typeof known, string];
      expect(kind, value, `${where}.${i === 0 ? 'subject' : `objects.${i - 1}`}`);
    }
  }
  return problems;
}

const SLUGGED = [...SLUGGED_KINDS].sort(
  (a, b) => graphKinds.indexOf(entities[a].documentList) - graphKinds.indexOf(entities[b].documentList),
);

function uniqueSlugs(file: string, records: { slug: string }[], problems: string[]): Set<string> {
  const seen = new Set<string>();
  for (const { slug } of records) {
    if (seen.has(slug)) problems.push(`${file}.yaml: slug "${slug}" is used twice`);
    seen.add(slug);
  }
  return seen;
}
