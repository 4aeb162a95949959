/**
 * A lighteval results file is not lm-evaluation-harness output, though both have `results` and `versions`:
 * read as lm-eval, `lighteval|gsm8k|0` and the `all` average became datasets. Real file: lighteval's own example
 * result file (test/fixtures/lighteval/real/results_gpt2_docs-example.json, REAL-SOURCES.md). It is refused with
 * what it is, by detection and when given as lm-eval by name; real lm-eval files are still lm-eval.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { detectFormat } from '../src/formats/index.ts';
import * as lmEval from '../src/formats/lm-eval-harness.ts';
import type { ImportItem } from '../src/formats/records.ts';
import { ImportFormatError, runImport } from '../src/import/run.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const LIGHTEVAL = path.join(root, 'test/fixtures/lighteval/real/results_gpt2_docs-example.json');
const WHAT = 'a lighteval results file (config_general, task keys such as "lighteval|gsm8k|0")';

describe('lighteval results', () => {
  test('detected as no format modelgraph imports; the import says what the file is', async () => {
    const text = await readFile(LIGHTEVAL, 'utf8');
    expect(detectFormat('results_2024-05-01T10-00-00.json', text.slice(0, 4096))).toBeUndefined();
    // The format is told before the database is touched.
    const refused = runImport({ db: undefined as never, fileName: 'results.json', path: LIGHTEVAL, actor: 'test' });
    await expect(refused).rejects.toThrow(ImportFormatError);
    await expect(refused).rejects.toThrow(`results.json is ${WHAT}, a format modelgraph does not read;`);
  });

  test('given as lm-eval-harness by name, it is one problem, no dataset named "lighteval|gsm8k|0"', async () => {
    const items: ImportItem[] = [];
    for await (const item of lmEval.parse({ fileName: 'results.json', text: await readFile(LIGHTEVAL, 'utf8') })) {
      items.push(item);
    }
    expect(items).toEqual([
      {
        kind: 'problem',
        location: 'config_general',
        field: 'config_general',
        message: `not imported: it is ${WHAT}, not lm-evaluation-harness output: read as lm-eval, its task keys would become datasets`,
      },
    ]);
  });

  test('every real lm-evaluation-harness fixture is still detected as lm-eval', async () => {
    const folder = path.join(root, 'test/fixtures/lm-eval-harness/real');
    const files = (await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.json'));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      const head = (await readFile(path.join(folder, name), 'utf8')).slice(0, 4096);
      expect(detectFormat(path.basename(name), head)?.format, name).toBe('lm-eval-harness');
    }
  });
});
