/**
 * The search on every page: fuzzy search as you type (Query.search), as an ARIA combobox. Arrow keys move
 * through the hits, Enter opens one (or the full results page when none is selected), Escape closes the list.
 */
import { useQuery } from '@urql/preact';
import { useLocation } from 'preact-iso';
import { useEffect, useId, useState } from 'preact/hooks';
import type { ResultOf } from '../graphql.ts';
import { entityHref } from './links.ts';
import { SearchQuery } from '../documents.ts';

const typeLabels: Record<string, string> = {
  MODEL: 'model',
  ORGANIZATION: 'organization',
  DATASET: 'benchmark',
  TECHNIQUE: 'technique',
};
export const typeLabel = (type: string) => typeLabels[type] ?? type.toLowerCase();

/** The text, once it has stopped changing for a moment (a request per pause, not per key). */
function useSettled(text: string, ms = 120): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), ms);
    return () => clearTimeout(timer);
  }, [text, ms]);
  return settled;
}

export type SearchHit = NonNullable<ResultOf<typeof SearchQuery>['search']>['hits'][number];

/**
 * The search box. Without `onPick` a hit opens its page (the header's search); with it, the hit is handed over
 * (pickers, e.g. the models to compare), optionally of the given types only.
 */
export function SearchBox({
  onPick,
  types,
  label = 'Search models, organizations, benchmarks and techniques',
  placeholder = 'Search: tulu 3, deepseek, gsm8k…',
}: {
  onPick?: (hit: SearchHit) => void;
  types?: ('MODEL' | 'ORGANIZATION' | 'DATASET' | 'TECHNIQUE')[];
  label?: string;
  placeholder?: string;
}) {
  const { route, path } = useLocation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const settled = useSettled(text.trim());
  const [result] = useQuery({
    query: SearchQuery,
    variables: { text: settled, first: 8, ...(types ? { types } : {}) },
    pause: !settled,
  });
  const hits = settled && settled === text.trim() ? (result.data?.search?.hits ?? []) : [];
  const id = useId();
  const listId = `${id}-list`;

  useEffect(() => {
    setOpen(false);
    setActive(-1);
  }, [path]);
  useEffect(() => setActive(-1), [settled]);

  function go(href: string) {
    setOpen(false);
    setText('');
    route(href);
  }

  function pick(hit: SearchHit) {
    if (!onPick) return go(entityHref(hit.type, hit.slug));
    setOpen(false);
    setText('');
    onPick(hit);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, hits.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, -1));
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = hits[active];
      if (hit) pick(hit);
      else if (!onPick && text.trim()) go(`/search?q=${encodeURIComponent(text.trim())}`);
    }
  }

  const expanded = open && hits.length > 0;
  return (
    <form
      class={onPick ? 'search picker' : 'search'}
      role={onPick ? undefined : 'search'}
      onSubmit={(event) => event.preventDefault()}
    >
      <label for={`${id}-input`} class={onPick ? undefined : 'visually-hidden'}>
        {label}
      </label>
      <input
        id={`${id}-input`}
        type="search"
        placeholder={placeholder}
        autocomplete="off"
        spellcheck={false}
        role="combobox"
        list={undefined}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${id}-hit-${active}` : undefined}
        value={text}
        onInput={(event) => {
          setText((event.target as HTMLInputElement).value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" class="search-hits" hidden={!expanded} aria-label="Search results">
        {hits.map((hit, index) => (
          <li
            id={`${id}-hit-${index}`}
            key={hit.entityId}
            role="option"
            aria-selected={index === active}
            class={index === active ? 'active' : undefined}
            onMouseDown={(event) => {
              event.preventDefault();
              pick(hit);
            }}
          >
            <span class="hit-name">{hit.name}</span> <span class="tag">{typeLabel(hit.type)}</span>
          </li>
        ))}
      </ul>
    </form>
  );
}
