/**
 * /benchmark/:slug?key=…&asOf=… — one benchmark in one comparable setting (picked among its comparability keys):
 * the leaderboard (as of a date, if given), the state of the art over time as a step chart, score against size
 * as a Pareto scatter plot, and the models whose sources disagree.
 */
import * as Plot from '@observablehq/plot';
import { useQuery } from '@urql/preact';
import { useLocation } from 'preact-iso';
import { useCallback, useState } from 'preact/hooks';
import { Chart } from '../components/Chart.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Status } from '../components/Status.tsx';
import { formatNumber, formatParameters } from '../components/links.ts';
import type { ResultOf } from '../graphql.ts';
import { count } from '../components/count.ts';
import { BenchmarkKeysQuery, BenchmarkViewQuery } from '../documents.ts';

type Keys = NonNullable<ResultOf<typeof BenchmarkKeysQuery>['comparabilityKeys']>;
type View = ResultOf<typeof BenchmarkViewQuery>;

/** The setting as the API's input: every field, null meaning "not set" (so exactly this setting is picked). */
function settingInput(setting: Keys[number]['setting']) {
  const { shots, chainOfThought, passK, variant, split, scaffold } = setting;
  return { shots, chainOfThought, passK, variant, split, scaffold };
}

const FIRST_ROWS = 25;

function Leaderboard({ leaderboard, metric }: { leaderboard: NonNullable<View['leaderboard']>; metric: string }) {
  const [all, setAll] = useState(false);
  const entries = all ? leaderboard.entries : leaderboard.entries.slice(0, FIRST_ROWS);
  return (
    <section aria-labelledby="leaderboard">
      <h2 id="leaderboard">
        Leaderboard <span class="muted">({count(leaderboard.totalModels, 'model')})</span>
      </h2>
      <div class="table-wrap">
        <table data-testid="leaderboard">
          <caption class="visually-hidden">Models ranked by {metric}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                Rank
              </th>
              <th scope="col">Model</th>
              <th scope="col">Organization</th>
              <th scope="col" class="num">
                {metric}
              </th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.model.slug}>
                <td class="num">{entry.rank}</td>
                <th scope="row">
                  <a href={`/model/${entry.model.slug}`}>{entry.model.name}</a>
                </th>
                <td>
                  {entry.organization ? (
                    <a href={`/organization/${entry.organization.slug}`}>{entry.organization.name}</a>
                  ) : (
                    '–'
                  )}
                </td>
                <td class="num" data-value={entry.value}>
                  {formatNumber(entry.value)}
                  {entry.conflict.count > 1 && (
                    <span class="badge verdict-not-comparable" title={`${entry.conflict.count} sources disagree`}>
                      ±{formatNumber(entry.conflict.spread)}
                    </span>
                  )}
                </td>
                <td>{entry.source.url ? <a href={entry.source.url}>{entry.source.title}</a> : entry.source.title}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries.length < leaderboard.entries.length && (
        <p>
          <button type="button" onClick={() => setAll(true)}>
            Show all {leaderboard.entries.length}
          </button>
        </p>
      )}
      {leaderboard.entries.length < leaderboard.totalModels && (
        <p class="muted">The API returns the top {leaderboard.entries.length}.</p>
      )}
    </section>
  );
}

function StateOfTheArt({ sota, metric }: { sota: View['stateOfTheArt']; metric: string }) {
  const make = useCallback(() => {
    const points = sota.points.map((p) => ({ ...p, when: new Date(p.date), name: p.model.name }));
    const last = points[points.length - 1];
    // The step is held until today, so the current record shows as a level line.
    const line = last ? [...points, { ...last, when: new Date() }] : points;
    const values = points.map((p) => p.value);
    // One record (or several equal ones) would make a zero-height scale: give it room around the value.
    const flat = Math.min(...values) === Math.max(...values);
    return Plot.plot({
      width: 640,
      height: 320,
      marginLeft: 50,
      marginTop: 30,
      marginRight: 20,
      insetLeft: 10,
      insetRight: 10,
      x: { type: 'utc', label: 'date' },
      y: {
        label: metric,
        grid: true,
        nice: true,
        ...(flat ? { domain: [(values[0] ?? 0) - 5, (values[0] ?? 0) + 5] } : {}),
      },
      marks: [
        Plot.lineY(line, { x: 'when', y: 'value', curve: 'step-after', stroke: '#1d5fbf', strokeWidth: 2 }),
        Plot.dot(points, {
          x: 'when',
          y: 'value',
          fill: '#1d5fbf',
          r: 4,
          title: (p: (typeof points)[number]) => `${p.name}: ${formatNumber(p.value)} (${p.date})`,
          className: 'record',
        }),
        Plot.text(points, { x: 'when', y: 'value', text: 'name', dy: -10, fontSize: 10, textAnchor: 'start' }),
      ],
    });
  }, [sota, metric]);
  return (
    <section aria-labelledby="sota">
      <h2 id="sota">State of the art over time</h2>
      {sota.points.length === 0 ? (
        <p>No dated result.</p>
      ) : (
        <Chart
          make={make}
          testId="sota-chart"
          caption={`Each point is a new record (${sota.points.length} of ${count(sota.results, 'result')}; ${sota.undatedResults} undated). Dated by report, or by the model's release when the result has no date.`}
        />
      )}
    </section>
  );
}

