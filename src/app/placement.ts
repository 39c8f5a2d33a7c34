// Placing a diagram on the spacetime grid: a legal embedding found by a small backtracking
// search (parents before children, latest times first, same part ⇒ same row, different parts ⇒
// different rows), and the live check of a user's placement through theory's checkPlacement.
import { type Diagram, type ObservableKind, partIndex } from '../theory/diagram';
import { type Cell, type PlacementProblem, checkPlacement } from '../theory/embeddings';
import { type Spacetime, isCell } from '../theory/spacetime';

export interface Placement {
  cells: (Cell | null)[];
  /** the root's datapoint (train loss only) */
  rootRow?: number;
}

const SEARCH_BUDGET = 200_000;

/** Nodes in breadth-first order from the root (parents first), the root excluded. */
function topDown(d: Diagram): number[] {
  const m = d.parent.length;
  const depth = (v: number): number => (v === m ? 0 : 1 + depth(d.parent[v]));
  return [...Array(m).keys()].sort((a, b) => depth(a) - depth(b) || b - a);
}

/** A legal placement (moment rule), preferring the rows and times near `near`; null if none is found. */
export function findPlacement(d: Diagram, obs: ObservableKind, st: Spacetime, near?: Cell): Placement | null {
  const m = d.parent.length;
  const pi = partIndex(d);
  const order = topDown(d);
  const rowsOf = (first: number) => [...Array(st.N).keys()].sort((a, b) => Math.abs(a - first) - Math.abs(b - first));
  const rows = rowsOf(near?.n ?? 0);
  const rootRows = obs === 'train-loss' ? rows : [undefined];
  let steps = 0;
  for (const rootRow of rootRows) {
    const cells: (Cell | null)[] = new Array(m).fill(null);
    const partRow = new Map<number, number>();
    if (rootRow !== undefined) partRow.set(pi[m], rootRow);
    const rec = (i: number): boolean => {
      if (i === order.length) return true;
      if (++steps > SEARCH_BUDGET) return false;
      const v = order[i];
      const p = d.parent[v];
      const tMax = (p === m ? st.T : cells[p]!.t) - 1;
      const fixed = partRow.get(pi[v]);
      const used = new Set(partRow.values());
      for (let t = tMax; t >= 0; t--) {
        const candidates = fixed !== undefined ? [fixed] : rows.filter((n) => !used.has(n));
        for (const n of candidates) {
          if (!isCell(st, n, t)) continue;
          cells[v] = { n, t };
          const fresh = fixed === undefined;
          if (fresh) partRow.set(pi[v], n);
          if (rec(i + 1)) return true;
          if (fresh) partRow.delete(pi[v]);
          cells[v] = null;
        }
      }
      return false;
    };
    if (rec(0)) return rootRow === undefined ? { cells } : { cells, rootRow };
    if (steps > SEARCH_BUDGET) break;
  }
  return null;
}

/** Where nodes go when no legal placement exists: all on the dropped cell (the check says why). */
export function fallbackPlacement(d: Diagram, obs: ObservableKind, at: Cell): Placement {
  const cells = d.parent.map(() => ({ ...at }));
  return obs === 'train-loss' ? { cells, rootRow: at.n } : { cells };
}

/** Problems of a placement, one reason per line (empty when legal). */
export function placementProblems(d: Diagram, obs: ObservableKind, st: Spacetime, pl: Placement): PlacementProblem[] {
  return checkPlacement(d, obs, st, pl.cells, 'moment', pl.rootRow);
}
