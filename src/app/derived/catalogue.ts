// The catalogue of diagram classes the explorer shows: a thin view over theory/enumerate.
// Enumerations are cached per (observable, order) because filters change far more often
// than the underlying list, and the largest list (train loss, 5 edges) takes ~0.1 s.
import { childrenOf, type ObservableKind } from '../../theory/diagram';
import { enumerateDiagrams } from '../../theory/enumerate';
import { isOrder, MAX_ORDER, ORDERS } from '../../theory/orders';
import { DIAGRAM_KINDS, observableDescriptor } from '../../theory/observables';

export type { ObservableKind };

/** Ties filter: any count, exactly 0, exactly 1, or 2 and more. */
export type TiesFilter = 'any' | '0' | '1' | '2+';

/** Which edge counts to list: every count up to the order, or one count. */
export type EdgesFilter = 'all' | number;

/** The catalogue's filters, as the page and its links hold them. */
export interface CatalogueFilters {
  irreducibleOnly: boolean;
  ties: TiesFilter;
  edges: EdgesFilter;
}

export const initialFilters: CatalogueFilters = { irreducibleOnly: false, ties: 'any', edges: 'all' };

export interface CatalogueQuery {
  observable: ObservableKind;
  order: number;
  irreducibleOnly: boolean;
  ties: TiesFilter;
  /** default 'all': every class with at most `order` edges */
  edges?: EdgesFilter;
}

/** One catalogue card: everything the UI draws, already computed. */
export interface CatalogueEntry {
  notation: string;
  edges: number;
  /** children[v] of every node v; the root is node `edges`. */
  children: readonly (readonly number[])[];
  parts: readonly (readonly number[])[];
  aut: number;
  ties: number;
  irreducible: boolean;
}

export interface Catalogue {
  entries: CatalogueEntry[];
  /** classes for this observable and order before the filters */
  total: number;
}

export const OBSERVABLES: readonly { value: ObservableKind; label: string }[] = DIAGRAM_KINDS.map((k) => ({
  value: k,
  label: observableDescriptor(k).label,
}));

export const TIES_FILTERS: readonly { value: TiesFilter; label: string }[] = [
  { value: 'any', label: 'Any' },
  { value: '0', label: '0' },
  { value: '1', label: '1' },
  { value: '2+', label: '2+' },
];

const cache = new Map<string, CatalogueEntry[]>();

function allClasses(observable: ObservableKind, order: number): CatalogueEntry[] {
  const key = `${observable}/${order}`;
  let list = cache.get(key);
  if (!list) {
    list = enumerateDiagrams(order, observable).map((c) => ({
      notation: c.notation,
      edges: c.edges,
      children: childrenOf(c.diagram),
      parts: c.diagram.parts,
      aut: c.aut,
      ties: c.ties,
      irreducible: c.irreducible,
    }));
    cache.set(key, list);
  }
  return list;
}

const tiesMatch = (ties: number, f: TiesFilter): boolean =>
  f === 'any' || (f === '2+' ? ties >= 2 : ties === Number(f));

/** Every diagram class for the query's observable and order that passes its filters. */
export function catalogueFor(q: CatalogueQuery): Catalogue {
  if (!isOrder(q.order, MAX_ORDER)) {
    throw new RangeError(`order must be an integer 0..${MAX_ORDER}, got ${q.order}`);
  }
  const edges = q.edges ?? 'all';
  const counts = edges === 'all' ? ORDERS.filter((k) => k <= q.order) : [Math.min(edges, q.order)];
  const all = counts.flatMap((k) => allClasses(q.observable, k));
  const entries = all.filter((e) => (!q.irreducibleOnly || e.irreducible) && tiesMatch(e.ties, q.ties));
  return { entries, total: all.length };
}
