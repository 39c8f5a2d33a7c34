// The spacetime grid's placed diagram: which diagram, where each node sits, and why a drop
// found no legal placement. The spacetime itself is the scenario's schedule.
import type { StateCreator } from 'zustand';
import { DiagramError, parseDiagram, validateFor } from '../../theory/diagram';
import type { Cell } from '../../theory/embeddings';
import { makeSpacetime, type Spacetime } from '../../theory/spacetime';
import { fallbackPlacement, findPlacement, type Placement, type Region } from '../diagrams/placement';
import { scheduleJSON, type ScenarioParams } from '../scenario/params';
import type { AppState } from './store';

export interface GridState {
  notation: string | null;
  placement: Placement | null;
  /** a note about the last drop (e.g. no legal placement exists) */
  message: string | null;
}

export interface GridSlice {
  grid: GridState;
  /** place a diagram near `at`, inside `region` (the view's window) when it fits there */
  dropDiagram: (notation: string, at?: Cell, region?: Region) => void;
  moveNode: (v: number, to: Cell) => void;
  moveRoot: (n: number) => void;
  clearPlacement: () => void;
}

export function spacetimeOf(p: ScenarioParams): Spacetime {
  return makeSpacetime(scheduleJSON(p));
}

export const createGridSlice: StateCreator<AppState, [], [], GridSlice> = (set, get) => ({
  grid: { notation: null, placement: null, message: null },
  dropDiagram: (notation, at, region) => {
    const s = get();
    try {
      const d = parseDiagram(notation);
      validateFor(d, s.observable);
      const st = spacetimeOf(s);
      const inside = region ? findPlacement(d, s.observable, st, at, region) : null;
      const found = inside ?? findPlacement(d, s.observable, st, at);
      const placement = found ?? fallbackPlacement(d, s.observable, at ?? { n: 0, t: Math.max(0, st.T - 1) });
      const message = !found
        ? `no legal placement of ${notation} exists on this spacetime (Emb = 0); the nodes were put on one cell`
        : region && !inside
          ? `${notation} has no legal placement inside the window; it was placed on the nearest legal cells outside it`
          : null;
      set({ grid: { notation, placement, message } });
    } catch (e) {
      if (!(e instanceof DiagramError)) throw e;
      set({ grid: { ...get().grid, message: e.message } });
    }
  },
  moveNode: (v, to) => {
    const g = get().grid;
    if (!g.placement) return;
    const cells = g.placement.cells.slice();
    cells[v] = { ...to };
    set({ grid: { ...g, placement: { ...g.placement, cells }, message: null } });
  },
  moveRoot: (n) => {
    const g = get().grid;
    if (g.placement && g.placement.rootRow !== undefined)
      set({ grid: { ...g, placement: { ...g.placement, rootRow: n } } });
  },
  clearPlacement: () => set({ grid: { notation: null, placement: null, message: null } }),
});
