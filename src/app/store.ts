// The explorer's single store, assembled from small slices (zustand slices pattern).
import { create } from 'zustand';
import { createFiltersSlice, type FiltersSlice } from './filtersSlice';
import { createGpuSlice, type GpuSlice } from './gpuSlice';

export type AppState = FiltersSlice & GpuSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createFiltersSlice(...a),
  ...createGpuSlice(...a),
}));
