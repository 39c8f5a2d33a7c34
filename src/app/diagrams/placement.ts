// Placing a diagram on the spacetime grid: a legal embedding found by a small backtracking
// search (parents before children, latest times first, same part ⇒ same row, different parts ⇒
// different rows), and the live check of a user's placement through theory's checkPlacement.
import { type Diagram, type ObservableKind, partIndex } from '../../theory/diagram';
import { type Cell, type PlacementProblem, checkPlacement } from '../../theory/embeddings';
import type { Spacetime } from '../../theory/spacetime';
import { rowsIn } from './gridWindow';

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

/** Rows and updates a search may use: [n0, n1) × [t0, t1) (the view's window). */
export interface Region {
  n0: number;
  n1: number;
  t0: number;
  t1: number;
}

/**
 * A legal placement (moment rule) inside `region` (default: the whole spacetime), preferring
 * rows near `near` and the latest times; null if none is found within the search budget.
 * Candidates come from the schedule's structure (rows of each update), never from all N·T cells.
 */
export function findPlacement(
  d: Diagram,
  obs: ObservableKind,
  st: Spacetime,
  near?: Cell,
  region?: Region,
): Placement | null {
  const m = d.parent.length;
  const pi = partIndex(d);
  const order = topDown(d);
  const box = region ?? { n0: 0, n1: st.N, t0: 0, t1: st.T };
  const byNear = (a: number, b: number) =>
    Math.abs(a - (near?.n ?? box.n0)) - Math.abs(b - (near?.n ?? box.n0)) || a - b;
  const rootRows = obs === 'train-loss' ? rowsNear(near?.n ?? box.n0, box.n0, box.n1, st.N) : [undefined];
  let steps = 0;
  for (const rootRow of rootRows) {
    const cells: (Cell | null)[] = new Array(m).fill(null);
    const partRow = new Map<number, number>();
    if (rootRow !== undefined) partRow.set(pi[m], rootRow);
    const rec = (i: number): boolean => {
      if (i === order.length) return true;
      const v = order[i];
      const p = d.parent[v];
      const tMax = Math.min((p === m ? st.T : cells[p]!.t) - 1, box.t1 - 1);
      const fixed = partRow.get(pi[v]);
      const used = new Set(partRow.values());
      for (let t = tMax; t >= box.t0; t--) {
        if (++steps > SEARCH_BUDGET) return false;
        const here = rowsIn(st, t, box.n0, box.n1);
        const candidates =
          fixed !== undefined ? here.filter((n) => n === fixed) : here.filter((n) => !used.has(n)).sort(byNear);
        for (const n of candidates) {
          if (++steps > SEARCH_BUDGET) return false;
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

/** Rows of [lo, hi) nearest `first` first (at most a few hundred: the root's row is tried in turn). */
function rowsNear(first: number, lo: number, hi: number, N: number): number[] {
  const out: number[] = [];
  for (let k = 0; out.length < 256 && k <= N; k++) {
    for (const n of k === 0 ? [first] : [first - k, first + k]) if (n >= lo && n < hi && n < N && n >= 0) out.push(n);
    if (first - k < lo && first + k >= hi) break;
  }
  return out;
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
