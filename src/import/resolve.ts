/**
 * Entity resolution for imports: turns the names a file uses (model names, Hugging Face ids, benchmark and
 * metric names, organization names, source URLs) into rows of the graph, creating what is missing.
 *
 * Matching, in order (see "Canonical identity" in the README):
 * 1. the identity registries of `data/registry/` (canonical benchmarks by lm-eval task, spelling and Hub id;
 *    organizations by Hub namespace and alias; models by current or renamed Hub id and other tools' ids);
 * 2. Hugging Face id (model external id / dataset `huggingface_id`), compared case-insensitively as the Hub does;
 * 3. slug;
 * 4. name or alias compared loosely (case, accents and punctuation ignored: "Tülu 3 405B" = "tulu-3-405b"). A
 *    loose match never joins two different Hub repositories and never crosses a benchmark's task type.
 * Metrics go through a table of the spellings evaluation tools use (`acc`, `exact_match`, `pass@1`).
 *
 * The lookup tables are loaded inside the import's transaction. A run of many files may pass an
 * `IdentityCache`: the tables are then reused from the previous file when the graph has not changed since
 * (`identity/cache.ts`), and dropped when a file is refused. Every match and creation is recorded for the
 * report, with how it matched and the confidence of that.
 */
import { sql } from 'drizzle-orm';
import { entities, type SourcedKind } from '../db/entities.ts';
import * as t from '../db/schema.ts';
import type { Tx } from '../write/transaction.ts';
import { isProportionMetric } from '../formats/fields.ts';
import { knownLicense } from './identity/licenses.ts';
import { canonicalMetricSlug, metricRegistry } from './identity/metrics.ts';
import type { DatasetRef, ImportedResult, KnownHubIds, MetricRef, ModelRef, SourceRef } from '../formats/records.ts';
import { type IdentityCache, fingerprint } from './identity/cache.ts';
import { hubKey, looseKey } from './identity/keys.ts';
import { parseQualifiers } from './identity/qualifiers.ts';
import { type BenchmarkEntry, type ModelEntry, type OrganizationEntry, registry } from './identity/registry.ts';

export { looseKey };

/** A slug made from a name: "Llama 3.1 405B" -> "llama-3.1-405b", "allenai/Tulu" -> "allenai-tulu". */
export function slugify(text: string): string {
  const slug = text
    .replace(/\+/g, '-plus')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-*\.-*/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 120)
    .replace(/[-.]+$/g, '');
  return slug || 'unnamed';
}

export type MatchKind =
  'registry' | 'huggingface-id' | 'slug' | 'name' | 'alias' | 'url' | 'title' | 'spelling' | 'created';

/** The key of a source in the lookup table: its URL, or its exact title when it has none. */
const sourceKey = (url: string | null, title: string) => (url ? `url:${url}` : `title:${title}`);

/**
 * How sure a match is: `exact` (same Hub id, slug or URL), `registry` (a known spelling, rename or id listed in
 * `data/registry/` or the metric spellings), `loose` (a name equal after normalization), `created` (no match).
 */
export type Confidence = 'exact' | 'registry' | 'loose' | 'created';

const confidenceOf: Record<MatchKind, Confidence> = {
  registry: 'registry',
  spelling: 'registry',
  'huggingface-id': 'exact',
  slug: 'exact',
  url: 'exact',
  title: 'exact',
  name: 'loose',
  alias: 'loose',
  created: 'created',
};

/** One line of the report: what a name in the file became, how, and how sure that is. */
export type Resolution = {
  type: string;
  reference: string;
  slug: string;
  by: MatchKind;
  confidence: Confidence;
  /** A loose match that a guard refused (another Hub repo, another task type): the merge that was avoided. */
  avoided?: string;
  /**
   * An identifier the file gives that was recorded on the entity it matched by name (a dataset's Hub id), so that
   * a later import finds it by that identifier rather than a dataset created under it since.
   */
  recorded?: string;
};

type Found = { id: number; by: MatchKind };

/**
 * Words of a model name that tell post-trained variants and base models apart ("Instruct", "Chat", "-it", "SFT",
 * "DPO", "Base"): two checkpoints of one family differ in them, so a name match that adds one is another model.
 */
const VARIANT_MARKERS = new Set(['instruct', 'chat', 'it', 'sft', 'dpo', 'rlhf', 'base']);

export function variantMarkers(name: string): Set<string> {
  return new Set(
    name
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => VARIANT_MARKERS.has(word)),
  );
}

/** The first item of each key, in order. */
function distinct<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export type MetricRow = { id: number; slug: string; unit: string; minValue: number | null; maxValue: number | null };

/**
 * Keys that name one entity each (`slug:`, `hf:`, a source's URL or title) in `byKey`; loose names in `byName`,
 * where several entities may share one (a dataset created beside another of its name because a guard refused
 * that one): their ids in creation order, each candidate vetted in turn.
 */
type EntityIndex = {
  byKey: Map<string, number>;
  byName: Map<string, number[]>;
  slugs: Set<string>;
  slugById: Map<number, string>;
};

function emptyIndex(): EntityIndex {
  return { byKey: new Map(), byName: new Map(), slugs: new Set(), slugById: new Map() };
}