/** Round sizes (1, 2, 5 × 10ⁿ) within the plotted range for the log axis, or the sizes themselves if none fit. */
function sizeTicks(...groups: { parameterCount?: number | null }[][]): number[] {
  const sizes = groups.flat().flatMap((p) => (p.parameterCount ? [p.parameterCount] : []));
  const min = Math.min(...sizes);
  const max = Math.max(...sizes);
  const round = [];
  for (let power = 6; power <= 13; power++) for (const lead of [1, 2, 5]) round.push(lead * 10 ** power);
  const inside = round.filter((tick) => tick >= min && tick <= max);
  return inside.length >= 2 ? inside : [...new Set([min, ...inside, max])];
}

function Pareto({ pareto, metric }: { pareto: View['paretoFrontier']; metric: string }) {
  const make = useCallback(() => {
    const withName = <T extends { model: { name: string } }>(points: T[]) =>
      points.map((p) => ({ ...p, name: p.model.name }));
    const frontier = withName(pareto.frontier).sort((a, b) => (a.parameterCount ?? 0) - (b.parameterCount ?? 0));
    const dominated = withName(pareto.dominated);
    const title = (p: { name: string; value: number; parameterCount?: number | null }) =>
      `${p.name}: ${formatNumber(p.value)} at ${formatParameters(p.parameterCount)} parameters`;
    return Plot.plot({
      width: 640,
      height: 320,
      marginLeft: 50,
      marginTop: 30,
      marginRight: 20,
      insetLeft: 20,
      insetRight: 20,
      x: { type: 'log', label: 'parameters', ticks: sizeTicks(frontier, dominated), tickFormat: formatParameters },
      y: { label: metric, grid: true, nice: true },
      color: { legend: true, domain: ['frontier', 'dominated'], range: ['#c2410c', '#8a8f98'] },
      marks: [
        Plot.line(frontier, { x: 'parameterCount', y: 'value', stroke: '#c2410c', curve: 'step-before' }),
        Plot.dot(dominated, {
          x: 'parameterCount',
          y: 'value',
          fill: () => 'dominated',
          r: 3.5,
          title,
          className: 'dominated',
        }),
        Plot.dot(frontier, {
          x: 'parameterCount',
          y: 'value',
          fill: () => 'frontier',
          r: 5,
          title,
          className: 'frontier',
        }),
        Plot.text(frontier, { x: 'parameterCount', y: 'value', text: 'name', dy: -10, fontSize: 10 }),
      ],
    });
  }, [pareto, metric]);
  const plotted = pareto.frontier.length + pareto.dominated.length;
  return (
    <section aria-labelledby="pareto">
      <h2 id="pareto">Score against size</h2>
      {plotted === 0 ? (
        <p>No model with a disclosed size.</p>
      ) : (
        <Chart
          make={make}
          testId="pareto-chart"
          caption={`The Pareto frontier: ${count(pareto.frontier.length, 'model')} no other model beats on both score and size; ${pareto.dominatedCount} dominated. Parameters on a log scale.`}
        />
      )}
      {pareto.undisclosedSize.length > 0 && (
        <p class="muted">
          Size undisclosed ({pareto.undisclosedSize.length}):{' '}
          {pareto.undisclosedSize.slice(0, 8).map((p, i) => (
            <span key={p.model.slug}>
              {i > 0 && ', '}
              <a href={`/model/${p.model.slug}`}>{p.model.name}</a> ({formatNumber(p.value)})
            </span>
          ))}
          {pareto.undisclosedSize.length > 8 && `, and ${pareto.undisclosedSize.length - 8} more`}
        </p>
      )}
    </section>
  );
}

