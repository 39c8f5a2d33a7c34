// The catalogue for the store's current query, enumerated in the catalogue worker (latest wins);
// components read this instead of the theory.
import { startTransition, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { type Catalogue, type CatalogueQuery, catalogueFor } from './catalogue';
import { GRACE_MS, JobClient, TIMEOUT_MS, type JobOutcome, type WorkerLike } from './jobClient';
import { useAppStore } from './store';

type Listener = (query: CatalogueQuery, outcome: JobOutcome<Catalogue>) => void;
const listeners = new Set<Listener>();

function spawnWorker(): WorkerLike | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('./catalogue.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

let client: JobClient<CatalogueQuery, Catalogue> | null = null;
const catalogueClient = () =>
  (client ??= new JobClient<CatalogueQuery, Catalogue>({
    spawn: spawnWorker,
    inline: catalogueFor,
    // the enumeration depends on the observable and order; the filters are cheap
    workKey: (q) => `${q.observable}/${q.order}`,
    timeoutMs: TIMEOUT_MS,
    graceMs: GRACE_MS,
    tooLong: (q) => `lower the order (now ${q.order})`,
    onOutcome: (q, o) => listeners.forEach((l) => l(q, o)),
  }));

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
    useShallow((s) => ({ observable: s.observable, order: s.order, irreducibleOnly: s.irreducibleOnly, ties: s.ties, edges: s.edges })),
  );
  const [shown, setShown] = useState<{ query: CatalogueQuery; catalogue: Catalogue; error: string | null } | null>(null);
  const liveKey = JSON.stringify(live);
  useEffect(() => {
    // a transition: drawing thousands of cards is interrupted by input instead of holding it
    const mine: Listener = (query, o) =>
      startTransition(() => setShown(o.ok ? { query, catalogue: o.value, error: null } : { query, catalogue: EMPTY, error: o.message }));
    listeners.add(mine);
    return () => {
      listeners.delete(mine);
    };
  }, []);
  useEffect(() => {
    catalogueClient().submit(JSON.parse(liveKey) as CatalogueQuery);
  }, [liveKey]);
  if (!shown) return { catalogue: EMPTY, query: live, stale: true, error: null };
  return { ...shown, stale: JSON.stringify(shown.query) !== liveKey };
}
