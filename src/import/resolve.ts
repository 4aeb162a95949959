/**
 * Entity resolution for imports: turns the names a file uses (model names, Hugging Face ids, benchmark and
 * metric names, organization names, source URLs) into rows of the graph, creating what is missing.
 *
 * Matching, in order: Hugging Face id (model external id / dataset `huggingface_id`), then slug, then name or
 * alias compared loosely (case, accents and punctuation ignored: "Tülu 3 405B" = "tulu-3-405b"). Metrics also
 * go through a table of the spellings evaluation tools use (`acc`, `exact_match`, `pass@1`).
 *
 * The lookup tables live for one import only (they are loaded at its start, inside its transaction), so two
 * server instances never share or disagree on them. Every match and creation is recorded for the report.
 */
import { sql } from 'drizzle-orm';
import * as t from '../db/schema.ts';
import type { Tx } from '../write/transaction.ts';
import type { DatasetRef, MetricRef, ModelRef, SourceRef } from './records.ts';

/** Loose key: lower case, no accents, letters and digits only. */
export function looseKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** A slug made from a name: "Llama 3.1 405B" -> "llama-3.1-405b", "allenai/Tulu" -> "allenai-tulu". */
export function slugify(text: string): string {
  const slug = text
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

/** How tools spell the metrics the graph knows, by loose key -> metric slug. */
const metricSpellings: Record<string, string> = {
  acc: 'accuracy',
  accuracy: 'accuracy',
  exactmatch: 'exact-match',
  em: 'exact-match',
  f1: 'f1',
  f1score: 'f1',
  passrate: 'pass-rate',
  passk: 'pass-rate',
  winrate: 'win-rate',
  lcwinrate: 'lc-win-rate',
  lengthcontrolledwinrate: 'lc-win-rate',
  bitsperbyte: 'bits-per-byte',
  bpb: 'bits-per-byte',
};

/** `pass@1`, `pass_at_10`: the pass-rate metric at k. */
export function passAtK(metricName: string): number | undefined {
  const match = /^pass(?:@|_at_|@k=)(\d+)$/i.exec(metricName.trim());
  return match ? Number(match[1]) : undefined;
}

/** Hugging Face license ids that differ from the graph's license slugs. */
const licenseSpellings: Record<string, string> = {
  llama31: 'llama-3.1-community',
  llama3point1: 'llama-3.1-community',
  odcby: 'odc-by-1.0',
};

export type MatchKind = 'huggingface-id' | 'slug' | 'name' | 'alias' | 'url' | 'spelling' | 'created';

/** One line of the report: what a name in the file became. */
export type Resolution = { type: string; reference: string; slug: string; by: MatchKind };

export type MetricRow = { id: number; slug: string; unit: string; minValue: number | null; maxValue: number | null };

type EntityIndex = { byKey: Map<string, number>; slugs: Set<string>; slugById: Map<number, string> };

function emptyIndex(): EntityIndex {
  return { byKey: new Map(), slugs: new Set(), slugById: new Map() };
}

async function rows<T>(tx: Tx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export class Resolver {
  /** Every distinct name the file used and what it resolved to, in first-seen order. */
  readonly resolutions: Resolution[] = [];
  private readonly seen = new Map<string, number>();
  private readonly models = emptyIndex();
  private readonly datasets = emptyIndex();
  private readonly organizations = emptyIndex();
  private readonly sources = emptyIndex();
  private readonly metrics = emptyIndex();
  private readonly metricRows = new Map<number, MetricRow>();
  private readonly licenses = new Map<string, number>();
  /** Developer organizations of each model, for first/third party. */
  private readonly developers = new Map<number, Set<number>>();

  private constructor(
    private readonly tx: Tx,
    private readonly provenance: string,
  ) {}

  /** Loads the lookup tables. `provenance` is the note put on what the import creates. */
  static async load(tx: Tx, provenance: string): Promise<Resolver> {
    const resolver = new Resolver(tx, provenance);
    await resolver.loadIndexes();
    return resolver;
  }

  private async loadIndexes() {
    const index = (target: EntityIndex, id: number, slug: string, names: string[], prefix = '') => {
      target.slugs.add(slug);
      target.slugById.set(id, slug);
      target.byKey.set(`slug:${slug}`, id);
      for (const name of names) {
        const key = `${prefix}name:${looseKey(name)}`;
        if (!target.byKey.has(key)) target.byKey.set(key, id);
      }
    };
    type Entity = { id: number; slug: string; name: string; aliases: string[] };
    for (const m of await rows<Entity>(this.tx, sql`select id, slug, name, aliases from ${t.model}`)) {
      index(this.models, m.id, m.slug, [m.slug, m.name, ...m.aliases]);
    }
    for (const e of await rows<{ model_id: number; value: string }>(
      this.tx,
      sql`select model_id, value from ${t.modelExternalId} where namespace = 'huggingface'`,
    )) {
      this.models.byKey.set(`hf:${e.value.toLowerCase()}`, e.model_id);
    }
    for (const d of await rows<Entity & { huggingface_id: string | null }>(
      this.tx,
      sql`select id, slug, name, aliases, huggingface_id from ${t.dataset}`,
    )) {
      index(this.datasets, d.id, d.slug, [d.slug, d.name, ...d.aliases]);
      if (d.huggingface_id) this.datasets.byKey.set(`hf:${d.huggingface_id.toLowerCase()}`, d.id);
    }
    for (const o of await rows<Entity>(this.tx, sql`select id, slug, name, aliases from ${t.organization}`)) {
      index(this.organizations, o.id, o.slug, [o.slug, o.name, ...o.aliases]);
    }
    for (const s of await rows<{ id: number; slug: string; url: string | null }>(
      this.tx,
      sql`select id, slug, url from ${t.source}`,
    )) {
      index(this.sources, s.id, s.slug, []);
      if (s.url) this.sources.byKey.set(`url:${s.url}`, s.id);
    }
    for (const m of await rows<{
      id: number;
      slug: string;
      name: string;
      unit: string;
      min_value: number | null;
      max_value: number | null;
    }>(this.tx, sql`select id, slug, name, unit, min_value, max_value from ${t.metric}`)) {
      index(this.metrics, m.id, m.slug, [m.slug, m.name]);
      this.metricRows.set(m.id, { id: m.id, slug: m.slug, unit: m.unit, minValue: m.min_value, maxValue: m.max_value });
    }
    for (const l of await rows<{ id: number; slug: string; spdx_id: string | null }>(
      this.tx,
      sql`select id, slug, spdx_id from ${t.license}`,
    )) {
      this.licenses.set(looseKey(l.slug), l.id);
      if (l.spdx_id) this.licenses.set(looseKey(l.spdx_id), l.id);
    }
    for (const d of await rows<{ model_id: number; organization_id: number }>(
      this.tx,
      sql`select model_id, organization_id from ${t.modelDeveloper}`,
    )) {
      let set = this.developers.get(d.model_id);
      if (!set) this.developers.set(d.model_id, (set = new Set()));
      set.add(d.organization_id);
    }
  }

  private record(type: string, reference: string, slug: string, by: MatchKind) {
    const key = `${type}\u0000${reference}`;
    if (this.seen.has(key)) return;
    this.seen.set(key, this.resolutions.length);
    this.resolutions.push({ type, reference, slug, by });
  }

  private uniqueSlug(index: EntityIndex, base: string): string {
    let slug = base;
    for (let n = 2; index.slugs.has(slug); n++) slug = `${base}-${n}`;
    index.slugs.add(slug);
    return slug;
  }

  private find(index: EntityIndex, name: string, stripQualifier = true): { id: number; by: MatchKind } | undefined {
    const bySlug = index.byKey.get(`slug:${name}`) ?? index.byKey.get(`slug:${slugify(name)}`);
    if (bySlug !== undefined) return { id: bySlug, by: 'slug' };
    const byName = index.byKey.get(`name:${looseKey(name)}`);
    if (byName !== undefined) return { id: byName, by: 'name' };
    // Leaderboards qualify names with the setting: "Tülu 3 405B (4-shot, CoT)", "MMLU (5-shot)". Not metrics:
    // "Accuracy (maj@8)" is another metric than "Accuracy".
    const bare = name.replace(/\s*\([^()]*\)\s*$/, '');
    if (stripQualifier && bare !== name && bare) {
      const byBareName = index.byKey.get(`name:${looseKey(bare)}`) ?? index.byKey.get(`slug:${slugify(bare)}`);
      if (byBareName !== undefined) return { id: byBareName, by: 'name' };
    }
    return undefined;
  }

  async organization(name: string): Promise<number> {
    const found = this.find(this.organizations, name);
    if (found) {
      this.record('Organization', name, this.organizations.slugById.get(found.id) as string, found.by);
      return found.id;
    }
    const slug = this.uniqueSlug(this.organizations, slugify(name));
    // The kind of a body named only in a file is unknown: say so instead of guessing silently.
    const [row] = await this.tx
      .insert(t.organization)
      .values({ slug, name, kind: 'company', unverifiedFields: ['kind'], description: '' })
      .returning({ id: t.organization.id });
    const id = (row as { id: number }).id;
    this.organizations.byKey.set(`slug:${slug}`, id);
    this.organizations.byKey.set(`name:${looseKey(name)}`, id);
    this.organizations.slugById.set(id, slug);
    this.record('Organization', name, slug, 'created');
    return id;
  }

  async source(ref: SourceRef): Promise<number> {
    if (ref.url) {
      const byUrl = this.sources.byKey.get(`url:${ref.url}`);
      if (byUrl !== undefined) {
        this.record('Source', ref.url, this.sources.slugById.get(byUrl) as string, 'url');
        return byUrl;
      }
    } else {
      const bySlug = this.sources.byKey.get(`slug:${slugify(ref.title)}`);
      if (bySlug !== undefined) {
        this.record('Source', ref.title, slugify(ref.title), 'slug');
        return bySlug;
      }
    }
    const base = slugify(ref.url ? ref.url.replace(/^https?:\/\/(www\.)?/, '') : ref.title);
    const slug = this.uniqueSlug(this.sources, base);
    const [row] = await this.tx
      .insert(t.source)
      .values({
        slug,
        url: ref.url ?? null,
        title: ref.title,
        publisher: ref.publisher ?? null,
        kind: ref.kind ?? 'webpage',
        primary: false,
        publishedOn: ref.publishedOn ?? null,
        notes: this.provenance,
      })
      .returning({ id: t.source.id });
    const id = (row as { id: number }).id;
    this.sources.slugById.set(id, slug);
    this.sources.byKey.set(`slug:${slug}`, id);
    if (ref.url) this.sources.byKey.set(`url:${ref.url}`, id);
    this.record('Source', ref.url ?? ref.title, slug, 'created');
    return id;
  }

  async model(ref: ModelRef, sourceId: number): Promise<number> {
    const reference = ref.huggingfaceId ?? ref.name;
    const byHf = ref.huggingfaceId ? this.models.byKey.get(`hf:${ref.huggingfaceId.toLowerCase()}`) : undefined;
    const found =
      byHf !== undefined
        ? { id: byHf, by: 'huggingface-id' as const }
        : (this.find(this.models, ref.name) ??
          (ref.huggingfaceId ? this.find(this.models, ref.huggingfaceId.split('/').pop() as string) : undefined));
    if (found) {
      this.record('Model', reference, this.models.slugById.get(found.id) as string, found.by);
      return found.id;
    }
    const slug = this.uniqueSlug(this.models, slugify(ref.huggingfaceId ?? ref.name));
    const name = ref.name || (ref.huggingfaceId?.split('/').pop() as string);
    // A Hugging Face repository holds weights; without one the file does not say whether they are open.
    const openWeights = ref.huggingfaceId !== undefined;
    const [row] = await this.tx
      .insert(t.model)
      .values({
        slug,
        name,
        aliases: ref.huggingfaceId && ref.huggingfaceId !== name ? [ref.huggingfaceId] : [],
        openWeights,
        unverifiedFields: openWeights ? [] : ['openWeights'],
        description: '',
      })
      .returning({ id: t.model.id });
    const id = (row as { id: number }).id;
    await this.tx.insert(t.modelSource).values({ entityId: id, sourceId, notes: this.provenance });
    if (ref.huggingfaceId) {
      await this.tx
        .insert(t.modelExternalId)
        .values({ modelId: id, namespace: 'huggingface', value: ref.huggingfaceId });
      this.models.byKey.set(`hf:${ref.huggingfaceId.toLowerCase()}`, id);
    }
    if (ref.organization) {
      const organizationId = await this.organization(ref.organization);
      await this.tx.insert(t.modelDeveloper).values({ modelId: id, organizationId, position: 0, sourceId });
      this.developers.set(id, new Set([organizationId]));
    }
    this.models.byKey.set(`slug:${slug}`, id);
    this.models.byKey.set(`name:${looseKey(name)}`, id);
    this.models.slugById.set(id, slug);
    this.record('Model', reference, slug, 'created');
    return id;
  }

  async dataset(ref: DatasetRef, sourceId: number, role: 'benchmark' | 'training'): Promise<number> {
    const reference = ref.huggingfaceId ?? ref.name;
    const byHf = ref.huggingfaceId ? this.datasets.byKey.get(`hf:${ref.huggingfaceId.toLowerCase()}`) : undefined;
    const found =
      byHf !== undefined
        ? { id: byHf, by: 'huggingface-id' as const }
        : (this.find(this.datasets, ref.name) ??
          (ref.huggingfaceId ? this.find(this.datasets, ref.huggingfaceId.split('/').pop() as string) : undefined));
    if (found) {
      this.record('Dataset', reference, this.datasets.slugById.get(found.id) as string, found.by);
      return found.id;
    }
    const slug = this.uniqueSlug(this.datasets, slugify(ref.name));
    const [row] = await this.tx
      .insert(t.dataset)
      .values({
        slug,
        name: ref.name,
        benchmark: role === 'benchmark',
        trainingData: role === 'training',
        huggingfaceId: ref.huggingfaceId ?? null,
        description: '',
      })
      .returning({ id: t.dataset.id });
    const id = (row as { id: number }).id;
    await this.tx.insert(t.datasetSource).values({ entityId: id, sourceId, notes: this.provenance });
    this.datasets.byKey.set(`slug:${slug}`, id);
    this.datasets.byKey.set(`name:${looseKey(ref.name)}`, id);
    if (ref.huggingfaceId) this.datasets.byKey.set(`hf:${ref.huggingfaceId.toLowerCase()}`, id);
    this.datasets.slugById.set(id, slug);
    this.record('Dataset', reference, slug, 'created');
    return id;
  }

  /** The metric a file's metric name means; `pass@k` names resolve to pass-rate (the caller keeps k). */
  async metric(ref: MetricRef): Promise<MetricRow> {
    const spelled = passAtK(ref.name) !== undefined ? 'pass-rate' : metricSpellings[looseKey(ref.name)];
    const bySpelling = spelled ? this.metrics.byKey.get(`slug:${spelled}`) : undefined;
    const found =
      bySpelling !== undefined ? { id: bySpelling, by: 'spelling' as const } : this.find(this.metrics, ref.name, false);
    if (found) {
      this.record('Metric', ref.name, this.metrics.slugById.get(found.id) as string, found.by);
      return this.metricRows.get(found.id) as MetricRow;
    }
    const slug = this.uniqueSlug(this.metrics, slugify(ref.name));
    const higherIsBetter = ref.higherIsBetter ?? true;
    const [row] = await this.tx
      .insert(t.metric)
      .values({
        slug,
        name: ref.name,
        unit: 'score',
        higherIsBetter,
        description: `${this.provenance}${ref.higherIsBetter === undefined ? ' The file does not say whether higher is better; assumed.' : ''}`,
      })
      .returning({ id: t.metric.id });
    const id = (row as { id: number }).id;
    const metricRow: MetricRow = { id, slug, unit: 'score', minValue: null, maxValue: null };
    this.metricRows.set(id, metricRow);
    this.metrics.byKey.set(`slug:${slug}`, id);
    this.metrics.byKey.set(`name:${looseKey(ref.name)}`, id);
    this.metrics.slugById.set(id, slug);
    this.record('Metric', ref.name, slug, 'created');
    return metricRow;
  }

  /** A license by SPDX id or slug (Hugging Face spellings included); undefined when the graph lacks it. */
  license(name: string): number | undefined {
    const key = looseKey(name);
    return this.licenses.get(key) ?? this.licenses.get(looseKey(licenseSpellings[key] ?? ''));
  }

  /** Whether the organization developed the model (the evaluation is then first party). */
  isDeveloper(modelId: number, organizationId: number): boolean {
    return this.developers.get(modelId)?.has(organizationId) ?? false;
  }

  modelSlug(id: number): string {
    return this.models.slugById.get(id) as string;
  }
}
