import { useQuery } from '@urql/preact';
import { PageHeader } from '../components/PageHeader.tsx';
import { Status } from '../components/Status.tsx';
import { HomeQuery } from '../documents.ts';

export function HomePage() {
  const [{ data, fetching, error }] = useQuery({ query: HomeQuery });
  const counts = data && [
    { label: 'models', value: data.models?.totalCount },
    { label: 'organizations', value: data.organizations?.totalCount },
    { label: 'benchmarks', value: data.datasets?.totalCount },
    { label: 'benchmark results', value: data.benchmarkResults?.totalCount },
    { label: 'claims', value: data.claims?.totalCount },
  ];
  return (
    <>
      <PageHeader title="The AI model landscape, sourced" query={HomeQuery}>
        <p class="lede">
          Who made which model from what, how it was trained, how it scores — and whether the claims about it hold.
          Every fact links to its source.
        </p>
      </PageHeader>
      <Status fetching={fetching} error={error}>
        {counts && (
          <ul class="counts" aria-label="What the graph holds" data-testid="counts">
            {counts.map(({ label, value }) => (
              <li key={label}>
                <strong>{value ?? '–'}</strong> {label}
              </li>
            ))}
          </ul>
        )}
        <h2>Start here</h2>
        <ul class="cards">
          {data?.tulu && (
            <li class="card">
              <h3>
                <a href={`/model/${data.tulu.slug}`}>{data.tulu.name}</a>
              </h3>
              <p>
                {data.tulu.organization?.name}, released {data.tulu.releaseDate}. Its lineage, training stages and
                results.
              </p>
            </li>
          )}
          {data?.article && (
            <li class="card">
              <h3>
                <a href="/claims?source=article">The launch article’s claims</a>
              </h3>
              <p>
                {data.article.claims?.totalCount} claims of “{data.article.title}”, each checked against the data.
              </p>
            </li>
          )}
          <li class="card">
            <h3>
              <a href="/benchmark/gsm8k">GSM8K leaderboard</a>
            </h3>
            <p>Ranked in one comparable setting, the state of the art over time and score against size.</p>
          </li>
          <li class="card">
            <h3>
              <a href="/compare?models=tulu-3-405b,deepseek-v3,gpt-4o">Tülu 3 405B vs DeepSeek-V3 vs GPT-4o</a>
            </h3>
            <p>Who wins each benchmark, and by how much.</p>
          </li>
          <li class="card">
            <h3>
              <a href="/graph/organization/allen-institute-for-ai?to=organization:deepseek">From Ai2 to DeepSeek</a>
            </h3>
            <p>The neighborhood of any entity, and the shortest path between two.</p>
          </li>
          {data?.tulu?.organization && (
            <li class="card">
              <h3>
                <a href={`/organization/${data.tulu.organization.slug}`}>{data.tulu.organization.name}</a>
              </h3>
              <p>Its models, the techniques it uses and its best scores.</p>
            </li>
          )}
        </ul>
      </Status>
    </>
  );
}
