// The catalogue for the store's current query, enumerated in the catalogue worker (latest wins);
// components read this instead of the theory.
import { useShallow } from 'zustand/react/shallow';
import { type Catalogue, type CatalogueQuery, catalogueFor } from '../derived/catalogue';
import { moduleWorker } from '../workers/jobClient';
import { useAppStore } from '../state/store';
import { jobChannel, useJob } from './useJob';

const spawnWorker = moduleWorker(
  () => new Worker(new URL('../workers/catalogue.worker.ts', import.meta.url), { type: 'module' }),
);

const channel = jobChannel<CatalogueQuery, Catalogue>({
  spawn: spawnWorker,
  inline: catalogueFor,
  // the enumeration depends on the observable and the order; the filters are cheap
  workKey: (q) => `${q.observable}/${q.order}`,
  tooLong: (q) => `lower the order (now ${q.order})`,
});

const EMPTY: Catalogue = { entries: [], total: 0 };

export interface CatalogueView {
  catalogue: Catalogue;
  /** the query the catalogue on screen answers */
  query: CatalogueQuery;
  /** a newer query is being enumerated */
  stale: boolean;
  /** why there is no catalogue (refused or failed), or null */
  error: string | null;
}

export function useCatalogue(): CatalogueView {
  const live = useAppStore(
    useShallow((s) => ({
      observable: s.observable,
      order: s.order,
      irreducibleOnly: s.irreducibleOnly,
      ties: s.ties,
      edges: s.edges,
    })),
  );
  const key = JSON.stringify(live);
  const answer = useJob(channel, live, key);
  if (!answer) return { catalogue: EMPTY, query: live, stale: true, error: null };
  const { req: query, outcome } = answer;
  return {
    catalogue: outcome.ok ? outcome.value : EMPTY,
    query,
    stale: answer.key !== key,
    error: outcome.ok ? null : outcome.message,
  };
}
