// The catalogue for the store's current query; components read this instead of the theory.
import { useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { type Catalogue, type CatalogueQuery, catalogueFor } from './catalogue';
import { useAppStore } from './store';

export function useCatalogue(): { catalogue: Catalogue; query: CatalogueQuery; stale: boolean } {
  const live = useAppStore(
    useShallow((s) => ({ observable: s.observable, order: s.order, irreducibleOnly: s.irreducibleOnly, ties: s.ties, edges: s.edges })),
  );
  // Deferred so the controls stay responsive while a large catalogue renders.
  const query = useDeferredValue(live);
  // useShallow keeps `live` (so `query`) the same object while its fields are equal.
  const catalogue = useMemo(() => catalogueFor(query), [query]);
  return { catalogue, query, stale: query !== live };
}
