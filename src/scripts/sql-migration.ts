/**
 * `npm run db:sql -- drizzle/<folder>/migration.sql`: writes the SQL files of src/db/sql, concatenated in their
 * order, into a custom migration (made by `npx drizzle-kit generate --custom --name sql`). Used for a baseline,
 * when the migrations are squashed; a later change of one object gets a migration with only that change
 * (src/db/sql/files.ts says how).
 */
import { writeFileSync } from 'node:fs';
import { sqlMigration } from '../db/sql/files.ts';

const [target] = process.argv.slice(2);
if (!target?.endsWith('migration.sql')) {
  console.error('usage: npm run db:sql -- drizzle/<folder>/migration.sql');
  process.exit(2);
}
writeFileSync(target, sqlMigration());
console.log(`wrote ${target}`);
