// The explorer's single store, assembled from small slices (zustand slices pattern).
import { create } from 'zustand';
import { createEditorSlice, type EditorSlice } from './editorSlice';
import { createFiltersSlice, type FiltersSlice } from './filtersSlice';
import { createGpuSlice, type GpuSlice } from './gpuSlice';
import { createGridSlice, type GridSlice } from './gridSlice';
import { createPresetSlice, type PresetSlice } from './presetSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createScenarioSlice, type ScenarioSlice } from './scenarioSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';

export type AppState = FiltersSlice &
  GpuSlice &
  ScenarioSlice &
  RunSlice &
  EditorSlice &
  GridSlice &
  ViewSlice &
  PresetSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createFiltersSlice(...a),
  ...createGpuSlice(...a),
  ...createScenarioSlice(...a),
  ...createRunSlice(...a),
  ...createEditorSlice(...a),
  ...createGridSlice(...a),
  ...createViewSlice(...a),
  ...createPresetSlice(...a),
}));
