// Which part of the catalogue is on screen: observable, order (edges) and the two filters.
import type { StateCreator } from 'zustand';
import type { CatalogueQuery, ObservableKind, TiesFilter } from './catalogue';

export interface FiltersSlice extends CatalogueQuery {
  setObservable: (o: ObservableKind) => void;
  setOrder: (order: number) => void;
  setIrreducibleOnly: (on: boolean) => void;
  setTies: (t: TiesFilter) => void;
}

export const initialFilters: CatalogueQuery = {
  observable: 'test-loss',
  order: 3,
  irreducibleOnly: false,
  ties: 'any',
};

export const createFiltersSlice: StateCreator<FiltersSlice, [], [], FiltersSlice> = (set) => ({
  ...initialFilters,
  setObservable: (observable) => set({ observable }),
  setOrder: (order) => set({ order }),
  setIrreducibleOnly: (irreducibleOnly) => set({ irreducibleOnly }),
  setTies: (ties) => set({ ties }),
});
