/**
 * /compare?models=a,b&datasets=x,y — the compare matrix as a heatmap: one row per comparable set (benchmark,
 * metric, setting), each cell colored by where the model stands between the row's worst and best, the winner and
 * margin of each row, the rows that cannot rank, and each model's record. Without `datasets`, the benchmarks the
 * models have results on.
 */
import * as Plot from '@observablehq/plot';
import { useQuery } from '@urql/preact';
import { useLocation } from 'preact-iso';
import { useMemo } from 'preact/hooks';
import { PageHeader } from '../components/PageHeader.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { Status } from '../components/Status.tsx';
import { formatNumber } from '../components/links.ts';
import type { ResultOf } from '../graphql.ts';
import { CompareBenchmarksQuery, CompareQuery } from '../documents.ts';

type Comparison = NonNullable<ResultOf<typeof CompareQuery>['compare']>;

const DEFAULT_MODELS = ['tulu-3-405b', 'deepseek-v3', 'gpt-4o'];

/** The heatmap's colors: Plot's "blues" scheme from a row's worst (0) to its best (1). */
const heat = Plot.scale({ color: { type: 'linear', scheme: 'blues', domain: [0, 1], range: [0.1, 0.85] } });

function standing(value: number, values: number[], higherIsBetter: boolean): number {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (max === min) return 1;
  const t = (value - min) / (max - min);
  return higherIsBetter ? t : 1 - t;
}

function Matrix({ comparison, models }: { comparison: Comparison; models: { slug: string; name: string }[] }) {
  return (
    <div class="table-wrap">
      <table class="heatmap" data-testid="compare-matrix">
        <caption class="visually-hidden">
          Scores of each model per benchmark; the darker the cell, the better within its row
        </caption>
        <thead>
          <tr>
            <th scope="col">Benchmark</th>
            {models.map((model) => (
              <th scope="col" class="num" key={model.slug}>
                <a href={`/model/${model.slug}`}>{model.name}</a>
              </th>
            ))}
            <th scope="col">Winner</th>
            <th scope="col" class="num">
              Margin
            </th>
          </tr>
        </thead>
        <tbody>
          {comparison.rows.map((row) => {
            const values = row.cells.flatMap((cell) => (cell.value === null ? [] : [cell.value]));
            const winners = new Set(row.winners.map((w) => w.slug));
            return (
              <tr key={row.comparability.key} data-key={row.comparability.key}>
                <th scope="row">
                  <a
                    href={`/benchmark/${row.comparability.dataset.slug}?key=${encodeURIComponent(row.comparability.key)}`}
                  >
                    {row.comparability.dataset.name}
                  </a>
                  <span class="muted">
                    {' '}
                    {row.comparability.metric.name}, {row.comparability.settingDescription}
                  </span>
                </th>
                {models.map((model) => {
                  const cell = row.cells.find((c) => c.model.slug === model.slug);
                  if (cell?.value === null || cell?.value === undefined)
                    return (
                      <td class="num muted" key={model.slug}>
                        –
                      </td>
                    );
                  const t = standing(cell.value, values, row.comparability.metric.higherIsBetter);
                  return (
                    <td
                      class={winners.has(model.slug) ? 'num winner' : 'num'}
                      key={model.slug}
                      style={{ background: heat.apply(t) as string, color: t > 0.55 ? '#fff' : '#1a1a1a' }}
                    >
                      {formatNumber(cell.value)}
                    </td>
                  );
                })}
                <td data-testid="winner">{row.winners.map((w) => w.name).join(', ') || '–'}</td>
                <td class="num">
                  {row.margin === null || row.margin === undefined ? '–' : formatNumber(row.margin, 2)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ComparePage() {
  const { query, path, route } = useLocation();
  const models = query.models ? query.models.split(',').filter(Boolean) : DEFAULT_MODELS;
  const [benchmarks] = useQuery({
    query: CompareBenchmarksQuery,
    variables: { models },
    pause: Boolean(query.datasets) || models.length === 0,
  });
  const datasets = query.datasets
    ? query.datasets.split(',').filter(Boolean)
    : (benchmarks.data?.resultStats.flatMap((group) => (group.key ? [group.key] : [])).slice(0, 50) ?? []);
  const variables = { models, datasets };
  const [result] = useQuery({ query: CompareQuery, variables, pause: datasets.length === 0 || models.length === 0 });
  const comparison = result.data?.compare;
  const names = useMemo(() => {
    const known = new Map<string, string>();
    for (const record of comparison?.records ?? []) known.set(record.model.slug, record.model.name);
    return models.map((slug) => ({ slug, name: known.get(slug) ?? slug }));
  }, [comparison, models.join(',')]);

  function setModels(next: string[]) {
    const params = new URLSearchParams({ models: next.join(',') });
    if (query.datasets) params.set('datasets', query.datasets);
    route(`${path}?${params}`);
  }

  return (
    <>
      <PageHeader title="Compare models" query={CompareQuery} variables={variables}>
        <p class="lede">
          Only results in the same benchmark, metric and setting are compared. Darker is better within a row; the winner
          is in bold.
        </p>
      </PageHeader>
      <div class="controls">
        <ul class="chips" aria-label="Models compared">
          {names.map((model) => (
            <li key={model.slug}>
              <a href={`/model/${model.slug}`}>{model.name}</a>
              <button
                type="button"
                aria-label={`Remove ${model.name}`}
                onClick={() => setModels(models.filter((slug) => slug !== model.slug))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <SearchBox
          types={['MODEL']}
          label="Add a model"
          placeholder="Model name…"
          onPick={(hit) => !models.includes(hit.slug) && setModels([...models, hit.slug])}
        />
      </div>
      {models.length === 0 ? (
        <p>Add a model to compare.</p>
      ) : (
        <Status fetching={result.fetching || benchmarks.fetching} error={result.error ?? benchmarks.error}>
          {comparison && (
            <>
              {comparison.rows.length === 0 ? (
                <p>These models have no comparable results.</p>
              ) : (
                <Matrix comparison={comparison} models={names} />
              )}
              <h2>Record</h2>
              <div class="table-wrap">
                <table data-testid="records">
                  <thead>
                    <tr>
                      <th scope="col">Model</th>
                      <th scope="col" class="num">
                        Wins
                      </th>
                      <th scope="col" class="num">
                        Ties
                      </th>
                      <th scope="col" class="num">
                        Losses
                      </th>
                      <th scope="col" class="num">
                        Missing
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {comparison.records.map((record) => (
                      <tr key={record.model.slug}>
                        <th scope="row">{record.model.name}</th>
                        <td class="num">{record.wins}</td>
                        <td class="num">{record.ties}</td>
                        <td class="num">{record.losses}</td>
                        <td class="num">{record.missing}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {comparison.incomparable.length > 0 && (
                <details>
                  <summary>
                    {comparison.incomparable.length} comparable sets cannot rank: only one of these models has a result
                    there
                  </summary>
                  <ul>
                    {comparison.incomparable.map((row) => (
                      <li key={row.comparability.key}>
                        {row.comparability.dataset.name}, {row.comparability.metric.name},{' '}
                        {row.comparability.settingDescription}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          )}
        </Status>
      )}
    </>
  );
}
