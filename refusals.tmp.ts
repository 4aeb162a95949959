import { createDatabase } from './src/db/client.ts';
import { prepareDatabase } from './src/seed/prepare.ts';
import { loadLandscape } from './src/seed/landscape.ts';
const db = await createDatabase({});
await prepareDatabase(db, { seed: 'curated' });
const load = await loadLandscape(db.db);
const groups = new Map<string, number>();
for (const p of load.report!.problems) {
  const key = `${p.location.split('/')[0]} ${p.field}: ${p.message.replace(/-?[\d.]+/g, 'N').slice(0, 100)}`;
  groups.set(key, (groups.get(key) ?? 0) + 1);
}
console.log(load.report!.problemCount, [...groups.entries()].sort((a, b) => b[1] - a[1]));
await db.close();
