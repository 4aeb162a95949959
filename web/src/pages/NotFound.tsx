import { useEffect } from 'preact/hooks';

export function NotFoundPage() {
  useEffect(() => {
    document.title = 'Not found · modelgraph Explorer';
  }, []);
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no page here. Try the search above, or go <a href="/">home</a>.
      </p>
    </>
  );
}
