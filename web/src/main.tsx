/**
 * The Explorer: a single-page app over the public GraphQL API. Each page has its own URL (history API, served
 * as index.html by the server for any page path) and a link to its query in GraphiQL.
 */
import { render, type ComponentType } from 'preact';
import { LocationProvider, lazy, Route, Router } from 'preact-iso';
import { useMemo } from 'preact/hooks';
import { Provider } from '@urql/preact';
import { client } from './client.ts';
import { preload, type RouteProps } from './preload.ts';
import { SearchBox } from './components/SearchBox.tsx';
import { HomePage } from './pages/Home.tsx';
import { SearchPage } from './pages/Search.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import './styles.css';

/**
 * A page that loads on first use, whose first queries (and graph library) are requested as soon as its route is
 * shown, while its code loads (./preload.ts), rather than by the page once loaded.
 */
function preloaded<Props>(load: () => Promise<ComponentType<Props>>, start: (props: RouteProps) => void) {
  const Page = lazy(load);
  return function PreloadedPage(props: Props & RouteProps) {
    useMemo(() => start(props), [JSON.stringify(props)]);
    return <Page {...props} />;
  };
}

// Pages with charts or graphs load on first use, so the first view does not wait for Plot or Cytoscape.
const ModelPage = preloaded(() => import('./pages/Model.tsx').then((m) => m.ModelPage), preload.model);
const BenchmarkPage = preloaded(() => import('./pages/Benchmark.tsx').then((m) => m.BenchmarkPage), preload.benchmark);
const ComparePage = lazy(() => import('./pages/Compare.tsx').then((m) => m.ComparePage));
const ClaimsPage = preloaded(() => import('./pages/Claims.tsx').then((m) => m.ClaimsPage), preload.claims);
const OrganizationPage = preloaded(
  () => import('./pages/Organization.tsx').then((m) => m.OrganizationPage),
  preload.organization,
);
const GraphPage = preloaded(() => import('./pages/Graph.tsx').then((m) => m.GraphPage), preload.graph);

function App() {
  return (
    <Provider value={client}>
      <LocationProvider>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            modelgraph <span>Explorer</span>
          </a>
          <nav aria-label="Sections">
            <ul>
              <li>
                <a href="/compare">Compare</a>
              </li>
              <li>
                <a href="/claims">Claims</a>
              </li>
              <li>
                <a href="/graph">Graph</a>
              </li>
              <li>
                <a href="/graphql">GraphiQL</a>
              </li>
            </ul>
          </nav>
          <SearchBox />
        </header>
        <main id="main" tabIndex={-1}>
          <Router>
            <Route path="/" component={HomePage} />
            <Route path="/search" component={SearchPage} />
            <Route path="/model/:slug" component={ModelPage} />
            <Route path="/benchmark/:slug" component={BenchmarkPage} />
            <Route path="/compare" component={ComparePage} />
            <Route path="/claims" component={ClaimsPage} />
            <Route path="/organization/:slug" component={OrganizationPage} />
            <Route path="/graph" component={GraphPage} />
            <Route path="/graph/:type/:slug" component={GraphPage} />
            <Route default component={NotFoundPage} />
          </Router>
        </main>
        <footer class="site-footer">
          Data and API: <a href="/graphql">GraphQL at /graphql</a>. Every figure links to its source.
        </footer>
      </LocationProvider>
    </Provider>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