/** The lookup tables of one graph state: what a resolver reads, and what an `IdentityCache` keeps between files. */
export class Indexes {
  readonly models = emptyIndex();
  readonly datasets = emptyIndex();
  readonly organizations = emptyIndex();
  readonly sources = emptyIndex();
  readonly metrics = emptyIndex();
  readonly metricRows = new Map<number, MetricRow>();
  readonly licenses = new Map<string, number>();
  /** Developer organizations of each model, for first/third party and same-developer name matches. */
  readonly developers = new Map<number, Set<number>>();
  /** Hub ids of each model and dataset (lower case), so that a loose match never joins two repositories. */
  readonly modelHubIds = new Map<number, Set<string>>();
  readonly datasetHubId = new Map<number, string>();
  /** Hub id of the collection a dataset without one of its own is a part of (a card's `BeIR/cqadupstack` forum). */
  readonly collectionHubId = new Map<number, string>();
}

async function rows<T>(tx: Tx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export class Resolver {
  /** Every distinct name the file used and what it resolved to, in first-seen order. */
  readonly resolutions: Resolution[] = [];
  private readonly seen = new Set<string>();
  private readonly registry = registry();
  private readonly models: EntityIndex;
  private readonly datasets: EntityIndex;
  private readonly organizations: EntityIndex;
  private readonly sources: EntityIndex;
  private readonly metrics: EntityIndex;
  private readonly metricRows: Map<number, MetricRow>;
  private readonly licenses: Map<string, number>;
  private readonly developers: Map<number, Set<number>>;
  private readonly modelHubIds: Map<number, Set<string>>;
  private readonly datasetHubId: Map<number, string>;
  private readonly collectionHubId: Map<number, string>;

  private constructor(
    private readonly tx: Tx,
    private readonly provenance: string,
    /** The lookup tables, as loaded and grown by this file's creations. */
    readonly indexes: Indexes,
    private readonly cache: IdentityCache | undefined,
  ) {
    ({
      models: this.models,
      datasets: this.datasets,
      organizations: this.organizations,
      sources: this.sources,
      metrics: this.metrics,
      metricRows: this.metricRows,
      licenses: this.licenses,
      developers: this.developers,
      modelHubIds: this.modelHubIds,
      datasetHubId: this.datasetHubId,
      collectionHubId: this.collectionHubId,
    } = indexes);
  }

  /**
   * Loads the lookup tables, or takes them from `cache` when the graph has not changed since they were kept.
   * `provenance` is the note put on what the import creates.
   */
  static async load(tx: Tx, provenance: string, cache?: IdentityCache): Promise<Resolver> {
    const cached = cache ? cache.take(await fingerprint(tx)) : undefined;
    const resolver = new Resolver(tx, provenance, cached ?? new Indexes(), cache);
    if (!cached) await resolver.loadIndexes();
    return resolver;
  }

  /**
   * Offers the tables, as they are at the end of this file's writes, to the cache; they are kept only once the
   * transaction commits (`IdentityCache.commit`), so a refused file leaves nothing of its creations behind.
   */
  async offerToCache(): Promise<void> {
    if (this.cache) this.cache.stage(this.indexes, await fingerprint(this.tx));
  }

  /**
   * Rows are read in id order, and `remember` indexes them as it indexes what a run creates (whose ids come after):
   * the tables a run grows file after file are the tables the next run loads, so a name resolves in the second
   * run as it did in the first.
   */
  private async loadIndexes() {
    const index = (target: EntityIndex, id: number, slug: string, names: string[]) =>
      this.remember(target, id, slug, names);
    type Entity = { id: number; slug: string; name: string; aliases: string[] };
    for (const m of await rows<Entity>(this.tx, sql`select id, slug, name, aliases from ${t.model} order by id`)) {
      index(this.models, m.id, m.slug, [m.slug, m.name, ...m.aliases]);
    }
    for (const e of await rows<{ model_id: number; value: string }>(
      this.tx,
      sql`select model_id, value from ${t.modelExternalId} where namespace = 'huggingface' order by id`,
    )) {
      this.rememberModelHubId(e.model_id, e.value);
    }
    for (const d of await rows<Entity & { huggingface_id: string | null; parent_huggingface_id: string | null }>(
      this.tx,
      sql`select d.id, d.slug, d.name, d.aliases, d.huggingface_id, p.huggingface_id as parent_huggingface_id
          from ${t.dataset} d left join ${t.dataset} p on p.id = d.parent_dataset_id order by d.id`,
    )) {
      index(this.datasets, d.id, d.slug, [d.slug, d.name, ...d.aliases]);
      if (d.huggingface_id) this.rememberDatasetHubId(d.id, d.huggingface_id);
      else if (d.parent_huggingface_id) this.collectionHubId.set(d.id, hubKey(d.parent_huggingface_id));
    }
    for (const o of await rows<Entity>(
      this.tx,
      sql`select id, slug, name, aliases from ${t.organization} order by id`,
    )) {
      index(this.organizations, o.id, o.slug, [o.slug, o.name, ...o.aliases]);
    }
    for (const s of await rows<{ id: number; slug: string; url: string | null; title: string }>(
      this.tx,
      sql`select id, slug, url, title from ${t.source} order by id`,
    )) {
      index(this.sources, s.id, s.slug, []);
      this.rememberSourceKey(s.id, s.url, s.title);
    }
    for (const m of await rows<{
      id: number;
      slug: string;
      name: string;
      unit: string;
      min_value: number | null;
      max_value: number | null;
    }>(this.tx, sql`select id, slug, name, unit, min_value, max_value from ${t.metric} order by id`)) {
      index(this.metrics, m.id, m.slug, [m.slug, m.name]);
      this.metricRows.set(m.id, { id: m.id, slug: m.slug, unit: m.unit, minValue: m.min_value, maxValue: m.max_value });
    }
    for (const l of await rows<{ id: number; slug: string; spdx_id: string | null }>(
      this.tx,
      sql`select id, slug, spdx_id from ${t.license} order by id`,
    )) {
      this.licenses.set(looseKey(l.slug), l.id);
      if (l.spdx_id) this.licenses.set(looseKey(l.spdx_id), l.id);
    }
    for (const d of await rows<{ model_id: number; organization_id: number }>(
      this.tx,
      sql`select model_id, organization_id from ${t.modelDeveloper} order by model_id, organization_id`,
    )) {
      let set = this.developers.get(d.model_id);
      if (!set) this.developers.set(d.model_id, (set = new Set()));
      set.add(d.organization_id);
    }
  }

  private rememberModelHubId(modelId: number, id: string) {
    this.models.byKey.set(`hf:${hubKey(id)}`, modelId);
    const sibling = this.organizationRepoKey(id);
    if (sibling && !this.models.byKey.has(sibling)) this.models.byKey.set(sibling, modelId);
    let set = this.modelHubIds.get(modelId);
    if (!set) this.modelHubIds.set(modelId, (set = new Set()));
    set.add(hubKey(id));
  }

  private rememberDatasetHubId(datasetId: number, id: string) {
    this.datasets.byKey.set(`hf:${hubKey(id)}`, datasetId);
    this.datasetHubId.set(datasetId, hubKey(id));
  }

  private record(type: string, reference: string, slug: string, by: MatchKind, recorded?: string) {
    const key = `${type}\u0000${reference}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const avoided = by === 'created' ? this.avoided.get(key) : undefined;
    this.resolutions.push({
      type,
      reference,
      slug,
      by,
      confidence: confidenceOf[by],
      ...(avoided ? { avoided } : {}),
      ...(recorded ? { recorded } : {}),
    });
  }

  /** Loose candidates a guard refused, by type and reference: reported as merges avoided. */
  private readonly avoided = new Map<string, string>();

  private uniqueSlug(index: EntityIndex, base: string): string {
    let slug = base;
    for (let n = 2; index.slugs.has(slug); n++) slug = `${base}-${n}`;
    index.slugs.add(slug);
    return slug;
  }

  /**
   * Slug, then loose name. `refusal` vets a candidate found by a name (not by an exact slug): the guards that
   * keep a loose match from joining two repositories or two task types.
   */
  private find(
    index: EntityIndex,
    name: string,
    stripQualifier = true,
    refusal: (id: number) => string | undefined = () => undefined,
    avoidedKey?: string,
  ): Found | undefined {
    const accept = (id: number) => {
      const reason = refusal(id);
      if (reason && avoidedKey && !this.avoided.has(avoidedKey)) {
        this.avoided.set(avoidedKey, `not ${index.slugById.get(id)}: ${reason}`);
      }
      return reason === undefined;
    };
    const vet = (id: number | undefined) => (id !== undefined && accept(id) ? id : undefined);
    const vetNamed = (key: string) => index.byName.get(key)?.find(accept);
    const exact = index.byKey.get(`slug:${name}`);
    if (exact !== undefined && accept(exact)) return { id: exact, by: 'slug' };
    const bySlug = vet(index.byKey.get(`slug:${slugify(name)}`));
    if (bySlug !== undefined) return { id: bySlug, by: 'slug' };
    const byName = vetNamed(looseKey(name));
    if (byName !== undefined) return { id: byName, by: 'name' };
    // Leaderboards qualify names with the setting: "Tülu 3 405B (4-shot, CoT)", "MMLU (5-shot)". Not metrics:
    // "Accuracy (maj@8)" is another metric than "Accuracy".
    const bare = stripQualifier ? parseQualifiers(name).name : name;
    if (bare !== name) {
      const byBareName = vetNamed(looseKey(bare)) ?? vet(index.byKey.get(`slug:${slugify(bare)}`));
      if (byBareName !== undefined) return { id: byBareName, by: 'name' };
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------
  // Lookups: no database access, the indexes were loaded at the start and grow with each creation.

  private organizationEntry(name: string): OrganizationEntry | undefined {
    return this.registry.findOrganization(name);
  }

  private lookupOrganization(name: string): Found | undefined {
    const entry = this.organizationEntry(name);
    if (entry) {
      const id = this.organizations.byKey.get(`slug:${entry.slug}`);
      // A registry organization the graph lacks is created under its canonical slug, never matched loosely.
      return id === undefined ? undefined : { id, by: 'registry' };
    }
    return this.find(this.organizations, name);
  }

  /**
   * A source is its URL; one without a URL is its exact title. Not its slug: titles that differ only in case or
   * punctuation are other documents (Every Eval Ever records of `org/Model-Ita` and `org/Model-ITA` are two
   * evaluations with their own values).
   */
  private lookupSource(ref: SourceRef): Found | undefined {
    const id = this.sources.byKey.get(sourceKey(ref.url ?? null, ref.title));
    return id === undefined ? undefined : { id, by: ref.url ? 'url' : 'title' };
  }

  private rememberSourceKey(id: number, url: string | null, title: string) {
    this.sources.byKey.set(sourceKey(url, title), id);
  }

  private modelEntry(ref: ModelRef): ModelEntry | undefined {
    return ref.huggingfaceId ? this.registry.findModel(ref.huggingfaceId) : this.registry.findModel(ref.name);
  }

  /**
   * One repo name under two Hub namespaces that the organization registry gives one organization is one model:
   * evaluation suites name a model by their own namespace (`qwen/`, `alibaba/`, `aliyun/qwen3-next-80b-a3b-thinking`
   * for Alibaba Cloud's Qwen3-Next). The repo name is compared as the Hub does (case aside); possibleDuplicates
   * lists the looser pairs (REGISTRY).
   */
  private organizationRepoKey(id: string): string | undefined {
    const [namespace, repo, ...rest] = id.split('/');
    if (!namespace || !repo || rest.length) return undefined;
    const organization = this.registry.findOrganizationByNamespace(namespace);
    return organization ? `org-repo:${organization.slug}/${hubKey(repo)}` : undefined;
  }

  /**
   * Of some Hub repo ids, those models of the graph have (case aside), and the namespaces the graph has models
   * under: what settles a card name that splits several ways (`formats/model-card-identity.ts`, step 7).
   */
  knownHubIds(ids: string[]): KnownHubIds {
    const namespaces = new Set<string>();
    for (const key of this.models.byKey.keys()) {
      const slash = key.indexOf('/');
      if (key.startsWith('hf:') && slash > 3) namespaces.add(key.slice(3, slash));
    }
    return {
      ids: ids.filter((id) => this.models.byKey.has(`hf:${hubKey(id)}`)),
      namespaces: [...new Set(ids.map((id) => hubKey(id.split('/')[0] as string)))].filter((ns) => namespaces.has(ns)),
    };
  }

  private lookupModel(ref: ModelRef): Found | undefined {
    const byHf = ref.huggingfaceId ? this.models.byKey.get(`hf:${hubKey(ref.huggingfaceId)}`) : undefined;
    const entry = this.modelEntry(ref);
    if (entry) {
      const id =
        this.models.byKey.get(`slug:${entry.slug}`) ??
        entry.huggingface.map((hf) => this.models.byKey.get(`hf:${hubKey(hf)}`)).find((x) => x !== undefined);
      // The file's own id stored on the model is an exact match, whatever the registry adds.
      return id === undefined ? undefined : { id, by: id === byHf ? 'huggingface-id' : 'registry' };
    }
    if (byHf !== undefined) return { id: byHf, by: 'huggingface-id' };
    const sibling = ref.huggingfaceId ? this.organizationRepoKey(ref.huggingfaceId) : undefined;
    const byOrganization = sibling ? this.models.byKey.get(sibling) : undefined;
    if (byOrganization !== undefined) return { id: byOrganization, by: 'registry' };
    const refusal = (id: number) => this.sameModelRefusal(ref, id);
    const key = `Model\u0000${ref.huggingfaceId ?? ref.name}`;
    return (
      this.find(this.models, ref.name, true, refusal, key) ??
      (ref.huggingfaceId
        ? this.find(this.models, ref.huggingfaceId.split('/').pop() as string, true, refusal, key)
        : undefined)
    );
  }

  /**
   * Whether a model found by name may be the one a file names. A file that gives a Hub repo names that repo: it
   * matches a model with other Hub ids never (`someone/Llama-3.1-8B-Instruct` is a fine-tune, not Meta's), and
   * one without Hub ids only when that model's developer is the repo's namespace.
   */
  private sameModelRefusal(ref: ModelRef, id: number): string | undefined {
    if (!ref.huggingfaceId) return undefined;
    if (this.modelHubIds.get(id)?.size) return 'another Hugging Face repo';
    // A repo's name says which checkpoint it holds: `Qwen/Qwen2.5-32B` is the base model, never a model whose own
    // name says it is the instruct (chat, SFT...) variant, whatever aliases that model has collected.
    const theirs = variantMarkers(this.models.slugById.get(id) ?? '');
    const ours = new Set([...variantMarkers(ref.name), ...variantMarkers(ref.huggingfaceId)]);
    const extra = [...theirs].filter((marker) => !ours.has(marker));
    if (extra.length) return `it is the ${extra.join(' ')} variant, which ${ref.huggingfaceId}’s name does not say`;
    const namespace = ref.huggingfaceId.split('/')[0] as string;
    const organization = this.lookupOrganization(namespace);
    const same = organization !== undefined && (this.developers.get(id)?.has(organization.id) ?? false);
    return same ? undefined : `its developer is not ${namespace}`;
  }

  private benchmarkEntry(ref: DatasetRef): BenchmarkEntry | undefined {
    return this.registry.findBenchmark(ref)?.entry;
  }

  private lookupDataset(ref: DatasetRef): Found | undefined {
    const byHf = ref.huggingfaceId ? this.datasets.byKey.get(`hf:${hubKey(ref.huggingfaceId)}`) : undefined;
    const entry = this.benchmarkEntry(ref);
    if (entry) {
      // The dataset holding a Hub id several benchmarks share is their collection (`allenai/ai2_arc`), not this
      // benchmark: lm-eval's `arc_easy` is never filed under an `ai2_arc` dataset another file created.
      const own = (id: string | undefined) => (id !== undefined && !this.registry.sharedHubId(id) ? id : undefined);
      const id =
        this.datasets.byKey.get(`slug:${entry.slug}`) ??
        entry.huggingface
          .map((hf) => (own(hf.id) ? this.datasets.byKey.get(`hf:${hubKey(hf.id)}`) : undefined))
          .find((x) => x !== undefined) ??
        (own(ref.huggingfaceId) ? byHf : undefined);
      return id === undefined ? undefined : { id, by: id === byHf ? 'huggingface-id' : 'registry' };
    }
    if (byHf !== undefined) return { id: byHf, by: 'huggingface-id' };
    const refusal = (id: number) => this.sameDatasetRefusal(ref, id);
    const key = `Dataset\u0000${ref.huggingfaceId ?? ref.name}`;
    return (
      this.find(this.datasets, ref.name, true, refusal, key) ??
      (ref.huggingfaceId
        ? this.find(this.datasets, ref.huggingfaceId.split('/').pop() as string, true, refusal, key)
        : undefined)
    );
  }

  /**
   * A dataset found by name is not the one a file names when their Hub ids or their task types differ. A part of a
   * collection without a Hub id of its own counts with its collection's: "MTEB CQADupstackAndroidRetrieval" under
   * `BeIR/cqadupstack` is not the `mteb/cqadupstack-android` dataset of that name, whichever a run meets first.
   */
  private sameDatasetRefusal(ref: DatasetRef, id: number): string | undefined {
    const hub = this.datasetHubId.get(id);
    const collection = this.collectionHubId.get(id);
    const differ = (theirs: string | undefined, ours: string | undefined) =>
      theirs !== undefined && ours !== undefined && theirs !== hubKey(ours);
    // Two parts of collections are not compared by their collections' ids (lm-eval names MMLU's by its own copy).
    if (
      differ(hub, ref.huggingfaceId) ||
      differ(collection, ref.huggingfaceId) ||
      (!ref.huggingfaceId && differ(hub, ref.parent?.huggingfaceId))
    ) {
      return 'another Hugging Face dataset';
    }
    const theirs = this.registry.benchmark(this.datasets.slugById.get(id) as string)?.taskType;
    const ours = this.registry.taskTypeOf(ref);
    return theirs && ours && theirs !== ours ? `task types differ (${ours} vs ${theirs})` : undefined;
  }

  private lookupMetric(ref: MetricRef): Found | undefined {
    const spelled = canonicalMetricSlug(ref.name);
    const bySpelling = spelled ? this.metrics.byKey.get(`slug:${spelled}`) : undefined;
    return bySpelling !== undefined ? { id: bySpelling, by: 'spelling' } : this.find(this.metrics, ref.name, false);
  }

  // -------------------------------------------------------------------------------------------------------
  // Creation, many at a time: one multi-row insert per table, whatever the number of new names.

  /** Organizations the graph lacks, each linked to the source of the record that names it. */
  private async createOrganizations(items: { name: string; sourceId: number }[]): Promise<void> {
    const fresh = distinct(
      items.filter((item) => !this.lookupOrganization(item.name)),
      (item) => this.organizationEntry(item.name)?.slug ?? looseKey(item.name),
    );
    if (!fresh.length) return;
    const values = fresh.map(({ name }) => {
      const entry = this.organizationEntry(name);
      return {
        slug: this.uniqueSlug(this.organizations, entry?.slug ?? slugify(name)),
        name: entry?.name ?? name,
        aliases: entry ? [...new Set([...entry.namespaces, ...entry.aliases])].filter((a) => a !== entry.name) : [],
        // The kind of a body named only in a file is unknown: say so instead of guessing silently.
        kind: 'company' as const,
        unverifiedFields: ['kind'],
        description: '',
      };
    });
    const created = await this.tx.insert(t.organization).values(values).returning({
      id: t.organization.id,
      slug: t.organization.slug,
      name: t.organization.name,
      aliases: t.organization.aliases,
    });
    created.forEach((row, index) => {
      this.remember(this.organizations, row.id, row.slug, [row.slug, row.name, ...row.aliases]);
      this.record('Organization', (fresh[index] as (typeof fresh)[number]).name, row.slug, 'created');
    });
    await this.linkToSources(
      'organization',
      created.map((row, index) => ({ entityId: row.id, sourceId: (fresh[index] as (typeof fresh)[number]).sourceId })),
    );
  }

  /** Links entities this import created to the file they came from, noting the import as the provenance. */
  private async linkToSources(kind: SourcedKind, links: { entityId: number; sourceId: number }[]): Promise<void> {
    if (links.length === 0) return;
    await this.tx.insert(entities[kind].sources).values(links.map((link) => ({ ...link, notes: this.provenance })));
  }

  private async createSources(refs: SourceRef[]): Promise<void> {
    const fresh = distinct(
      refs.filter((ref) => !this.lookupSource(ref)),
      (ref) => sourceKey(ref.url ?? null, ref.title),
    );
    if (!fresh.length) return;
    const values = fresh.map((ref) => ({
      slug: ref.url
        ? this.uniqueSlug(this.sources, slugify(ref.url.replace(/^https?:\/\/(www\.)?/, '')))
        : this.uniqueSlug(this.sources, slugify(ref.title)),
      url: ref.url ?? null,
      title: ref.title,
      publisher: ref.publisher ?? null,
      kind: ref.kind ?? ('webpage' as const),
      primary: false,
      publishedOn: ref.publishedOn ?? null,
      notes: this.provenance,
    }));
    const created = await this.tx
      .insert(t.source)
      .values(values)
      .returning({ id: t.source.id, slug: t.source.slug, url: t.source.url, title: t.source.title });
    created.forEach((row, index) => {
      const ref = fresh[index] as SourceRef;
      this.remember(this.sources, row.id, row.slug, []);
      this.rememberSourceKey(row.id, row.url, row.title);
      this.record('Source', ref.url ?? ref.title, row.slug, 'created');
    });
  }

  /** Creates the models no index knows, each with the source that names it, its HF id and its developer. */
  private async createModels(items: { ref: ModelRef; sourceId: number }[]): Promise<void> {
    const fresh = distinct(
      items.filter((item) => !this.lookupModel(item.ref)),
      (item) => {
        const entry = this.modelEntry(item.ref);
        if (entry) return `entry:${entry.slug}`;
        const id = item.ref.huggingfaceId;
        return id ? (this.organizationRepoKey(id) ?? `hf:${hubKey(id)}`) : `name:${looseKey(item.ref.name)}`;
      },
    );
    if (!fresh.length) return;
    const developerOf = (ref: ModelRef) => {
      const entry = this.modelEntry(ref);
      const organization = entry?.organization
        ? this.registry.organizations.find((o) => o.slug === entry.organization)
        : undefined;
      return organization?.name ?? ref.organization;
    };
    await this.createOrganizations(
      fresh.flatMap((item) => {
        const developer = developerOf(item.ref);
        return developer ? [{ name: developer, sourceId: item.sourceId }] : [];
      }),
    );
    /** The Hub id stored for a model: the registry's current id (renames are resolved through the registry). */
    const hubIdOf = (ref: ModelRef) => {
      const entry = this.modelEntry(ref);
      return entry ? entry.huggingface[0] : ref.huggingfaceId;
    };
    const values = fresh.map(({ ref }) => {
      const entry = this.modelEntry(ref);
      const name = entry?.name ?? (ref.name || (ref.huggingfaceId?.split('/').pop() as string));
      const hubId = hubIdOf(ref);
      // A Hugging Face repository holds weights; without one the file does not say whether they are open.
      const openWeights = hubId !== undefined;
      const aliases = [ref.huggingfaceId, ref.name, ...(entry?.huggingface ?? []), ...(entry?.otherIds ?? [])].filter(
        (alias): alias is string => !!alias && alias !== name,
      );
      return {
        slug: this.uniqueSlug(this.models, entry?.slug ?? slugify(ref.huggingfaceId ?? ref.name)),
        name,
        aliases: entry ? [...new Set(aliases)] : aliases.slice(0, 1).filter((a) => a === ref.huggingfaceId),
        openWeights,
        unverifiedFields: openWeights ? [] : ['openWeights'],
        description: '',
      };
    });
    const created = await this.tx
      .insert(t.model)
      .values(values)
      .returning({ id: t.model.id, slug: t.model.slug, name: t.model.name, aliases: t.model.aliases });
    const sources: { entityId: number; sourceId: number }[] = [];
    const externalIds: (typeof t.modelExternalId.$inferInsert)[] = [];
    const developers: (typeof t.modelDeveloper.$inferInsert)[] = [];
    created.forEach((row, index) => {
      const { ref, sourceId } = fresh[index] as (typeof fresh)[number];
      this.remember(this.models, row.id, row.slug, [row.slug, row.name, ...row.aliases]);
      sources.push({ entityId: row.id, sourceId });
      const hubId = hubIdOf(ref);
      if (hubId) {
        externalIds.push({ modelId: row.id, namespace: 'huggingface', value: hubId });
        this.rememberModelHubId(row.id, hubId);
      }
      const developer = developerOf(ref);
      if (developer) {
        const organizationId = (this.lookupOrganization(developer) as Found).id;
        developers.push({ modelId: row.id, organizationId, position: 0, sourceId });
        this.developers.set(row.id, new Set([organizationId]));
      }
      this.record('Model', ref.huggingfaceId ?? ref.name, row.slug, 'created');
    });
    await this.linkToSources('model', sources);
    if (externalIds.length) await this.tx.insert(t.modelExternalId).values(externalIds);
    if (developers.length) await this.tx.insert(t.modelDeveloper).values(developers);
  }

  private async createDatasets(
    items: { ref: DatasetRef; sourceId: number }[],
    role: 'benchmark' | 'training',
  ): Promise<void> {
    await this.recordDatasetHubIds(items.map((item) => item.ref));
    // Parents first, so that a part created here points at its whole; an existing dataset's parent is left as is.
    const parents = items.flatMap(({ ref, sourceId }) => {
      const parent = this.parentOf(ref);
      return parent && !this.lookupDataset(ref) ? [{ ref: parent, sourceId }] : [];
    });
    if (parents.length) await this.createDatasets(parents, role);
    const fresh = distinct(
      items.filter((item) => !this.lookupDataset(item.ref)),
      (item) => {
        const entry = this.benchmarkEntry(item.ref);
        if (entry) return `entry:${entry.slug}`;
        return item.ref.huggingfaceId
          ? `hf:${hubKey(item.ref.huggingfaceId)}`
          : `name:${looseKey(parseQualifiers(item.ref.name).name)}`;
      },
    );
    if (!fresh.length) return;
    const claimed = new Set<string>();
    const created = await this.tx
      .insert(t.dataset)
      .values(
        fresh.map(({ ref }) => {
          // ARC-Easy and ARC-Challenge share allenai/ai2_arc: the first created in a batch holds it.
          const hubId = this.hubIdForNewDataset(ref, this.benchmarkEntry(ref));
          const unclaimed = hubId && !claimed.has(hubKey(hubId)) ? hubId : null;
          if (unclaimed) claimed.add(hubKey(unclaimed));
          const entry = this.benchmarkEntry(ref);
          const name = entry?.name ?? parseQualifiers(ref.name).name;
          const parent = this.parentOf(ref);
          return {
            slug: this.uniqueSlug(this.datasets, entry?.slug ?? slugify(name)),
            name,
            aliases: entry && ref.name !== name ? [ref.name] : [],
            benchmark: role === 'benchmark',
            trainingData: role === 'training',
            huggingfaceId: unclaimed,
            parentDatasetId: parent ? this.datasetId(parent) : null,
            description: '',
          };
        }),
      )
      .returning({
        id: t.dataset.id,
        slug: t.dataset.slug,
        name: t.dataset.name,
        aliases: t.dataset.aliases,
        huggingfaceId: t.dataset.huggingfaceId,
      });
    created.forEach((row, index) => {
      const { ref } = fresh[index] as (typeof fresh)[number];
      this.remember(this.datasets, row.id, row.slug, [row.slug, row.name, ...row.aliases]);
      if (row.huggingfaceId) this.rememberDatasetHubId(row.id, row.huggingfaceId);
      else {
        const parent = this.parentOf(ref);
        const collection = parent ? this.datasetHubId.get(this.datasetId(parent)) : undefined;
        if (collection) this.collectionHubId.set(row.id, collection);
      }
      this.record('Dataset', ref.huggingfaceId ?? ref.name, row.slug, 'created');
    });
    await this.linkToSources(
      'dataset',
      created.map((row, index) => ({ entityId: row.id, sourceId: (fresh[index] as (typeof fresh)[number]).sourceId })),
    );
  }

  /**
   * A dataset the file names with a Hub id that no dataset holds, found by its name or slug (a dataset created
   * without a Hub id, from a file that gave none), gets that Hub id. Otherwise the match would not survive the
   * import: a later file creating a dataset under that Hub id would hold it, and the next import of this file
   * would find that other dataset by its Hub id and add the results again there. Nothing is recorded when the
   * file gives the id under names of several datasets, or several ids under the name of one: which is which is
   * then not the file's to say.
   */
  private async recordDatasetHubIds(refs: readonly DatasetRef[]): Promise<void> {
    const claims = new Map<string, { datasetId: number; hubId: string; by: MatchKind; references: Set<string> }>();
    const ambiguous = new Set<string>();
    const claimedDataset = new Map<number, string>();
    for (const ref of refs) {
      if (!ref.huggingfaceId) continue;
      const found = this.lookupDataset(ref);
      if (!found || (found.by !== 'slug' && found.by !== 'name')) continue;
      if (this.datasetHubId.has(found.id) || this.collectionHubId.has(found.id)) continue;
      const key = hubKey(ref.huggingfaceId);
      const claim = claims.get(key);
      const other = claimedDataset.get(found.id);
      if ((claim && claim.datasetId !== found.id) || (other !== undefined && other !== key)) {
        ambiguous.add(key);
        if (other !== undefined) ambiguous.add(other);
        continue;
      }
      claimedDataset.set(found.id, key);
      if (claim) claim.references.add(ref.huggingfaceId);
      else {
        claims.set(key, {
          datasetId: found.id,
          hubId: ref.huggingfaceId,
          by: found.by,
          references: new Set([ref.huggingfaceId]),
        });
      }
    }
    for (const [key, claim] of claims) {
      if (ambiguous.has(key)) continue;
      await this.tx
        .update(t.dataset)
        .set({ huggingfaceId: claim.hubId, updatedAt: sql`now()` })
        .where(sql`${t.dataset.id} = ${claim.datasetId} and ${t.dataset.huggingfaceId} is null`);
      this.rememberDatasetHubId(claim.datasetId, claim.hubId);
      const slug = this.datasets.slugById.get(claim.datasetId) as string;
      for (const reference of claim.references) {
        this.record('Dataset', reference, slug, claim.by, `Hugging Face id ${claim.hubId}`);
      }
    }
  }

  /** The whole a dataset is part of: the registry's parent (MATH for MATH Level 5), else the file's. */
  private parentOf(ref: DatasetRef): DatasetRef | undefined {
    const entry = this.benchmarkEntry(ref);
    const parent = entry?.parent ? this.registry.benchmark(entry.parent) : undefined;
    return parent ? { name: parent.name } : ref.parent;
  }

  /**
   * A new dataset's Hub id: the registry's canonical repository, else the file's; none if another holds it, and
   * none for a benchmark from a Hub id it shares with others (ARC-Easy is not `allenai/ai2_arc`, its collection).
   */
  private hubIdForNewDataset(ref: DatasetRef, entry: BenchmarkEntry | undefined): string | null {
    const shared = (id: string) => this.registry.sharedHubId(id);
    const id = entry
      ? (entry.huggingface.find((h) => h.id.includes('/') && !shared(h.id))?.id ??
        (ref.huggingfaceId && !shared(ref.huggingfaceId) ? ref.huggingfaceId : undefined))
      : ref.huggingfaceId;
    if (!id) return null;
    const holder = this.datasets.byKey.get(`hf:${hubKey(id)}`);
    return holder === undefined ? id : null;
  }

  /**
   * Metrics the graph lacks. A metric the file states as fractions (lm-eval `acc` 0.85) is created as a
   * percentage (0–100), so that its values are stored in one unit whatever file they come from; others get
   * the unknown unit `score` and no range.
   */
  private async createMetrics(items: { ref: MetricRef; fraction: boolean }[]): Promise<void> {
    const fractions = new Set(items.filter((item) => item.fraction).map((item) => looseKey(item.ref.name)));
    const fresh = distinct(
      items.filter((item) => !this.lookupMetric(item.ref)).map((item) => item.ref),
      (ref) => canonicalMetricSlug(ref.name) ?? looseKey(ref.name),
    );
    if (!fresh.length) return;
    const percent = (ref: MetricRef) => fractions.has(looseKey(ref.name)) || isProportionMetric(ref.name);
    const created = await this.tx
      .insert(t.metric)
      .values(
        fresh.map((ref) => {
          // A metric of the registry is created as the registry defines it, whatever spelling named it.
          const known = metricRegistry().match(ref.name)?.metric;
          if (known) {
            return {
              slug: this.uniqueSlug(this.metrics, known.slug),
              name: known.name,
              unit: known.unit,
              minValue: known.range[0],
              maxValue: known.range[1],
              higherIsBetter: known.higherIsBetter,
              description: known.description,
            };
          }
          return {
            slug: this.uniqueSlug(this.metrics, slugify(ref.name)),
            name: ref.name,
            unit: percent(ref) ? 'percent' : 'score',
            minValue: percent(ref) ? 0 : null,
            maxValue: percent(ref) ? 100 : null,
            higherIsBetter: ref.higherIsBetter ?? true,
            description: `${this.provenance}${ref.higherIsBetter === undefined ? ' The file does not say whether higher is better; assumed.' : ''}`,
          };
        }),
      )
      .returning({
        id: t.metric.id,
        slug: t.metric.slug,
        name: t.metric.name,
        unit: t.metric.unit,
        minValue: t.metric.minValue,
        maxValue: t.metric.maxValue,
      });
    for (const [index, row] of created.entries()) {
      this.remember(this.metrics, row.id, row.slug, [row.slug, row.name]);
      this.metricRows.set(row.id, {
        id: row.id,
        slug: row.slug,
        unit: row.unit,
        minValue: row.minValue,
        maxValue: row.maxValue,
      });
      // Named as the file spells it (`acc_norm`), which may differ from the registry's name.
      this.record('Metric', (fresh[index] as MetricRef).name, row.slug, 'created');
    }
  }

  /** Indexes an entity under its slug and loose names (its slug, name and aliases, as `loadIndexes` reads them). */
  private remember(index: EntityIndex, id: number, slug: string, names: readonly string[]) {
    index.slugs.add(slug);
    index.slugById.set(id, slug);
    index.byKey.set(`slug:${slug}`, id);
    for (const name of names) {
      const key = looseKey(name);
      const ids = index.byName.get(key);
      if (!ids) index.byName.set(key, [id]);
      else if (!ids.includes(id)) ids.push(id);
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // The resolver's API.

  /** Creates, in a few statements, everything a batch of results names that the graph lacks. */
  async prepareResults(records: readonly ImportedResult[]): Promise<void> {
    await this.createSources(records.map((record) => record.source));
    await this.createOrganizations(
      records.flatMap((record) =>
        record.evaluator ? [{ name: record.evaluator, sourceId: this.sourceId(record.source) }] : [],
      ),
    );
    await this.createModels(records.map((record) => ({ ref: record.model, sourceId: this.sourceId(record.source) })));
    await this.createDatasets(
      records.map((record) => ({ ref: record.dataset, sourceId: this.sourceId(record.source) })),
      'benchmark',
    );
    await this.createMetrics(records.map((record) => ({ ref: record.metric, fraction: record.scale === 'fraction' })));
  }

  private resolved(type: string, reference: string, index: EntityIndex, found: Found | undefined): number {
    if (!found) throw new Error(`import: ${type} "${reference}" was not prepared`);
    this.record(type, reference, index.slugById.get(found.id) as string, found.by);
    return found.id;
  }

  sourceId(ref: SourceRef): number {
    return this.resolved('Source', ref.url ?? ref.title, this.sources, this.lookupSource(ref));
  }

  organizationId(name: string): number {
    return this.resolved('Organization', name, this.organizations, this.lookupOrganization(name));
  }

  modelId(ref: ModelRef): number {
    return this.resolved('Model', ref.huggingfaceId ?? ref.name, this.models, this.lookupModel(ref));
  }

  datasetId(ref: DatasetRef): number {
    return this.resolved('Dataset', ref.huggingfaceId ?? ref.name, this.datasets, this.lookupDataset(ref));
  }

  metricRow(ref: MetricRef): MetricRow {
    return this.metricRows.get(this.resolved('Metric', ref.name, this.metrics, this.lookupMetric(ref))) as MetricRow;
  }

  /** One source, created if missing (model records). */
  async source(ref: SourceRef): Promise<number> {
    await this.createSources([ref]);
    return this.sourceId(ref);
  }

  /** One model, created if missing, with `sourceId` as the source that names it. */
  async model(ref: ModelRef, sourceId: number): Promise<number> {
    await this.createModels([{ ref, sourceId }]);
    return this.modelId(ref);
  }

  /** One dataset, created if missing in the given role. */
  async dataset(ref: DatasetRef, sourceId: number, role: 'benchmark' | 'training'): Promise<number> {
    await this.createDatasets([{ ref, sourceId }], role);
    return this.datasetId(ref);
  }

  /** A license by SPDX id or slug (Hugging Face spellings included); undefined when the graph lacks it. */
  license(name: string): number | undefined {
    const known = knownLicense(name);
    return this.licenses.get(looseKey(name)) ?? (known ? this.licenses.get(looseKey(known.slug)) : undefined);
  }

  /** Whether the organization developed the model (the evaluation is then first party). */
  isDeveloper(modelId: number, organizationId: number): boolean {
    return this.developers.get(modelId)?.has(organizationId) ?? false;
  }

  modelSlug(id: number): string {
    return this.models.slugById.get(id) as string;
  }
}
