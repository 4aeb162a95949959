/**
 * /model/:slug — facts with their sources, lineage as a graph, the training stages as a timeline, results by
 * benchmark, who it beats and who beats it, and the claims that mention it.
 */
import { useQuery } from '@urql/preact';
import { useLocation } from 'preact-iso';
import { useMemo } from 'preact/hooks';
import { NodeGraph, type GraphEdgeData, type GraphNodeData } from '../components/NodeGraph.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Status } from '../components/Status.tsx';
import { VerdictBadge } from '../components/Verdict.tsx';
import { describeSetting, formatNumber, formatParameters } from '../components/links.ts';
import type { ResultOf } from '../graphql.ts';
import { count } from '../components/count.ts';
import { ModelQuery, ModelClaimsQuery } from '../documents.ts';

type Model = NonNullable<ResultOf<typeof ModelQuery>['model']>;

/** Ancestors and descendants as one graph: each lineage hop is an edge from the base model to the derived one. */
function lineageGraph(model: Model): { nodes: GraphNodeData[]; edges: GraphEdgeData[] } {
  const nodes = new Map<string, GraphNodeData>([
    [model.slug, { id: model.slug, label: model.name, type: 'MODEL', center: true }],
  ]);
  const edges = new Map<string, GraphEdgeData>();
  for (const relative of [...(model.ancestors ?? []), ...(model.descendants ?? [])]) {
    for (const hop of relative.path) {
      for (const end of [hop.model, hop.baseModel])
        if (!nodes.has(end.slug)) nodes.set(end.slug, { id: end.slug, label: end.name, type: 'MODEL' });
      const id = `${hop.baseModel.slug}>${hop.model.slug}:${hop.kind}`;
      edges.set(id, { id, source: hop.baseModel.slug, target: hop.model.slug, label: hop.kind.toLowerCase() });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

function Facts({ model }: { model: Model }) {
  const facts: [string, string | undefined][] = [
    ['Developed by', model.organizations.map((o) => o.name).join(', ') || undefined],
    ['Released', model.releaseDate ?? undefined],
    ['Parameters', formatParameters(model.parameterCount)],
    ['Active parameters', model.activeParameterCount ? formatParameters(model.activeParameterCount) : undefined],
    ['Architecture', model.architecture?.toLowerCase().replace(/_/g, ' ')],
    ['Context length', model.contextLength ? `${model.contextLength.toLocaleString('en')} tokens` : undefined],
    [
      'License',
      model.license ? `${model.license.name} (${model.license.category.toLowerCase().replace(/_/g, ' ')})` : undefined,
    ],
    ['Weights', model.openWeights ? 'open' : 'closed'],
    ['Access', model.access.map((a) => a.toLowerCase().replace(/_/g, ' ')).join(', ') || undefined],
  ];
  return (
    <section aria-labelledby="facts">
      <h2 id="facts">Facts</h2>
      <dl class="facts">
        {facts
          .filter(([, value]) => value)
          .map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {model.attributions.length > 0 && (
        <>
          <h3>Sources</h3>
          <ul class="sources">
            {model.attributions.map((a) => (
              <li key={a.source.slug}>
                {a.source.url ? <a href={a.source.url}>{a.source.title}</a> : a.source.title}
                {a.notes && <span class="muted"> — {a.notes}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Lineage({ model }: { model: Model }) {
  const { route } = useLocation();
  const graph = useMemo(() => lineageGraph(model), [model]);
  if (graph.edges.length === 0)
    return (
      <section aria-labelledby="lineage">
        <h2 id="lineage">Lineage</h2>
        <p>No recorded base model or derivative.</p>
      </section>
    );
  const names = new Map(graph.nodes.map((n) => [n.id, n.label]));
  return (
    <section aria-labelledby="lineage">
      <h2 id="lineage">Lineage</h2>
      <p class="muted">Base models above, derivatives below; each arrow is labeled with how the model was derived.</p>
      <NodeGraph
        nodes={graph.nodes}
        edges={graph.edges}
        layout="lineage"
        label={`Lineage of ${model.name}: ${count(graph.nodes.length, 'model')}`}
        testId="lineage-graph"
        onSelect={(slug) => slug !== model.slug && route(`/model/${slug}`)}
      >
        <ul data-testid="lineage-list">
          {graph.edges.map((edge) => (
            <li key={edge.id}>
              <a href={`/model/${edge.target}`}>{names.get(edge.target)}</a> is a {edge.label} of{' '}
              <a href={`/model/${edge.source}`}>{names.get(edge.source)}</a>
            </li>
          ))}
        </ul>
      </NodeGraph>
    </section>
  );
}

function Stages({ model }: { model: Model }) {
  if (model.techniques.length === 0) return null;
  const stages = [...model.techniques].sort((a, b) => (a.stage ?? 99) - (b.stage ?? 99));
  return (
    <section aria-labelledby="stages">
      <h2 id="stages">Training stages</h2>
      <ol class="timeline" data-testid="stages">
        {stages.map((use) => (
          <li key={`${use.technique.slug}-${use.stage}`}>
            <span class="stage">{use.stage ? `Stage ${use.stage}` : 'Unstaged'}</span>
            <strong>
              <a href={`/graph/technique/${use.technique.slug}`}>{use.technique.name}</a>
            </strong>
            {use.details && <span title={use.details}>{use.details}</span>}
            {use.datasets.length > 0 && <span class="muted">on {use.datasets.map((d) => d.name).join(', ')}</span>}
            <span class="muted">
              source: {use.source.url ? <a href={use.source.url}>{use.source.title}</a> : use.source.title}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Results({ model }: { model: Model }) {
  const results = model.results?.nodes ?? [];
  const byDataset = useMemo(() => {
    const groups = new Map<string, typeof results>();
    for (const result of results) groups.set(result.dataset.slug, [...(groups.get(result.dataset.slug) ?? []), result]);
    return [...groups.values()];
  }, [results]);
  return (
    <section aria-labelledby="results">
      <h2 id="results">Results</h2>
      {results.length === 0 ? (
        <p>No benchmark results.</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="results-table">
            <caption class="visually-hidden">Benchmark results of {model.name}, grouped by benchmark</caption>
            <thead>
              <tr>
                <th scope="col">Benchmark</th>
                <th scope="col">Metric</th>
                <th scope="col" class="num">
                  Value
                </th>
                <th scope="col">Setting</th>
                <th scope="col">Evaluator</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            {byDataset.map((group) => (
              <tbody key={group[0]?.dataset.slug}>
                {group.map((result, index) => (
                  <tr key={result.id}>
                    {index === 0 && (
                      <th scope="rowgroup" rowSpan={group.length}>
                        <a href={`/benchmark/${result.dataset.slug}`}>{result.dataset.name}</a>
                      </th>
                    )}
                    <td>{result.metric.name}</td>
                    <td class="num" data-value={result.value}>
                      {formatNumber(result.value)}
                    </td>
                    <td>
                      {describeSetting(result.setting)}
                      {result.modelVariant && <span class="muted"> ({result.modelVariant})</span>}
                    </td>
                    <td>
                      {result.evaluator?.name ?? '–'}
                      <span class="muted"> ({result.evaluatorRelationship.toLowerCase().replace(/_/g, ' ')})</span>
                    </td>
                    <td>
                      {result.source.url ? <a href={result.source.url}>{result.source.title}</a> : result.source.title}
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
      {(model.results?.totalCount ?? 0) > results.length && (
        <p class="muted">
          The first {results.length} of {count(model.results?.totalCount ?? 0, 'result')}.
        </p>
      )}
    </section>
  );
}

type Beat = { slug: string; name: string; margin: number; dataset: { slug: string; name: string }; what: string };

function BeatList({ title, beats, testId }: { title: string; beats: Beat[]; testId: string }) {
  const shown = beats.slice(0, 12);
  return (
    <div>
      <h3>
        {title} <span class="muted">({beats.length})</span>
      </h3>
      {beats.length === 0 ? (
        <p class="muted">None among comparable results.</p>
      ) : (
        <ul class="beats" data-testid={testId}>
          {shown.map((beat) => (
            <li key={`${beat.slug}-${beat.what}`}>
              <a href={`/model/${beat.slug}`}>{beat.name}</a> on{' '}
              <a href={`/benchmark/${beat.dataset.slug}`}>{beat.dataset.name}</a>{' '}
              <span class="muted">
                by {formatNumber(beat.margin, 2)} ({beat.what})
              </span>
            </li>
          ))}
          {beats.length > shown.length && <li class="muted">and {beats.length - shown.length} more</li>}
        </ul>
      )}
    </div>
  );
}

function Beats({ model }: { model: Model }) {
  const what = (c: Model['beats'][number]['comparability']) => `${c.metric.name}, ${c.settingDescription}`;
  return (
    <section aria-labelledby="beats">
      <h2 id="beats">Beats and beaten by</h2>
      <div class="two-columns">
        <BeatList
          title="Beats"
          testId="beats"
          beats={model.beats.map((b) => ({
            ...b.loser,
            margin: b.margin,
            dataset: b.comparability.dataset,
            what: what(b.comparability),
          }))}
        />
        <BeatList
          title="Beaten by"
          testId="beaten-by"
          beats={model.beatenBy.map((b) => ({
            ...b.winner,
            margin: b.margin,
            dataset: b.comparability.dataset,
            what: what(b.comparability),
          }))}
        />
      </div>
    </section>
  );
}

function Claims({ slug }: { slug: string }) {
  const [{ data, error }] = useQuery({ query: ModelClaimsQuery, variables: { slug } });
  const claims = data?.model?.claimsMentioning ?? [];
  if (error) return <Status fetching={false} error={error} />;
  if (claims.length === 0) return null;
  return (
    <section aria-labelledby="claims">
      <h2 id="claims">Claims that mention it</h2>
      <ul class="claims-list" data-testid="model-claims">
        {claims.map((claim) => (
          <li key={claim.slug}>
            <VerdictBadge verdict={claim.verdict.verdict} /> {claim.statement}{' '}
            <a class="muted" href={`/claims?source=${claim.source.slug}#claim-${claim.ordinal}`}>
              {claim.source.title}, claim {claim.ordinal}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ModelPage({ slug }: { slug: string }) {
  const variables = { slug };
  const [{ data, fetching, error }] = useQuery({ query: ModelQuery, variables });
  const model = data?.model;
  return (
    <>
      <PageHeader title={model?.name ?? slug} kind="Model" query={ModelQuery} variables={variables}>
        {model && (
          <p class="lede">
            {model.description} <a href={`/graph/model/${model.slug}`}>Its neighborhood in the graph</a> ·{' '}
            <a href={`/compare?models=${model.slug}`}>compare it</a>
          </p>
        )}
      </PageHeader>
      <Status fetching={fetching} error={error}>
        {model && (
          <div class="model-page">
            <div class="two-columns">
              <Facts model={model} />
              <Lineage model={model} />
            </div>
            <Stages model={model} />
            <Results model={model} />
            <Beats model={model} />
            <Claims slug={model.slug} />
          </div>
        )}
      </Status>
    </>
  );
}
