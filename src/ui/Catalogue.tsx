// The catalogue of diagram classes for the chosen observable and order, after the filters.
// Large catalogues (thousands of classes at order 5) render a page at a time. Click or Enter
// loads an entry into the editor; entries drag onto the editor or the grid.
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { OBSERVABLES } from '../app/derived/catalogue';
import { useAppStore } from '../app/state/store';
import { useCatalogue } from '../app/hooks/useCatalogue';
import { Controls } from './Controls';
import { DiagramCard } from './DiagramCard';
import { nextIndex } from './rovingFocus';

const PAGE = 240;

export function Catalogue() {
  const { catalogue, query, stale, error } = useCatalogue();
  const queryKey = `${query.observable}/${query.order}/${query.irreducibleOnly}/${query.ties}/${query.edges}`;
  return <CatalogueView {...{ catalogue, query, stale, error, queryKey }} />;
}

type ViewProps = ReturnType<typeof useCatalogue> & { queryKey: string };

function CatalogueView({ catalogue, query, stale, error, queryKey }: ViewProps) {
  const [limit, setLimit] = useState(PAGE);
  const [active, setActive] = useState(0);
  // a new query starts at the first page and the first entry (the filters keep their focus)
  const [seen, setSeen] = useState(queryKey);
  if (seen !== queryKey) {
    setSeen(queryKey);
    setLimit(PAGE);
    setActive(0);
  }
  const listRef = useRef<HTMLUListElement>(null);
  const { entries, total } = catalogue;
  const shown = entries.slice(0, limit);
  const obsLabel = OBSERVABLES.find((o) => o.value === query.observable)?.label.toLowerCase();
  const loadDiagram = useAppStore((s) => s.loadDiagram);
  const onActivate = useCallback((notation: string) => loadDiagram(notation), [loadDiagram]);
  const edges = query.edges === undefined || query.edges === 'all' ? 'all' : Math.min(query.edges, query.order);
  const edgeText =
    edges === 'all'
      ? `up to ${query.order} ${query.order === 1 ? 'edge' : 'edges'}`
      : `${edges} ${edges === 1 ? 'edge' : 'edges'}`;

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLUListElement>) => {
      const items = Array.from(listRef.current?.children ?? []) as HTMLElement[];
      const to = nextIndex(e.key, active, items);
      if (to === null) return;
      e.preventDefault();
      setActive(to);
      items[to]?.focus();
    },
    [active],
  );

  return (
    <section className="panel catalogue" aria-labelledby="catalogue-heading" aria-busy={stale}>
      <div className="catalogue-head">
        <h2 id="catalogue-heading">Diagram classes</h2>
        <p className="summary" aria-live="polite">
          {entries.length === total
            ? `${total} ${total === 1 ? 'class' : 'classes'}`
            : `${entries.length} of ${total} classes`}{' '}
          · {edgeText} · {obsLabel}
        </p>
      </div>
      <Controls />
      {error ? (
        <p role="alert" className="refusal">
          {error}
        </p>
      ) : entries.length === 0 && stale ? (
        <p className="muted">enumerating…</p>
      ) : entries.length === 0 ? (
        <p className="empty">No diagram class with {edgeText} passes these filters.</p>
      ) : (
        <ul className="card-grid" role="list" aria-label="Catalogue" ref={listRef} onKeyDown={onKeyDown}>
          {shown.map((entry, i) => (
            <DiagramCard
              key={entry.notation}
              entry={entry}
              index={i}
              tabbable={i === active}
              onFocusItem={setActive}
              onActivate={onActivate}
            />
          ))}
        </ul>
      )}
      {shown.length < entries.length && (
        <div className="more">
          <span>
            Showing {shown.length} of {entries.length}
          </span>
          <button type="button" onClick={() => setLimit((l) => l + PAGE)}>
            Show {Math.min(PAGE, entries.length - shown.length)} more
          </button>
          <button type="button" onClick={() => setLimit(entries.length)}>
            Show all {entries.length}
          </button>
        </div>
      )}
    </section>
  );
}
