// Which part of the catalogue is on screen: the two filters and the edge counts (the
// observable and the order belong to the scenario).
import type { StateCreator } from 'zustand';
import type { AppState } from './store';
import type { EdgesFilter, TiesFilter } from './catalogue';

export interface CatalogueFilters {
  irreducibleOnly: boolean;
  ties: TiesFilter;
  edges: EdgesFilter;
}

export interface FiltersSlice extends CatalogueFilters {
  setIrreducibleOnly: (on: boolean) => void;
  setTies: (t: TiesFilter) => void;
  setEdges: (e: EdgesFilter) => void;
}

export const initialFilters: CatalogueFilters = { irreducibleOnly: false, ties: 'any', edges: 'all' };

export const createFiltersSlice: StateCreator<AppState, [], [], FiltersSlice> = (set) => ({
  ...initialFilters,
  setIrreducibleOnly: (irreducibleOnly) => set({ irreducibleOnly }),
  setTies: (ties) => set({ ties }),
  setEdges: (edges) => set({ edges }),
});
