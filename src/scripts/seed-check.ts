/** `npm run seed:check`: validates `data/seed/*.yaml` without touching a database. */
import { readSeed, SeedValidationError } from '../seed/read.ts';

try {
  const { data, contentHash } = await readSeed();
  const counts = Object.entries(data).map(([key, records]) => `${key} ${records.length}`);
  console.log(`seed ok (${contentHash.slice(0, 12)}): ${counts.join(', ')}`);
} catch (error) {
  if (!(error instanceof SeedValidationError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
