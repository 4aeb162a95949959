/**
 * /claims?source=article — a source's claims in its own order, each with its computed verdict, the checks behind
 * it (figures expected and found) and the sources of the facts used, plus a tally of the verdicts.
 */
import { useQuery } from '@urql/preact';
import { useLocation } from 'preact-iso';
import { useEffect } from 'preact/hooks';
import { PageHeader } from '../components/PageHeader.tsx';
import { Status } from '../components/Status.tsx';
import { VerdictBadge } from '../components/Verdict.tsx';
import { formatNumber } from '../components/links.ts';
import { ClaimsQuery } from '../documents.ts';
import { claimsSource } from '../preload.ts';

export function ClaimsPage() {
  const { query } = useLocation();
  const source = claimsSource(query);
  const variables = { source };
  const [{ data, fetching, error }] = useQuery({ query: ClaimsQuery, variables });
  const claims = data?.claims?.nodes ?? [];
  const tally = new Map<string, number>();
  for (const claim of claims) tally.set(claim.verdict.verdict, (tally.get(claim.verdict.verdict) ?? 0) + 1);

  // A permalink to one claim (#claim-3) scrolls to it once the list is there.
  useEffect(() => {
    if (claims.length && window.location.hash) document.getElementById(window.location.hash.slice(1))?.scrollIntoView();
  }, [claims.length]);

  return (
    <>
      <PageHeader
        title={data?.source ? `Claims of “${data.source.title}”` : 'Claims'}
        kind="Claims"
        query={ClaimsQuery}
        variables={variables}
      >
        {data?.source && (
          <p class="lede">
            {[data.source.publisher, data.source.publishedOn].filter(Boolean).join(', ')}
            {data.source.url && (
              <>
                {' '}
                <a href={data.source.url}>Read the source.</a>
              </>
            )}{' '}
            Each claim is checked against the graph’s own data; the verdict is computed, not stored.
          </p>
        )}
      </PageHeader>
      <Status fetching={fetching} error={error}>
        {claims.length === 0 ? (
          <p>No claims from this source.</p>
        ) : (
          <>
            {(data?.claims?.totalCount ?? 0) > claims.length && (
              <p>
                The first {claims.length} of {data?.claims?.totalCount} claims, in the source’s order (a page of 50
                keeps the query within the API’s cost limit).
              </p>
            )}
            <ul class="tally" aria-label="Verdicts" data-testid="tally">
              {[...tally].map(([verdict, count]) => (
                <li key={verdict}>
                  <VerdictBadge verdict={verdict} /> {count}
                </li>
              ))}
            </ul>
            <ol class="claims" data-testid="claims">
              {claims.map((claim) => (
                <li key={claim.slug} id={`claim-${claim.ordinal}`} class="claim">
                  <h2>
                    <span class="muted">{claim.ordinal}.</span> {claim.statement}{' '}
                    <VerdictBadge verdict={claim.verdict.verdict} />
                  </h2>
                  <blockquote>“{claim.quote}”</blockquote>
                  <p class="muted">
                    {claim.verdict.summary}
                    {claim.quantity !== null &&
                      ` Figure: ${formatNumber(claim.quantity, 2)}${claim.quantityUnit ? ` ${claim.quantityUnit}` : ''}.`}
                    {claim.qualifier && ` Qualifier: ${claim.qualifier}.`}
                    {claim.subjectModel && (
                      <>
                        {' '}
                        About <a href={`/model/${claim.subjectModel.slug}`}>{claim.subjectModel.name}</a>.
                      </>
                    )}
                    {claim.subjectOrganization && (
                      <>
                        {' '}
                        About{' '}
                        <a href={`/organization/${claim.subjectOrganization.slug}`}>{claim.subjectOrganization.name}</a>
                        .
                      </>
                    )}
                  </p>
                  {claim.verdict.checks.length > 0 && (
                    <div class="table-wrap">
                      <table class="checks">
                        <thead>
                          <tr>
                            <th scope="col">Check</th>
                            <th scope="col">Outcome</th>
                            <th scope="col">Expected</th>
                            <th scope="col">Found</th>
                            <th scope="col">Sources</th>
                          </tr>
                        </thead>
                        <tbody>
                          {claim.verdict.checks.map((check, index) => (
                            <tr key={index}>
                              <td>{check.description}</td>
                              <td>
                                <VerdictBadge verdict={check.outcome} />
                              </td>
                              <td>{check.expected ?? '–'}</td>
                              <td>{check.actual ?? '–'}</td>
                              <td>
                                {check.sources.map((s, i) => (
                                  <span key={s.slug}>
                                    {i > 0 && ', '}
                                    {s.url ? <a href={s.url}>{s.title}</a> : s.title}
                                  </span>
                                ))}
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  )}
                </li>
              ))}
            </ol>
          </>
        )}
      </Status>
    </>
  );
}