function Conflicts({ leaderboard }: { leaderboard: NonNullable<View['leaderboard']> }) {
  const conflicts = leaderboard.entries.filter((entry) => entry.conflict.count > 1);
  return (
    <section aria-labelledby="conflicts">
      <h2 id="conflicts">Sources that disagree</h2>
      {conflicts.length === 0 ? (
        <p>Every ranked model has one value in this setting, or its sources agree.</p>
      ) : (
        <ul data-testid="conflicts">
          {conflicts.map((entry) => (
            <li key={entry.model.slug}>
              <a href={`/model/${entry.model.slug}`}>{entry.model.name}</a>: {entry.conflict.count} values from{' '}
              {formatNumber(entry.conflict.min)} to {formatNumber(entry.conflict.max)} —{' '}
              {entry.conflict.results.map((result, i) => (
                <span key={result.id}>
                  {i > 0 && '; '}
                  {formatNumber(result.value)} in{' '}
                  {result.source.url ? <a href={result.source.url}>{result.source.title}</a> : result.source.title}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function BenchmarkPage({ slug }: { slug: string }) {
  const { query, path, route } = useLocation();
  const [keys] = useQuery({ query: BenchmarkKeysQuery, variables: { dataset: slug } });
  const comparabilities = keys.data?.comparabilityKeys ?? [];
  const selected = comparabilities.find((c) => c.key === query.key) ?? comparabilities[0];
  const asOf = query.asOf || null;
  const variables = selected && {
    dataset: slug,
    metric: selected.metric.slug,
    setting: settingInput(selected.setting),
    asOf,
  };
  const [view] = useQuery({ query: BenchmarkViewQuery, variables: variables ?? ({} as never), pause: !variables });
  const dataset = keys.data?.dataset;

  function navigate(next: { key?: string | undefined; asOf?: string | null }) {
    const params = new URLSearchParams();
    const key = next.key ?? selected?.key;
    if (key) params.set('key', key);
    const date = next.asOf === undefined ? asOf : next.asOf;
    if (date) params.set('asOf', date);
    route(`${path}?${params}`);
  }

  const metricName = selected ? selected.metric.name : '';
  return (
    <>
      <PageHeader title={dataset?.name ?? slug} kind="Benchmark" query={BenchmarkViewQuery} variables={variables}>
        {dataset && <p class="lede">{dataset.description}</p>}
      </PageHeader>
      <Status fetching={keys.fetching} error={keys.error}>
        {comparabilities.length === 0 ? (
          <p>No results on this benchmark.</p>
        ) : (
          <>
            <form class="controls" onSubmit={(event) => event.preventDefault()}>
              <label>
                Comparable setting (metric and evaluation setting)
                <select
                  value={selected?.key}
                  onChange={(event) => navigate({ key: (event.target as HTMLSelectElement).value })}
                  data-testid="setting-picker"
                >
                  {comparabilities.map((c) => (
                    <option key={c.key} value={c.key}>
                      {c.metric.name} · {c.settingDescription} ({count(c.resultCount, 'result')})
                    </option>
                  ))}
                </select>
              </label>
              <label>
                As of
                <input
                  type="date"
                  value={asOf ?? ''}
                  onChange={(event) => navigate({ asOf: (event.target as HTMLInputElement).value || null })}
                  data-testid="as-of"
                />
              </label>
              {asOf && (
                <button type="button" onClick={() => navigate({ asOf: null })}>
                  Today
                </button>
              )}
            </form>
            <Status fetching={view.fetching} error={view.error}>
              {view.data && (
                <div class="benchmark-page">
                  <div class="two-columns">
                    <StateOfTheArt sota={view.data.stateOfTheArt} metric={metricName} />
                    <Pareto pareto={view.data.paretoFrontier} metric={metricName} />
                  </div>
                  {view.data.leaderboard && <Leaderboard leaderboard={view.data.leaderboard} metric={metricName} />}
                  {view.data.leaderboard && <Conflicts leaderboard={view.data.leaderboard} />}
                </div>
              )}
            </Status>
          </>
        )}
      </Status>
    </>
  );
}
