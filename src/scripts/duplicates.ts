/**
 * `npm run duplicates [-- --json]`: how many groups of possible duplicates the database holds, by entity type
 * and reason, with a few examples (the same rules as `Query.possibleDuplicates`). For the README's figure after
 * a whole-folder import, and for editors deciding what to merge.
 */
import { DUPLICATE_TYPES, possibleDuplicates } from '../analytics/duplicates.ts';
import { parseCommandLine, runWithDatabase } from './cli.ts';

const usage = 'usage: npm run duplicates [-- --json] [--examples <n>]';
const { values } = parseCommandLine(
  {
    options: {
      json: { type: 'boolean', default: false },
      examples: { type: 'string', default: '5' },
      help: { type: 'boolean', default: false },
    },
  },
  usage,
);

await runWithDatabase(async (database) => {
  const summary = [];
  for (const type of DUPLICATE_TYPES) {
    const groups = await possibleDuplicates(database.db, type);
    const byReason: Record<string, number> = {};
    for (const group of groups) byReason[group.reason] = (byReason[group.reason] ?? 0) + 1;
    summary.push({
      type,
      groups: groups.length,
      entities: groups.reduce((n, g) => n + g.members.length, 0),
      byReason,
      examples: groups
        .slice(0, Number(values.examples))
        .map((g) => `${g.reason} ${g.key}: ${g.members.map((m) => m.slug).join(', ')}`),
    });
  }
  if (values.json) {
    console.log(JSON.stringify(summary, null, 2));
    return;
  }
  for (const s of summary) {
    const reasons =
      Object.entries(s.byReason)
        .map(([r, n]) => `${r} ${n}`)
        .join(', ') || 'none';
    console.log(`${s.type}: ${s.groups} groups (${s.entities} entities; ${reasons})`);
    for (const example of s.examples) console.log(`  ${example}`);
  }
});
