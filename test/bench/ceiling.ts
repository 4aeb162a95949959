/**
 * The "ceiling" of `npm run bench`: a minimal node:http + pg server that answers each of the four shapes with ONE
 * hand-written, prepared SQL statement returning the whole response body, exactly the JSON modelgraph returns
 * (the bench compares the two before measuring). It shows what the database can give for a shape, without
 * GraphQL, so modelgraph's figure can be read against it.
 *
 * `node --import tsx test/bench/ceiling.ts --database-url URL --port N`: the bench starts it as a child process,
 * so that its CPU is its own. It routes on the operation name of the query (`query Q1(`...).
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { ShapeName } from './operations.ts';

/** The lead organization of model `m`, as modelgraph picks it: the first developer credit by position. */
const leadOrganization = (fields: string) =>
  `(select json_build_object(${fields}) from model_developer d join organization o on o.id = d.organization_id
    where d.model_id = m.id order by d.position, d.organization_id limit 1)`;

/** The first `limit` results of model `m` (by dataset, then id), with metric slug and dataset name. */
const modelResults = (limit: number) =>
  `json_build_object('nodes', coalesce((
     select json_agg(json_build_object('value', r.value, 'metric', json_build_object('slug', mt.slug),
                                       'dataset', json_build_object('name', ds.name)) order by r.dataset_id, r.id)
     from (select id, value, metric_id, dataset_id from benchmark_result where model_id = m.id
           order by dataset_id, id limit ${limit}) r
     join metric mt on mt.id = r.metric_id join dataset ds on ds.id = r.dataset_id), '[]'))`;

export const CEILING_SQL: Record<ShapeName, string> = {
  Q1: `select json_build_object('data', json_build_object('model', (
         select json_build_object(
           'slug', m.slug, 'name', m.name, 'parameterCount', m.parameter_count, 'releaseDate', m.release_date,
           'organization', ${leadOrganization(`'slug', o.slug, 'name', o.name`)},
           'baseModels', coalesce((
             select json_agg(json_build_object('kind', upper(l.kind::text),
                                               'baseModel', json_build_object('slug', b.slug, 'name', b.name)) order by l.id)
             from model_lineage l join model b on b.id = l.base_model_id where l.model_id = m.id), '[]'),
           'results', ${modelResults(50)})
         from model m where m.slug = $1)))::text as body`,
  Q2: `select json_build_object('data', json_build_object('organizations', json_build_object('nodes', coalesce(json_agg(
         json_build_object('slug', o.slug, 'name', o.name, 'models', json_build_object('nodes', coalesce((
           select json_agg(json_build_object('slug', m.slug, 'name', m.name, 'results', ${modelResults(5)})
                           order by m.release_key desc, m.id desc)
           from (select mm.id, mm.slug, mm.name, coalesce(mm.release_date, '0001-01-01'::date) as release_key
                 from model_developer d join model mm on mm.id = d.model_id where d.organization_id = o.id
                 order by release_key desc, mm.id desc limit 10) m), '[]')))
         order by o.name, o.id), '[]'))))::text as body
       from (select id, slug, name from organization order by name, id limit 20) o`,
  Q3: `select json_build_object('data', json_build_object('benchmarkResults', json_build_object('nodes', coalesce(json_agg(
         json_build_object('value', r.value, 'model', json_build_object('slug', m.slug, 'name', m.name,
                           'organization', ${leadOrganization(`'name', o.name`)}))
         order by r.value desc, r.id desc), '[]'))))::text as body
       from (select id, value, model_id from benchmark_result
             where dataset_id = (select id from dataset where slug = $1) and metric_id = (select id from metric where slug = $2)
             order by value desc, id desc limit 20) r
       join model m on m.id = r.model_id`,
  Q4: `select json_build_object('data', json_build_object('models', json_build_object(
         'totalCount', (select count(*) from model where parameter_count between $1 and $2),
         'nodes', coalesce((
           select json_agg(json_build_object('slug', m.slug, 'name', m.name, 'parameterCount', m.parameter_count,
                                             'releaseDate', m.release_date,
                                             'organization', ${leadOrganization(`'name', o.name`)})
                           order by m.release_key, m.id)
           from (select id, slug, name, parameter_count, release_date,
                        coalesce(release_date, '0001-01-01'::date) as release_key
                 from model where parameter_count between $1 and $2 order by release_key, id limit 50) m), '[]'))))::text as body`,
};

/** The statement's parameters, from the GraphQL variables of the shape (see SHAPE_QUERIES). */
const PARAMETERS: Record<ShapeName, (v: Record<string, unknown>) => unknown[]> = {
  Q1: (v) => [v.slug],
  Q2: () => [],
  Q3: (v) => [v.dataset, v.metric],
  Q4: (v) => [v.min, v.max],
};

function serve(databaseUrl: string, port: number, poolSize: number, applicationName: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: applicationName });
  pool.on('error', () => {});
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const fail = (status: number, message: string) => {
        response.writeHead(status, { 'content-type': 'text/plain' }).end(message);
      };
      let body: { query?: string; variables?: Record<string, unknown> };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return fail(400, 'body is not JSON');
      }
      const shape = /^\s*query\s+(Q[1-4])\b/.exec(body.query ?? '')?.[1] as ShapeName | undefined;
      if (!shape) return fail(400, 'not one of the shapes Q1–Q4');
      pool
        .query<{ body: string }>({
          name: shape,
          text: CEILING_SQL[shape],
          values: PARAMETERS[shape](body.variables ?? {}),
        })
        .then(
          (result) => response.writeHead(200, { 'content-type': 'application/json' }).end(result.rows[0]!.body),
          (error: Error) => fail(500, error.message),
        );
    });
  });
  server.listen(port, '127.0.0.1');
  const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Run as a program (not imported): serve. */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      port: { type: 'string' },
      'pool-size': { type: 'string', default: '10' },
      'application-name': { type: 'string', default: 'modelgraph-bench-ceiling' },
    },
  });
  if (!values['database-url'] || !values.port) throw new Error('usage: ceiling.ts --database-url URL --port N');
  serve(values['database-url'], Number(values.port), Number(values['pool-size']), values['application-name']);
}
