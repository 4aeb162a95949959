/**
 * The identity registries: reviewable data files (`data/registry/*.yaml`) naming the canonical benchmarks,
 * organizations and models with the spellings and ids files use for them. Read and checked with zod once per
 * process; the resolver asks them before it looks anything up in the graph.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { hubKey, looseKey } from './keys.ts';
import { parseQualifiers } from './qualifiers.ts';
import path from 'node:path';
import { projectPath } from '../../paths.ts';

export const defaultRegistryDir = projectPath('data', 'registry') + path.sep;

/** What a benchmark measures. A loose match never joins benchmarks of two task types. */
export const taskTypes = [
  'multiple-choice-qa',
  'open-qa',
  'reading-comprehension',
  'retrieval',
  'code',
  'math',
  'instruction-following',
  'reward-modelling',
  'chat',
  'translation',
  'other',
] as const;
export type TaskType = (typeof taskTypes)[number];

const slug = z.string().regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'a slug: lower case letters, digits, - and .');
const text = z.string().trim().min(1);
const sources = z.array(text).min(1, 'every entry says where its facts come from');
const hubId = z.string().regex(/^[\w.-]+(?:\/[\w.-]+)?$/, 'a Hub id: owner/name (legacy datasets: name)');

const benchmarkSchema = z.strictObject({
  slug,
  name: text,
  taskType: z.enum(taskTypes),
  parent: slug.optional(),
  spellings: z.array(text).default([]),
  huggingface: z.array(z.strictObject({ id: hubId, configs: z.array(text).optional() })).default([]),
  lmEvalTasks: z.array(z.string().regex(/^[\w.-]+$/)).default([]),
  sources,
});
const organizationSchema = z.strictObject({
  slug,
  name: text,
  namespaces: z.array(hubId).default([]),
  aliases: z.array(text).default([]),
  sources,
});
const modelSchema = z.strictObject({
  slug,
  name: text,
  organization: slug.optional(),
  huggingface: z.array(hubId.regex(/\//, 'a model repo id: owner/name')).default([]),
  otherIds: z.array(text).default([]),
  sources,
});

export type BenchmarkEntry = z.infer<typeof benchmarkSchema>;
export type OrganizationEntry = z.infer<typeof organizationSchema>;
export type ModelEntry = z.infer<typeof modelSchema>;

/** A registry file that breaks a rule: the file, the entry and what is wrong. */
export class RegistryError extends Error {
  constructor(
    readonly file: string,
    readonly issues: string[],
  ) {
    super(`data/registry/${file}: ${issues.join('; ')}`);
    this.name = 'RegistryError';
  }
}

function readList<T>(dir: string, file: string, schema: z.ZodType<T>): T[] {
  const parsed = z.array(schema).safeParse(parse(readFileSync(`${dir}/${file}`, 'utf8')) ?? []);
  if (!parsed.success) {
    throw new RegistryError(
      file,
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  return parsed.data;
}

/** A key -> entry map that refuses a key claimed by two entries (a spelling must name one thing). */
function uniqueIndex<T extends { slug: string }>(file: string, issues: string[], what: string) {
  const map = new Map<string, T>();
  return {
    map,
    add(key: string, entry: T) {
      const other = map.get(key);
      if (other && other !== entry) issues.push(`${what} "${key}" is claimed by ${other.slug} and ${entry.slug}`);
      else map.set(key, entry);
    },
  };
}

export type BenchmarkMatch = { entry: BenchmarkEntry; by: 'lm-eval-task' | 'spelling' | 'huggingface-id' };

export class Registry {
  readonly benchmarks: BenchmarkEntry[];
  readonly organizations: OrganizationEntry[];
  readonly models: ModelEntry[];
  private readonly benchmarkBySlug = new Map<string, BenchmarkEntry>();
  private readonly benchmarkByTask = new Map<string, BenchmarkEntry>();
  private readonly benchmarkBySpelling = new Map<string, BenchmarkEntry>();
  /** Hub dataset id -> entries (one id with several configs can hold several benchmarks: ARC-Easy/-Challenge). */
  private readonly benchmarksByHub = new Map<string, BenchmarkEntry[]>();
  private readonly organizationByNamespace = new Map<string, OrganizationEntry>();
  private readonly organizationByName = new Map<string, OrganizationEntry>();
  private readonly modelById = new Map<string, ModelEntry>();

  constructor(dir = defaultRegistryDir) {
    this.benchmarks = readList(dir, 'benchmarks.yaml', benchmarkSchema);
    this.organizations = readList(dir, 'organizations.yaml', organizationSchema);
    this.models = readList(dir, 'models.yaml', modelSchema);

    const issues: string[] = [];
    const slugs = uniqueIndex<BenchmarkEntry>('benchmarks.yaml', issues, 'slug');
    const tasks = uniqueIndex<BenchmarkEntry>('benchmarks.yaml', issues, 'lm-eval task');
    const spellings = uniqueIndex<BenchmarkEntry>('benchmarks.yaml', issues, 'spelling');
    for (const entry of this.benchmarks) {
      slugs.add(entry.slug, entry);
      for (const task of entry.lmEvalTasks) tasks.add(task, entry);
      for (const spelling of [entry.name, ...entry.spellings]) spellings.add(looseKey(spelling), entry);
      for (const { id } of entry.huggingface) {
        const list = this.benchmarksByHub.get(hubKey(id)) ?? [];
        if (!list.includes(entry)) list.push(entry);
        this.benchmarksByHub.set(hubKey(id), list);
      }
    }
    for (const [id, list] of this.benchmarksByHub) {
      // One Hub id may serve several benchmarks only through distinct configs.
      if (list.length > 1 && list.some((e) => !e.huggingface.find((h) => hubKey(h.id) === id)?.configs?.length)) {
        issues.push(`Hub id "${id}" is listed by ${list.map((e) => e.slug).join(' and ')} without configs`);
      }
    }
    for (const entry of this.benchmarks) {
      if (entry.parent && !slugs.map.has(entry.parent)) issues.push(`${entry.slug}: parent ${entry.parent} is unknown`);
    }
    if (issues.length) throw new RegistryError('benchmarks.yaml', issues);
    this.copy(slugs.map, this.benchmarkBySlug);
    this.copy(tasks.map, this.benchmarkByTask);
    this.copy(spellings.map, this.benchmarkBySpelling);

    const orgIssues: string[] = [];
    const orgSlugs = uniqueIndex<OrganizationEntry>('organizations.yaml', orgIssues, 'slug');
    const namespaces = uniqueIndex<OrganizationEntry>('organizations.yaml', orgIssues, 'namespace');
    const names = uniqueIndex<OrganizationEntry>('organizations.yaml', orgIssues, 'name');
    for (const entry of this.organizations) {
      orgSlugs.add(entry.slug, entry);
      for (const ns of entry.namespaces) namespaces.add(hubKey(ns), entry);
      for (const name of [entry.slug, entry.name, ...entry.aliases]) names.add(looseKey(name), entry);
    }
    if (orgIssues.length) throw new RegistryError('organizations.yaml', orgIssues);
    this.copy(namespaces.map, this.organizationByNamespace);
    this.copy(names.map, this.organizationByName);

    const modelIssues: string[] = [];
    const modelSlugs = uniqueIndex<ModelEntry>('models.yaml', modelIssues, 'slug');
    const ids = uniqueIndex<ModelEntry>('models.yaml', modelIssues, 'id');
    for (const entry of this.models) {
      modelSlugs.add(entry.slug, entry);
      for (const id of [...entry.huggingface, ...entry.otherIds]) ids.add(hubKey(id), entry);
      if (entry.organization && !orgSlugs.map.has(entry.organization)) {
        modelIssues.push(`${entry.slug}: organization ${entry.organization} is not in organizations.yaml`);
      }
    }
    if (modelIssues.length) throw new RegistryError('models.yaml', modelIssues);
    this.copy(ids.map, this.modelById);
  }

  private copy<T>(from: Map<string, T>, to: Map<string, T>) {
    for (const [key, value] of from) to.set(key, value);
  }

  benchmark(slug: string): BenchmarkEntry | undefined {
    return this.benchmarkBySlug.get(slug);
  }

  /**
   * A Hub id several benchmarks share through their configs (`allenai/ai2_arc`: ARC-Easy and ARC-Challenge): it
   * names the collection, so it is neither benchmark's id, and a dataset holding it is the collection.
   */
  sharedHubId(id: string): boolean {
    return (this.benchmarksByHub.get(hubKey(id))?.length ?? 0) > 1;
  }

  /**
   * The canonical benchmark a file's dataset names: by lm-eval task name, then by spelling (setting qualifiers
   * parsed out), then by Hub id. A spelling does not count when the file gives a Hub id the entry (or the whole it
   * is part of) does not list:
   * a loose name never joins two different repositories ("MMLU" + openai/MMMLU is not MMLU).
   */
  findBenchmark(ref: { name: string; huggingfaceId?: string | undefined }): BenchmarkMatch | undefined {
    const hub = ref.huggingfaceId ? hubKey(ref.huggingfaceId) : undefined;
    const byHub = hub ? this.benchmarksByHub.get(hub) : undefined;
    // A part may name its whole's repository: "MATH Lvl 5" with hendrycks/competition_math is MATH Level 5.
    const sameRepository = (entry: BenchmarkEntry) => {
      const parent = entry.parent ? this.benchmarkBySlug.get(entry.parent) : undefined;
      return !hub || !entry.huggingface.length || !!byHub?.includes(entry) || (!!parent && !!byHub?.includes(parent));
    };
    const byTask = this.benchmarkByTask.get(ref.name.trim());
    if (byTask && sameRepository(byTask)) return { entry: byTask, by: 'lm-eval-task' };
    const bySpelling =
      this.benchmarkBySpelling.get(looseKey(parseQualifiers(ref.name).name)) ??
      this.benchmarkBySpelling.get(looseKey(ref.name));
    if (bySpelling && sameRepository(bySpelling)) return { entry: bySpelling, by: 'spelling' };
    if (byHub?.length === 1) return { entry: byHub[0] as BenchmarkEntry, by: 'huggingface-id' };
    return undefined;
  }

  /** The task type of a dataset a file names: from the registry, else from the MTEB/BEIR family names. */
  taskTypeOf(ref: { name: string; huggingfaceId?: string | undefined }): TaskType | undefined {
    const found = this.findBenchmark(ref);
    if (found) return found.entry.taskType;
    return /^(mteb|beir)\b/i.test(ref.name) || /^(mteb|beir)\//i.test(ref.huggingfaceId ?? '')
      ? 'retrieval'
      : undefined;
  }

  /** The organization a name stands for: a Hub namespace (`meta-llama`), the name or an alias (`Ai2`). */
  findOrganization(name: string): OrganizationEntry | undefined {
    return this.organizationByNamespace.get(hubKey(name)) ?? this.organizationByName.get(looseKey(name));
  }

  /** The organization whose Hub namespace this is (`meta-llama`, `aliyun`); names and aliases aside. */
  findOrganizationByNamespace(namespace: string): OrganizationEntry | undefined {
    return this.organizationByNamespace.get(hubKey(namespace));
  }

  /** The model an id stands for: a Hub repo id, current or renamed, or another tool's id (HELM). */
  findModel(id: string): ModelEntry | undefined {
    return this.modelById.get(hubKey(id));
  }
}

let shared: Registry | undefined;

/** The registries of `data/registry/`, read once per process. */
export function registry(): Registry {
  shared ??= new Registry();
  return shared;
}
