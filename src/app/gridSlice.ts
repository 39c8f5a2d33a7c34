// The spacetime grid's placed diagram: which diagram, where each node sits, and why a drop
// found no legal placement. The spacetime itself is the scenario's schedule.
import type { StateCreator } from 'zustand';
import { DiagramError, parseDiagram, validateFor } from '../theory/diagram';
import type { Cell } from '../theory/embeddings';
import { makeSpacetime, type Spacetime } from '../theory/spacetime';
import { fallbackPlacement, findPlacement, type Placement } from './placement';
import { scheduleJSON, stepsOf, type ScenarioParams } from './params';
import type { AppState } from './store';

/** Grids up to this size are drawn cell by cell and editable; larger ones are summarised. */
export const GRID_MAX = 64;

export interface GridState {
  notation: string | null;
  placement: Placement | null;
  /** a note about the last drop (e.g. no legal placement exists) */
  message: string | null;
}

export interface GridSlice {
  grid: GridState;
  dropDiagram: (notation: string, at?: Cell) => void;
  moveNode: (v: number, to: Cell) => void;
  moveRoot: (n: number) => void;
  clearPlacement: () => void;
}

export const gridIsSmall = (p: Pick<ScenarioParams, 'N' | 'B' | 'epochs' | 'batches'>): boolean => p.N <= GRID_MAX && stepsOf(p) <= GRID_MAX;

export function spacetimeOf(p: ScenarioParams): Spacetime {
  return makeSpacetime(scheduleJSON(p));
}

export const createGridSlice: StateCreator<AppState, [], [], GridSlice> = (set, get) => ({
  grid: { notation: null, placement: null, message: null },
  dropDiagram: (notation, at) => {
    const s = get();
    if (!gridIsSmall(s)) {
      set({ grid: { notation: null, placement: null, message: `the grid is summarised above ${GRID_MAX}×${GRID_MAX}; make N and T smaller to place a diagram` } });
      return;
    }
    try {
      const d = parseDiagram(notation);
      validateFor(d, s.observable);
      const st = spacetimeOf(s);
      const found = findPlacement(d, s.observable, st, at);
      const placement = found ?? fallbackPlacement(d, s.observable, at ?? { n: 0, t: Math.max(0, st.T - 1) });
      const message = found ? null : `no legal placement of ${notation} exists on this spacetime (Emb = 0); the nodes were put on one cell`;
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
    if (g.placement && g.placement.rootRow !== undefined) set({ grid: { ...g, placement: { ...g.placement, rootRow: n } } });
  },
  clearPlacement: () => set({ grid: { notation: null, placement: null, message: null } }),
});
