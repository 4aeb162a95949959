/**
 * A chart made by Observable Plot: `make` returns Plot's figure (SVG), which replaces the previous one whenever
 * the data changes. Plot writes an aria-label on each mark and a <title> on each point.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function Chart({ make, testId, caption }: { make: () => Element; testId: string; caption?: ComponentChildren }) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const figure = make();
    holder.current?.replaceChildren(figure);
    return () => figure.remove();
  }, [make]);
  return (
    <figure class="chart" data-testid={testId}>
      <div ref={holder} />
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
