/**
 * /organization/:slug — an organization's models, the techniques they use (how many of its models use each),
 * and its best score on each benchmark and metric among its models' results.
 */
import { useQuery } from '@urql/preact';
import { useMemo, useState } from 'preact/hooks';
import { PageHeader } from '../components/PageHeader.tsx';
import { Status } from '../components/Status.tsx';
import { describeSetting, formatNumber, formatParameters } from '../components/links.ts';
import type { ResultOf } from '../graphql.ts';
import { count } from '../components/count.ts';
import { OrganizationQuery, OrganizationScoresQuery } from '../documents.ts';

const FIRST_MODELS = 15;

type Organization = NonNullable<ResultOf<typeof OrganizationQuery>['organization']>;
type Result = NonNullable<ResultOf<typeof OrganizationScoresQuery>['benchmarkResults']>['nodes'][number];

function Techniques({ organization }: { organization: Organization }) {
  const techniques = useMemo(() => {
    const counts = new Map<string, { slug: string; name: string; models: number }>();
    for (const model of organization.models?.nodes ?? [])
      for (const slug of new Set(model.techniques.map((use) => use.technique.slug))) {
        const technique = model.techniques.find((use) => use.technique.slug === slug)!.technique;
        const entry = counts.get(slug) ?? { ...technique, models: 0 };
        entry.models += 1;
        counts.set(slug, entry);
      }
    return [...counts.values()].sort((a, b) => b.models - a.models || a.name.localeCompare(b.name));
  }, [organization]);
  return (
    <section aria-labelledby="techniques">
      <h2 id="techniques">Techniques it uses</h2>
      {techniques.length === 0 ? (
        <p>No recorded training technique.</p>
      ) : (
        <ul class="tags" data-testid="techniques">
          {techniques.map((t) => (
            <li key={t.slug}>
              <a href={`/graph/technique/${t.slug}`}>{t.name}</a>{' '}
              <span class="muted">
                {t.models} model{t.models === 1 ? '' : 's'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function BestScores({ models }: { models: string[] }) {
  const [{ data, fetching, error }] = useQuery({
    query: OrganizationScoresQuery,
    variables: { models },
    pause: models.length === 0,
  });
  const best = useMemo(() => {
    const byKey = new Map<string, Result>();
    for (const result of data?.benchmarkResults?.nodes ?? []) {
      const key = `${result.dataset.slug}/${result.metric.slug}`;
      const held = byKey.get(key);
      const better = result.metric.higherIsBetter
        ? result.value > (held?.value ?? -Infinity)
        : result.value < (held?.value ?? Infinity);
      if (!held || better) byKey.set(key, result);
    }
    return [...byKey.values()].sort((a, b) => a.dataset.name.localeCompare(b.dataset.name));
  }, [data]);
  return (
    <section aria-labelledby="best">
      <h2 id="best">Best scores</h2>
      <Status fetching={fetching} error={error}>
        {best.length === 0 ? (
          <p>No benchmark results.</p>
        ) : (
          <div class="table-wrap">
            <table data-testid="best-scores">
              <thead>
                <tr>
                  <th scope="col">Benchmark</th>
                  <th scope="col">Metric</th>
                  <th scope="col" class="num">
                    Best
                  </th>
                  <th scope="col">Model</th>
                  <th scope="col">Setting</th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {best.map((result) => (
                  <tr key={result.id}>
                    <th scope="row">
                      <a href={`/benchmark/${result.dataset.slug}`}>{result.dataset.name}</a>
                    </th>
                    <td>{result.metric.name}</td>
                    <td class="num">{formatNumber(result.value)}</td>
                    <td>
                      <a href={`/model/${result.model.slug}`}>{result.model.name}</a>
                    </td>
                    <td>{describeSetting(result.setting)}</td>
                    <td>
                      {result.source.url ? <a href={result.source.url}>{result.source.title}</a> : result.source.title}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {(data?.benchmarkResults?.totalCount ?? 0) > (data?.benchmarkResults?.nodes.length ?? 0) && (
          <p class="muted">
            From the {data?.benchmarkResults?.nodes.length} highest of{' '}
            {count(data?.benchmarkResults?.totalCount ?? 0, 'result')}.
          </p>
        )}
      </Status>
    </section>
  );
}

export function OrganizationPage({ slug }: { slug: string }) {
  const variables = { slug };
  const [{ data, fetching, error }] = useQuery({ query: OrganizationQuery, variables });
  const organization = data?.organization;
  const models = organization?.models?.nodes ?? [];
  const [allModels, setAllModels] = useState(false);
  const shownModels = allModels ? models : models.slice(0, FIRST_MODELS);
  const modelSlugs = useMemo(() => models.map((m) => m.slug), [organization]);
  const facts = organization
    ? [
        organization.kind.toLowerCase().replace(/_/g, ' '),
        organization.headquarters ?? organization.country,
        organization.foundedYear && `founded ${organization.foundedYear}`,
      ].filter(Boolean)
    : [];
  return (
    <>
      <PageHeader
        title={organization?.name ?? slug}
        kind="Organization"
        query={OrganizationQuery}
        variables={variables}
      >
        {organization && (
          <p class="lede">
            {organization.description} <span class="muted">{facts.join(' · ')}</span>
            {organization.website && (
              <>
                {' '}
                · <a href={organization.website}>website</a>
              </>
            )}{' '}
            · <a href={`/graph/organization/${organization.slug}`}>its neighborhood in the graph</a>
          </p>
        )}
      </PageHeader>
      <Status fetching={fetching} error={error}>
        {organization && (
          <>
            <section aria-labelledby="models">
              <h2 id="models">
                Models <span class="muted">({organization.modelCount})</span>
              </h2>
              <div class="table-wrap">
                <table data-testid="models">
                  <thead>
                    <tr>
                      <th scope="col">Model</th>
                      <th scope="col">Released</th>
                      <th scope="col" class="num">
                        Parameters
                      </th>
                      <th scope="col">Weights</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shownModels.map((model) => (
                      <tr key={model.slug}>
                        <th scope="row">
                          <a href={`/model/${model.slug}`}>{model.name}</a>
                        </th>
                        <td>{model.releaseDate ?? '–'}</td>
                        <td class="num">{formatParameters(model.parameterCount)}</td>
                        <td>{model.openWeights ? 'open' : 'closed'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {shownModels.length < models.length && (
                <p>
                  <button type="button" onClick={() => setAllModels(true)}>
                    Show {models.length === organization.modelCount ? 'all' : 'the first'} {models.length}
                  </button>
                </p>
              )}
            </section>
            <Techniques organization={organization} />
            <BestScores models={modelSlugs} />
          </>
        )}
      </Status>
    </>
  );
}
