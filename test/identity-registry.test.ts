/**
 * The identity registries of data/registry/: every entry well-formed (zod, at load), no spelling or id claimed
 * twice, and every slug either the seed's entity or one the seed does not have under another slug. The lookups
 * the importer relies on, on the spellings the real files use (../shared/data/real/, see its SOURCES.md).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { looseKey } from '../src/import/identity/keys.ts';
import { parseQualifiers } from '../src/import/identity/qualifiers.ts';
import { defaultRegistryDir, Registry, RegistryError } from '../src/import/identity/registry.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
type SeedEntity = { slug: string; name: string; aliases?: string[]; huggingfaceId?: string };
const seed = (file: string) => parse(readFileSync(path.join(root, 'data', 'seed', file), 'utf8')) as SeedEntity[];
const registry = new Registry();

describe('the registries are well-formed', () => {
  test('they load (zod) and each lists entries with sources', () => {
    expect(registry.benchmarks.length).toBeGreaterThan(20);
    expect(registry.organizations.length).toBeGreaterThan(10);
    expect(registry.models.length).toBeGreaterThan(5);
    for (const entry of [...registry.benchmarks, ...registry.organizations, ...registry.models]) {
      expect(entry.sources.length, entry.slug).toBeGreaterThan(0);
    }
  });

  /** Each registry slug names the seed's entity, or the seed has no entity of that name or Hub id elsewhere. */
  const checkAgainstSeed = (file: string, entries: { slug: string; keys: string[] }[]) => {
    const entities = seed(file);
    const bySlug = new Set(entities.map((e) => e.slug));
    for (const entry of entries) {
      if (bySlug.has(entry.slug)) continue;
      const keys = new Set(entry.keys.map(looseKey));
      const clash = entities.filter((e) =>
        [e.name, ...(e.aliases ?? []), ...(e.huggingfaceId ? [e.huggingfaceId] : [])].some((n) =>
          keys.has(looseKey(n)),
        ),
      );
      expect(
        clash.map((e) => e.slug),
        `${file}: ${entry.slug} forks a seed entity`,
      ).toEqual([]);
    }
  };

  test('benchmark slugs are the seed’s where the seed has the benchmark', () => {
    checkAgainstSeed(
      'datasets.yaml',
      registry.benchmarks.map((b) => ({
        slug: b.slug,
        keys: [b.name, ...b.spellings, ...b.huggingface.map((h) => h.id)],
      })),
    );
    for (const slug of ['arc-challenge', 'gsm8k', 'math', 'mmlu', 'mmlu-pro', 'gpqa', 'bbh', 'ifeval', 'winogrande']) {
      expect(seed('datasets.yaml').map((d) => d.slug)).toContain(slug);
      expect(registry.benchmark(slug)?.slug).toBe(slug);
    }
  });

  test('organization and model slugs are the seed’s where the seed has them', () => {
    checkAgainstSeed(
      'organizations.yaml',
      registry.organizations.map((o) => ({ slug: o.slug, keys: [o.name, ...o.aliases] })),
    );
    checkAgainstSeed(
      'models.yaml',
      registry.models.map((m) => ({ slug: m.slug, keys: [m.name] })),
    );
    const seedModels = seed('models.yaml').map((m) => m.slug);
    for (const slug of ['llama-3.1-405b-instruct', 'llama-3.1-405b', 'deepseek-v3', 'gpt-4o-mini']) {
      expect(seedModels).toContain(slug);
    }
  });

  const broken = (file: string, text: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'registry-'));
    cpSync(defaultRegistryDir, dir, { recursive: true });
    writeFileSync(path.join(dir, file), text);
    return () => new Registry(dir);
  };

  test('a malformed entry, a spelling claimed twice or an unknown parent is refused with its place', () => {
    expect(broken('benchmarks.yaml', '- slug: Bad Slug\n  name: X\n  taskType: qa\n  sources: []\n')).toThrow(
      RegistryError,
    );
    expect(
      broken(
        'benchmarks.yaml',
        '- { slug: a, name: A, taskType: code, spellings: [NQ], sources: [s] }\n- { slug: b, name: B, taskType: retrieval, spellings: [nq], sources: [s] }\n',
      ),
    ).toThrow(/spelling "nq" is claimed by a and b/);
    expect(
      broken('benchmarks.yaml', '- { slug: a, name: A, taskType: code, parent: nowhere, sources: [s] }\n'),
    ).toThrow(/parent nowhere is unknown/);
    expect(broken('models.yaml', '- { slug: m, name: M, organization: nobody, sources: [s] }\n')).toThrow(
      /organization nobody is not in organizations.yaml/,
    );
  });
});

