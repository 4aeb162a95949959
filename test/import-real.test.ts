/**
 * Idempotence and truncation on real files of every format the real-data folder holds: importing them a second
 * time changes no row of any table (a digest of every table's rows, the audit trail and import runs aside), and a
 * real file cut in the middle of a record is refused and changes nothing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';
import { IdentityCache } from '../src/import/identity/cache.ts';
import { runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { digest, rows } from './helpers/db.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** One real file per format (test/fixtures/REAL-SOURCES.md), as the importer is given them. */
const REAL = [
  'test/fixtures/every-eval-ever/real/hfopenllm-gemma-2-ataraxy-v2f-9b.json',
  'test/fixtures/every-eval-ever/real/helm-lite-qwen1.5-110b-chat.json',
  'test/fixtures/huggingface-model-card/real/alignment-handbook/zephyr-7b-sft-full/README.md',
  'test/fixtures/huggingface-eval-results/real/Vedika-advanced-AI/Vedika-4.1-flash/.eval_results/gpqa.yaml',
  'test/fixtures/lm-eval-harness/real/notus-v1-arc.json',
  'test/fixtures/lm-eval-harness/real/notus-v1-truthfulqa.json',
  'test/fixtures/papers-with-code/real/coqa.json',
  // Two Open LLM Leaderboard evaluations whose repo ids differ only in case (…-8b-Ita, …-8b-ITA), with other values.
  'test/fixtures/every-eval-ever/real/hfopenllm_v2/DeepMount00/Llama-3.1-8b-ITA/7fe45c20-a2c0-4acf-9425-651a1ec3b0d0.json',
  'test/fixtures/every-eval-ever/real/hfopenllm_v2/DeepMount00/Llama-3.1-8b-ITA/baf93ef6-56f3-4809-93f6-32dcf4730388.json',
];

/**
 * The text cut in the middle of its records: past the front matter's middle for a card, else at half its length,
 * moved back to the middle of a line so that the cut splits a value, not a line break.
 */
function truncated(file: string, text: string): string {
  const frontMatterEnd = file.endsWith('.md') ? text.indexOf('\n---', 4) : -1;
  const at = Math.floor((frontMatterEnd > 0 ? frontMatterEnd : text.length) / 2);
  const lineStart = text.lastIndexOf('\n', at);
  const lineEnd = text.indexOf('\n', at);
  const middle = lineEnd > lineStart + 2 ? Math.floor((lineStart + lineEnd) / 2) : at;
  return text.slice(0, middle);
}

describeEachBackend('real files: a second import changes nothing; a truncated one is refused', (backend) => {
  const db = () => backend().database.db;
  const importReal = (file: string, text?: string) =>
    runImport({
      db: db(),
      // The name below the fixture folder, as the real file is laid out (a card under the Hub's org/repo/README.md).
      fileName: file.slice(file.indexOf('/real/') + '/real/'.length),
      ...(text === undefined ? { path: path.join(root, file) } : { text }),
      actor: 'import-real-test',
    });

  beforeAll(async () => {
    for (const file of REAL) {
      const report = await importReal(file);
      expect(report.refused, `${file}: ${JSON.stringify(report.problems.slice(0, 3))}`).toBe(false);
      expect(report.written).toBe(true);
    }
  }, 300_000);

  test('importing every file again changes no row of any table', async () => {
    const before = await digest(db());
    for (const file of REAL) {
      const again = await importReal(file);
      expect(again.refused, file).toBe(false);
      expect(again.results.inserted + again.results.updated, file).toBe(0);
      expect(
        again.resolutions.filter((r) => r.by === 'created'),
        file,
      ).toEqual([]);
    }
    expect(await digest(db())).toEqual(before);
  }, 300_000);

  test('two evaluations of one repo, its id spelled in two cases, are one model with both sets of values', async () => {
    const found = await rows(
      db(),
      sql`select m.slug as model, s.title as source, count(*)::int as results, min(r.reported_value) as some_value
          from benchmark_result r join model m on m.id = r.model_id join source s on s.id = r.source_id
          where s.title like 'Every Eval Ever record hfopenllm_v2/DeepMount00_Llama-3.1-8b-%'
          group by m.slug, s.title order by s.title`,
    );
    expect(found).toHaveLength(2);
    expect(new Set(found.map((r) => r.model)).size).toBe(1);
    expect(found.map((r) => r.results)).toEqual([6, 6]);
    // The IFEval value of each file is kept, not one overwritten by the other.
    const ifeval = await rows(
      db(),
      sql`select r.reported_value from benchmark_result r join source s on s.id = r.source_id
          join dataset d on d.id = r.dataset_id
          where s.title like 'Every Eval Ever record hfopenllm_v2/DeepMount00_Llama-3.1-8b-%' and d.slug = 'ifeval'
          order by r.reported_value`,
    );
    expect(ifeval.map((r) => r.reported_value)).toEqual(['0.5365', '0.7917']);
  });

  test('files that cannot be told apart (a truncated RewardBench name) do not overwrite each other: the first of a run wins', async () => {
    // Two of the nine real files naming `ai2/tulu-2-7b-rm-v0-nectar-binarized-3.8m-check...`: one evaluation id, one
    // model id, one timestamp, other values.
    const folder = 'test/fixtures/every-eval-ever/real/reward-bench/ai2/tulu-2-7b-rm-v0-nectar-binarized-3.8m-check...';
    const files = ['0ba5ce6c-f311-4b02-a67a-d49539119a8e.json', '49029c9e-a831-4219-8e26-df20862ad3e1.json'].map(
      (name) => `${folder}/${name}`,
    );
    const run = async () => {
      const identityCache = new IdentityCache();
      const reports = [];
      for (const file of files) {
        reports.push(
          await runImport({
            db: db(),
            fileName: file.slice(file.indexOf('/real/') + '/real/'.length),
            path: path.join(root, file),
            actor: 'import-real-test',
            identityCache,
          }),
        );
      }
      return reports;
    };
    const [first, second] = await run();
    expect(first!.results.inserted).toBe(4);
    expect(second!.refused).toBe(false);
    expect(second!.results).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
    expect(second!.skippedCount).toBe(4);
    expect(second!.skipped[0]?.message).toMatch(
      /imported earlier in this run, states this result .* with another value/,
    );
    // The values are the first file's (Score 0.7058, Chat 0.9525…), and a second run changes nothing.
    const before = await digest(db());
    const again = await run();
    expect(again.map((r) => r.results.updated + r.results.inserted)).toEqual([0, 0]);
    expect(await digest(db())).toEqual(before);
    const values = await rows(
      db(),
      sql`select r.reported_value from benchmark_result r join source s on s.id = r.source_id
          where s.title = 'Every Eval Ever record reward-bench/ai2_tulu-2-7b-rm-v0-nectar-binarized-3.8m-check.../1766412838.146816'
          order by r.reported_value`,
    );
    expect(values.map((r) => r.reported_value)).toEqual(['0.3947', '0.7058', '0.7703', '0.9525']);
  });

  test.each(REAL)(
    '%s cut in the middle of a record is refused and changes nothing',
    async (file) => {
      const text = await readFile(path.join(root, file), 'utf8');
      const cut = truncated(file, text);
      expect(cut.length).toBeLessThan(text.length);
      const before = await digest(db());
      const report = await importReal(file, cut);
      expect(report.refused, `${file} cut at ${cut.length} of ${text.length}: ${JSON.stringify(report)}`).toBe(true);
      expect(report.written).toBe(false);
      expect(report.problems.length).toBeGreaterThan(0);
      expect(await digest(db())).toEqual(before);
    },
    120_000,
  );
});
