/**
 * GraphiQL, served by us instead of Yoga: the page (9 MB: GraphiQL, Monaco and their workers inlined, so it works
 * offline) is rendered and compressed once, then served with an ETag (a reload costs a 304), and the example
 * operations are a list at `/examples` instead of one tab each (26 tabs overflowed the tab strip).
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { shouldRenderGraphiQL, type Plugin } from 'graphql-yoga';
import type { ExampleOperation } from '../graphql/operations.ts';
import { type Encoding, etagMatches, pickEncoding } from './conditional.ts';

export const EXAMPLES_PATH = '/examples';

export type GraphiQLPageOptions = {
  /** Where GraphQL is served, and GraphiQL with it. */
  endpoint: string;
  title: string;
  /** Listed at /examples; the first one is the tab a new visitor starts with. */
  examples: readonly ExampleOperation[];
};

type Page = { etag: string; bodies: Record<Encoding, Uint8Array<ArrayBuffer>> };

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

/** The first line(s) of `#` comments of an example: what it asks. */
export function exampleDescription({ query }: ExampleOperation): string {
  const lines = query.split('\n');
  const comments = lines.slice(
    0,
    Math.max(
      0,
      lines.findIndex((line) => !line.startsWith('#')),
    ),
  );
  return comments.map((line) => line.replace(/^#\s?/, '')).join(' ');
}

/** The page's link that opens an example in GraphiQL (the browser script below turns it into a tab). */
export function exampleLink(endpoint: string, { name }: ExampleOperation): string {
  return `${endpoint}?example=${encodeURIComponent(name)}`;
}

/**
 * Runs in the browser before GraphiQL starts. GraphiQL picks the tab to show by comparing the stored
 * `graphiql:query`/`variables`/`headers` with each stored tab; those keys are only written when someone edits,
 * so a plain reload matched no tab and opened an empty "<untitled>" one. Pointing them at the active tab keeps
 * it; pointing them at an example (`?example=name`) opens that example in its own tab, or selects it.
 */
function storageScript(examples: readonly ExampleOperation[]): string {
  const byName = Object.fromEntries(examples.map((e) => [e.name, { query: e.query, variables: e.variables ?? null }]));
  // JSON inside <script>: "</" must not close the element.
  const data = JSON.stringify(byName).replaceAll('</', '<\\/');
  return `<script>
(() => {
  const examples = ${data};
  const set = (key, value) => value == null ? localStorage.removeItem('graphiql:' + key) : localStorage.setItem('graphiql:' + key, value);
  try {
    const url = new URL(location.href);
    const example = examples[url.searchParams.get('example')];
    if (example) {
      // A first visit has no stored tabs, and GraphiQL then opens its default tab whatever is asked: store the
      // example as the only tab.
      if (!localStorage.getItem('graphiql:tabState')) {
        const name = (example.query.match(/^\\s*(?:query|mutation|subscription)\\s+([_A-Za-z][_0-9A-Za-z]*)/m) || [])[1] || null;
        localStorage.setItem('graphiql:tabState', JSON.stringify({ activeTabIndex: 0, tabs: [{ id: 'example', hash: null,
          title: name || '<untitled>', query: example.query, variables: example.variables, headers: null,
          operationName: name, response: null }] }));
      }
      set('query', example.query); set('variables', example.variables); set('headers', null);
      url.searchParams.delete('example'); url.searchParams.delete('query');
      history.replaceState(null, '', url);
      return;
    }
    const state = JSON.parse(localStorage.getItem('graphiql:tabState') ?? 'null');
    const tab = state && state.tabs && state.tabs[state.activeTabIndex];
    if (tab) { set('query', tab.query); set('variables', tab.variables); set('headers', tab.headers); }
  } catch {}
})();
</script>`;
}

/**
 * A mouse click on a GraphiQL tab was often lost (after a reload, after a tab was added): GraphiQL's tabs are
 * framer-motion `Reorder.Item`s constrained to the tab strip, and framer-motion rescales a draggable's offset
 * whenever the strip or the tab resizes (fonts, a new tab), which leaves a tab that was never dragged shifted by up
 * to the strip's width (motiondivision/motion#3823). GraphiQL hides that offset unless the tab has focus
 * (`.graphiql-tab:not(:focus-within) { transform: none !important }`), so the mousedown that focuses the tab moves
 * it away from the pointer, and the mouseup lands on the strip: no click. The patched rescale moves only a tab
 * being dragged; any other tab stays where it is drawn, and only its measurements (and its drag limits) are taken
 * again, so that its next drag starts from them (skipping the rescale altogether left them stale: a drag after a
 * reload flew off to the left). The browser test clicks and drags tabs after a reload; with another GraphiQL build
 * that no longer has this code the page is served as it comes.
 */
const RESCALE_ON_RESIZE = 'scalePositionWithinConstraints(){if(!this.visualElement.current)return;';
const RESCALE_ONLY_WHILE_DRAGGING =
  'scalePositionWithinConstraints(){if(!this.visualElement.current)return;' +
  // Not dragging: measure the tab and the strip again (the next drag starts from them), but leave the tab where it is.
  'if(!this.isDragging){const p=this.visualElement.projection;p&&(p.root&&p.root.updateScroll(),p.updateLayout());' +
  'this.constraints=!1;this.resolveConstraints();return}';

async function renderPage({ endpoint, title, examples }: GraphiQLPageOptions): Promise<Page> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  const [first] = examples;
  const html = renderGraphiQL({
    title,
    defaultTabs: first
      ? [
          {
            query: `# More examples: ${EXAMPLES_PATH} (each opens in a tab of its own)\n${first.query}`,
            ...(first.variables ? { variables: first.variables } : {}),
          },
        ]
      : [],
  })
    .replace(RESCALE_ON_RESIZE, RESCALE_ONLY_WHILE_DRAGGING)
    .replace('<div id="root">', `${storageScript(examples)}\n<div id="root">`);
  const identity = Buffer.from(html);
  const [br, gz] = await Promise.all([
    // Quality 7: 1.9 MB in ~0.6 s; 11 saves 0.2 MB and costs 13 s.
    compressBrotli(identity, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 7, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length },
    }),
    compressGzip(identity, { level: 6 }),
  ]);
  const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
  return { etag, bodies: { br, gzip: gz, identity } };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function examplesPage({ endpoint, title, examples }: GraphiQLPageOptions): string {
  const items = examples
    .map(
      (example) =>
        `<li><a href="${escapeHtml(exampleLink(endpoint, example))}">${escapeHtml(example.name)}</a>` +
        `<p>${escapeHtml(exampleDescription(example))}</p></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}: example operations</title><link rel="icon" href="data:,">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
li{margin:.6rem 0}p{margin:0;color:#444}a{color:#0645ad}</style></head>
<body><h1>Example operations</h1>
<p>Each link opens the example in <a href="${escapeHtml(endpoint)}">GraphiQL</a>, in a tab of its own.
The same files are in <code>schema/operations/</code>, with their expected results.</p>
<ul>
${items}
</ul></body></html>`;
}

export function useGraphiQLPages(options: GraphiQLPageOptions): Plugin {
  let page: Promise<Page> | undefined;
  const examplesHtml = examplesPage(options);
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method === 'GET' && url.pathname === EXAMPLES_PATH) {
        endResponse(new fetchAPI.Response(examplesHtml, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
        return;
      }
      const isPage =
        (url.pathname === options.endpoint || url.pathname === `${options.endpoint}/`) && shouldRenderGraphiQL(request);
      if (!isPage) return;
      page ??= renderPage(options);
      return page.then(({ etag, bodies }) => {
        const headers = { etag, 'cache-control': 'no-cache', vary: 'accept-encoding' };
        if (etagMatches(request.headers.get('if-none-match'), etag)) {
          endResponse(new fetchAPI.Response(null, { status: 304, headers }));
          return;
        }
        const encoding = pickEncoding(request.headers.get('accept-encoding'));
        endResponse(
          new fetchAPI.Response(bodies[encoding], {
            headers: {
              ...headers,
              'content-type': 'text/html; charset=utf-8',
              ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
            },
          }),
        );
      });
    },
  };
}
