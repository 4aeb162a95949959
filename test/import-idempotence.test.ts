/**
 * A second import of the same files changes nothing, however the first import matched their names. Real model
 * cards (test/fixtures/huggingface-model-card/real/cards/, see REAL-SOURCES.md) imported in turn, each run with
 * its own identity cache as `npm run import` gives it, then imported again.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { IdentityCache } from '../src/import/identity/cache.ts';
import { fileEntry } from '../src/import/report.ts';
import { Resolver } from '../src/import/resolve.ts';
import { runImport } from '../src/import/run.ts';
import { describeEachBackend } from './helpers/backends.ts';
import { rows } from './helpers/db.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const card = (name: string) => path.join(root, 'test', 'fixtures', 'huggingface-model-card', 'real', 'cards', name);
const PAWS_X = 'google-research-datasets/paws-x';

describeEachBackend('a second import of real cards inserts nothing', (backend) => {
  const db = () => backend().database.db;

  /** One run over the cards in order, one identity cache for the run, as `npm run import` does. */
  async function run(names: string[], identityCache = new IdentityCache()) {
    const reports = [];
    for (const name of names) {
      const report = await runImport({
        db: db(),
        fileName: name,
        path: card(name),
        actor: 'import-test',
        identityCache,
      });
      expect(report.refused, `${name}: ${JSON.stringify(report.problems.slice(0, 3))}`).toBe(false);
      reports.push(report);
    }
    return reports;
  }

  /** The lookup tables a new run would load from the graph as it is. */
  const loadedTables = () => db().transaction(async (tx) => (await Resolver.load(tx, 'test')).indexes);

  const resultCount = async () =>
    Number((await rows(db(), sql`select count(*)::int as n from benchmark_result`))[0]?.n);

  /** The datasets Lajavaness's PAWS-X results are filed under, with their Hub ids. */
  const pawsXOfLajavaness = () =>
    rows(
      db(),
      sql`select distinct d.slug, d.huggingface_id from benchmark_result r
          join model_external_id e on e.model_id = r.model_id and e.namespace = 'huggingface'
          join dataset d on d.id = r.dataset_id
          where e.value = 'Lajavaness/bilingual-embedding-large' and r.variant = 'fr' and d.name ilike '%pawsx%'`,
    );

  test('Lajavaness_bilingual-embedding-large.md: PAWS-X first matched by name is the same dataset when its Hub id is held later', async () => {
    // OrdalieTech's card names PAWS-X "MTEB PawsX (fr)" with `type: paws-x` (no Hub id): a dataset without one.
    // Lajavaness's names it "MTEB PawsX (fr)" with `type: google-research-datasets/paws-x`: matched by name.
    // aari1995's names it "MTEB PawsX" with the same Hub id: a later file that looks the dataset up by its Hub id.
    const cards = [
      'OrdalieTech_Solon-embeddings-large-0.1.md',
      'Lajavaness_bilingual-embedding-large.md',
      'aari1995_German_Semantic_STS_V2.md',
    ];
    const cache = new IdentityCache();
    const first = await run(cards, cache);
    // The tables the run grew as it created entities are the ones the next run loads: a name resolves the same.
    expect(cache.tables).toBeDefined();
    expect(cache.tables).toEqual(await loadedTables());
    // The first run found the dataset the first card created, by its name, and recorded the Hub id on it.
    const recorded = expect.objectContaining({
      type: 'Dataset',
      reference: PAWS_X,
      slug: 'mteb-pawsx-fr',
      by: 'slug',
      recorded: `Hugging Face id ${PAWS_X}`,
    });
    expect(first[1]!.resolutions).toContainEqual(recorded);
    expect(fileEntry(first[1]!).idsRecorded).toContainEqual(recorded);
    // The third card's PAWS-X is then that dataset, found by the Hub id.
    expect(first[2]!.resolutions).toContainEqual(
      expect.objectContaining({ type: 'Dataset', reference: PAWS_X, slug: 'mteb-pawsx-fr', by: 'huggingface-id' }),
    );
    const filed = await pawsXOfLajavaness();
    expect(filed).toHaveLength(1);
    const count = await resultCount();

    const second = await run(cards);
    expect(
      second.map((report) => report.results),
      'the second run inserts and updates nothing',
    ).toEqual(first.map((report) => ({ inserted: 0, updated: 0, unchanged: report.results.inserted })));
    expect(second.flatMap((report) => report.resolutions.filter((r) => r.by === 'created'))).toEqual([]);
    expect(await resultCount()).toBe(count);
    // Still one dataset for Lajavaness's French PAWS-X, and the one that holds the Hub id the card gives.
    expect(await pawsXOfLajavaness()).toEqual(filed);
    expect(filed[0]?.huggingface_id).toBe(PAWS_X);
  }, 120_000);
});