describe('lookups on the spellings of the real files', () => {
  const benchmark = (name: string, huggingfaceId?: string) =>
    registry.findBenchmark({ name, ...(huggingfaceId ? { huggingfaceId } : {}) })?.entry.slug;

  test('ARC four ways, TruthfulQA four ways, HellaSwag, MuSR, MATH Level 5 are one benchmark each', () => {
    expect([benchmark('arc_challenge'), benchmark('AI2 Reasoning Challenge (25-Shot)'), benchmark('ARC')]).toEqual([
      'arc-challenge',
      'arc-challenge',
      'arc-challenge',
    ]);
    expect(benchmark('ai2_arc')).toBeUndefined(); // the Hub id names two benchmarks (ARC-Easy, ARC-Challenge)
    expect([
      benchmark('truthfulqa'),
      benchmark('TruthfulQA (0-shot)'),
      benchmark('truthful_qa'),
      benchmark('TruthfulQA'),
    ]).toEqual(['truthfulqa', 'truthfulqa', 'truthfulqa', 'truthfulqa']);
    expect(benchmark('truthfulqa_mc2')).toBe('truthfulqa-mc2');
    expect([benchmark('HellaSwag (10-Shot)'), benchmark('hellaswag')]).toEqual(['hellaswag', 'hellaswag']);
    expect([benchmark('MUSR', 'TAUR-Lab/MuSR'), benchmark('MuSR (0-shot)', 'TAUR-Lab/MuSR')]).toEqual(['musr', 'musr']);
    expect([
      benchmark('MATH Level 5', 'DigitalLearningGmbH/MATH-lighteval'),
      benchmark('MATH Lvl 5 (4-Shot)', 'hendrycks/competition_math'),
    ]).toEqual(['math-level-5', 'math-level-5']);
    expect(benchmark('MATH', 'hendrycks/competition_math')).toBe('math');
  });

  test('retrieval sets are kept apart from the QA datasets they are named after', () => {
    expect(benchmark('MTEB NQ')).toBe('mteb-nq');
    expect(benchmark('NQ', 'mteb/nq')).toBe('mteb-nq');
    expect(benchmark('NaturalQuestions (closed-book)')).toBe('naturalquestions');
    expect(benchmark('NQ')).toBeUndefined();
    expect(registry.taskTypeOf({ name: 'MTEB NQ' })).toBe('retrieval');
    expect(registry.taskTypeOf({ name: 'MTEB SomethingNew' })).toBe('retrieval');
    expect(registry.taskTypeOf({ name: 'NaturalQuestions' })).toBe('open-qa');
  });

  test('a known spelling with a Hub id the entry does not list is not that benchmark', () => {
    expect(benchmark('MMLU', 'openai/MMMLU')).toBeUndefined();
    expect(benchmark('MMLU', 'cais/mmlu')).toBe('mmlu');
  });

  test('organizations by Hub namespace and alias, models by renamed and HELM ids', () => {
    expect(['meta-llama', 'facebook', 'meta', 'Meta'].map((n) => registry.findOrganization(n)?.slug)).toEqual([
      'meta',
      'meta',
      'meta',
      'meta',
    ]);
    expect(registry.findOrganization('allenai')?.slug).toBe('allen-institute-for-ai');
    expect(registry.findOrganization('Qwen')?.slug).toBe('alibaba-cloud');
    expect(registry.findOrganization('mistralai')?.slug).toBe('mistral-ai');
    expect(registry.findOrganization('deepseek-ai')?.slug).toBe('deepseek');
    expect(registry.findModel('meta-llama/Meta-Llama-3.1-8B-Instruct')?.slug).toBe('llama-3.1-8b-instruct');
    expect(registry.findModel('META-LLAMA/llama-3.1-8b-instruct')?.slug).toBe('llama-3.1-8b-instruct');
    expect(registry.findModel('meta/llama-3.1-405b-instruct-turbo')?.slug).toBe('llama-3.1-405b-instruct');
  });
});

describe('setting qualifiers in names', () => {
  test('shots and chain of thought are parsed out; other parentheses stay', () => {
    expect(parseQualifiers('AI2 Reasoning Challenge (25-Shot)')).toEqual({
      name: 'AI2 Reasoning Challenge',
      shots: 25,
    });
    expect(parseQualifiers('MMLU (0-shot, CoT)')).toEqual({ name: 'MMLU', shots: 0, chainOfThought: true });
    expect(parseQualifiers('GSM8K 8-shot CoT')).toEqual({ name: 'GSM8K', shots: 8, chainOfThought: true });
    expect(parseQualifiers('MuSR (0-shot)')).toEqual({ name: 'MuSR', shots: 0 });
    expect(parseQualifiers('Winogrande XL (xl)')).toEqual({ name: 'Winogrande XL (xl)' });
    expect(parseQualifiers('NaturalQuestions (closed-book)')).toEqual({ name: 'NaturalQuestions (closed-book)' });
    // Contradicting qualifiers: the name is left as it is.
    expect(parseQualifiers('MMLU (0-shot, 5-shot)')).toEqual({ name: 'MMLU (0-shot, 5-shot)' });
  });
});
