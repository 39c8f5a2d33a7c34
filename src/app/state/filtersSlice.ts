// Which part of the catalogue is on screen: the two filters and the edge counts (the
// observable and the order belong to the scenario).
import type { StateCreator } from 'zustand';
import type { AppState } from './store';
import { initialFilters, type CatalogueFilters, type EdgesFilter, type TiesFilter } from '../derived/catalogue';

export interface FiltersSlice extends CatalogueFilters {
  setIrreducibleOnly: (on: boolean) => void;
  setTies: (t: TiesFilter) => void;
  setEdges: (e: EdgesFilter) => void;
}

export const createFiltersSlice: StateCreator<AppState, [], [], FiltersSlice> = (set) => ({
  ...initialFilters,
  setIrreducibleOnly: (irreducibleOnly) => set({ irreducibleOnly }),
  setTies: (ties) => set({ ties }),
  setEdges: (edges) => set({ edges }),
});
