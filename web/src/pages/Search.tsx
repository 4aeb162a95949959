import { useQuery } from '@urql/preact';
import { useLocation } from 'preact-iso';
import { PageHeader } from '../components/PageHeader.tsx';
import { typeLabel } from '../components/SearchBox.tsx';
import { SearchQuery } from '../documents.ts';
import { Status } from '../components/Status.tsx';
import { entityHref } from '../components/links.ts';

/** /search?q=…: every hit of a search, with what matched and how well. */
export function SearchPage() {
  const { query } = useLocation();
  const text = (query.q ?? '').trim();
  const variables = { text, first: 50 };
  const [{ data, fetching, error }] = useQuery({ query: SearchQuery, variables, pause: !text });
  const hits = data?.search?.hits ?? [];
  return (
    <>
      <PageHeader title={text ? `Search: ${text}` : 'Search'} query={SearchQuery} variables={variables}>
        {!text && <p>Type in the search box above.</p>}
      </PageHeader>
      {text && (
        <Status fetching={fetching} error={error}>
          <p>
            {data?.search?.totalCount ?? 0} matches
            {hits.length < (data?.search?.totalCount ?? 0) ? `, the best ${hits.length} shown` : ''}.
          </p>
          <ol class="search-results" data-testid="search-results">
            {hits.map((hit) => (
              <li key={hit.entityId}>
                <a href={entityHref(hit.type, hit.slug)}>{hit.name}</a> <span class="tag">{typeLabel(hit.type)}</span>{' '}
                <span class="muted">
                  matched “{hit.matchedText}”, score {hit.score.toFixed(2)}
                </span>
              </li>
            ))}
          </ol>
        </Status>
      )}
    </>
  );
}
