/**
 * The layering of src/ (README "Layout"), checked by `npm run check:layers`. Data flows one way:
 * formats -> import / seed -> write -> db, and graphql -> analytics | write -> db.
 */
const below = ['db', 'formats', 'write', 'analytics', 'auth'];
const above = ['graphql', 'import', 'export', 'seed', 'startup', 'scripts'];
const folder = (names) => `^src/(${names.join('|')})/`;

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'An import cycle makes module order matter and hides which module owns what (type-only imports are erased at run time).',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'lower-layers-stay-below',
      severity: 'error',
      comment:
        'db, formats, write and analytics are used by the API, the importers and the scripts, never the reverse. The identity registries (src/import/identity: reviewable data files and pure lookups, no database) are declarations that formats may read.',
      from: { path: folder(below) },
      to: { path: folder(above), pathNot: '^src/import/identity/' },
    },
    {
      name: 'no-graphql-below-the-api',
      severity: 'error',
      comment: 'Below the API, failures are domain errors (src/errors.ts); src/graphql maps them.',
      from: { path: folder(below) },
      to: { path: 'node_modules/(graphql|graphql-yoga|@pothos/[^/]+)/' },
    },
    {
      name: 'db-is-the-bottom',
      severity: 'error',
      comment: 'The database layer knows tables and SQL only.',
      from: { path: '^src/db/' },
      to: { path: folder(['formats', 'write', 'analytics', 'auth']) },
    },
    {
      name: 'formats-are-pure',
      severity: 'error',
      comment:
        "A format reads and writes files; it touches no database. It may use declarations: the tables' enums and the entity registry.",
      from: { path: '^src/formats/' },
      to: { path: '^src/(db/(?!(entities|schema)\\.ts$)|write/|analytics/|auth/)' },
    },
    {
      name: 'write-and-analytics-apart',
      severity: 'error',
      comment: 'Reading for the API and writing the graph are separate layers over db.',
      from: { path: folder(['write', 'analytics']) },
      to: { path: folder(['write', 'analytics']), pathNot: '^src/$1/' },
    },
    {
      name: 'nothing-imports-scripts',
      severity: 'error',
      comment: 'Scripts are entry points.',
      from: { path: '^src/', pathNot: '^src/scripts/' },
      to: { path: '^src/scripts/' },
    },
    {
      name: 'src-never-imports-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
