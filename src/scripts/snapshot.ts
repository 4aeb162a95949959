/**
 * `npm run db:snapshot`: makes the shipped seeded database (src/seed/snapshot.ts) from this tree, after a change to
 * the migrations, the seed, the registry, the landscape or its prepared rows; `-- --check` only says whether the
 * shipped one still applies (exit 1 when not).
 */
import { parseArgs } from 'node:util';
import { defaultSnapshotFile, makeSnapshot, snapshotMismatch } from '../seed/snapshot.ts';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
if (values.check) {
  const mismatch = await snapshotMismatch();
  console.log(mismatch ? `the shipped snapshot does not apply: ${mismatch}` : 'the shipped snapshot applies');
  process.exit(mismatch ? 1 : 0);
}
const started = performance.now();
const stamp = await makeSnapshot();
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(
  `wrote ${defaultSnapshotFile} (${mb(stamp.bytes)}; the cluster ${mb(stamp.clusterBytes)}) in ${Math.round(
    (performance.now() - started) / 1000,
  )} s`,
);
